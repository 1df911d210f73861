package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ConfigText;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Portkey Configs as JavaScript code holds them, in and out: an object literal,
 * {@code JSON.stringify({...})}, a JSON string or a saved Config's id (read), and JSON-shaped
 * values written back as JavaScript literals in the file's own quote style.
 */
final class JsConfigs {
    private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_$][A-Za-z0-9_$]*");
    /** Marks JSON null inside maps and lists (a Java null would read as "absent"). */
    private static final Object NULL = new Object();

    private JsConfigs() {
    }

    /** What the expression holds: an inline Config, a saved id, or nothing the tool can read. */
    static Optional<ConfigText.Parsed> read(JsNode e, JsValues values) {
        JsNode node = values.definition(e);
        if (node.is("call_expression") && node.child("function") != null
                && node.child("function").text().equals("JSON.stringify") && node.child("arguments") != null
                && !node.child("arguments").namedChildren().isEmpty()) {
            node = values.definition(node.child("arguments").namedChildren().get(0));
        }
        if (node.is("object")) {
            Object v = json(node, values, 0);
            if (v instanceof Map<?, ?> m) {
                @SuppressWarnings("unchecked")
                Map<String, Object> config = (Map<String, Object>) m;
                return Optional.of(new ConfigText.Inline(config));
            }
            return Optional.empty();
        }
        return values.resolve(node).map(ConfigText::parse);
    }

    /** An object literal as a JSON-shaped value, or null when part of it is not a literal. */
    private static Object json(JsNode n, JsValues values, int depth) {
        if (depth > 32) {
            return null;
        }
        JsNode node = values.definition(n);
        switch (node.type()) {
            case "object": {
                Map<String, Object> out = new LinkedHashMap<>();
                for (JsNode entry : node.namedChildren()) {
                    String key = JsValues.keyName(entry);
                    if (key == null && entry.is("pair") && entry.child("key").is("number")) {
                        key = entry.child("key").text();
                    }
                    if (key == null || !entry.is("pair")) {
                        return null;
                    }
                    Object v = json(entry.child("value"), values, depth + 1);
                    if (v == null) {
                        return null;
                    }
                    out.put(key, v == NULL ? null : v);
                }
                return out;
            }
            case "array": {
                List<Object> out = new ArrayList<>();
                for (JsNode item : node.namedChildren()) {
                    Object v = json(item, values, depth + 1);
                    if (v == null) {
                        return null;
                    }
                    out.add(v == NULL ? null : v);
                }
                return out;
            }
            case "number": {
                String t = node.text().replace("_", "");
                try {
                    return t.contains(".") || t.contains("e") || t.contains("E") ? (Object) Double.parseDouble(t) : (Object) Long.parseLong(t);
                } catch (NumberFormatException ex) {
                    return null;
                }
            }
            case "true":
                return Boolean.TRUE;
            case "false":
                return Boolean.FALSE;
            case "null":
                return NULL;
            case "unary_expression": {
                if (node.text().startsWith("-")) {
                    Object v = json(node.namedChildren().get(0), values, depth + 1);
                    if (v instanceof Long l) {
                        return -l;
                    }
                    if (v instanceof Double d) {
                        return -d;
                    }
                }
                return null;
            }
            default:
                return values.resolve(node).orElse(null);
        }
    }

    /** A JSON-shaped value as a JavaScript literal on one line. */
    static String render(Object value, char quote) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Map<?, ?> m) {
            if (m.isEmpty()) {
                return "{}";
            }
            List<String> parts = new ArrayList<>();
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String k = String.valueOf(e.getKey());
                parts.add((IDENTIFIER.matcher(k).matches() ? k : JsValues.quote(k, quote)) + ": " + render(e.getValue(), quote));
            }
            return "{ " + String.join(", ", parts) + " }";
        }
        if (value instanceof List<?> l) {
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                parts.add(render(o, quote));
            }
            return "[" + String.join(", ", parts) + "]";
        }
        if (value instanceof String s) {
            return JsValues.quote(s, quote);
        }
        return String.valueOf(value);
    }

    /** A key as it can stand in an object literal. */
    static String key(String k, char quote) {
        return IDENTIFIER.matcher(k).matches() ? k : JsValues.quote(k, quote);
    }
}
