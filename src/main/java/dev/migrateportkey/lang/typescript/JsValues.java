package dev.migrateportkey.lang.typescript;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What JavaScript expressions hold, as far as one file tells: string literals, templates without
 * substitutions, {@code +} concatenations, and names bound by {@code const NAME = ...} in this
 * file or imported from {@code portkey-ai} with a known value.
 */
final class JsValues {
    private final Map<String, JsNode> constants = new HashMap<>();
    private final Map<String, String> known = new HashMap<>();

    JsValues(JsNode root) {
        for (JsNode decl : root.findAll(n -> n.is("variable_declarator"))) {
            JsNode name = decl.child("name");
            JsNode value = decl.child("value");
            JsNode declaration = decl.parent();
            if (name != null && value != null && name.is("identifier") && declaration != null
                    && declaration.is("lexical_declaration") && declaration.text().startsWith("const")) {
                if (constants.put(name.text(), value) != null) {
                    constants.put(name.text(), null);
                }
            }
        }
    }

    /**
     * The expression a name stands for when it is a {@code const} of this file (followed through
     * further names, parentheses and TypeScript's {@code as} / {@code satisfies}); else {@code e}.
     */
    JsNode definition(JsNode e) {
        JsNode cur = e;
        for (int i = 0; i < 8 && cur != null; i++) {
            if ((cur.is("parenthesized_expression") || cur.is("as_expression") || cur.is("satisfies_expression"))
                    && !cur.namedChildren().isEmpty()) {
                cur = cur.namedChildren().get(0);
            } else if (cur.is("identifier") && constants.get(cur.text()) != null) {
                cur = constants.get(cur.text());
            } else {
                break;
            }
        }
        return cur == null ? e : cur;
    }

    /** Declares that {@code name} holds {@code value} (an imported constant). */
    void know(String name, String value) {
        known.put(name, value);
    }

    Optional<String> resolve(JsNode e) {
        return Optional.ofNullable(resolve(e, 0));
    }

    private String resolve(JsNode e, int depth) {
        if (e == null || depth > 8) {
            return null;
        }
        switch (e.type()) {
            case "string":
                return literal(e);
            case "template_string":
                return literal(e);
            case "parenthesized_expression":
                return e.namedChildren().isEmpty() ? null : resolve(e.namedChildren().get(0), depth + 1);
            case "binary_expression": {
                JsNode op = e.child("operator");
                if (op == null || !op.text().equals("+")) {
                    return null;
                }
                String l = resolve(e.child("left"), depth + 1);
                String r = resolve(e.child("right"), depth + 1);
                return l == null || r == null ? null : l + r;
            }
            case "identifier": {
                if (known.containsKey(e.text())) {
                    return known.get(e.text());
                }
                JsNode v = constants.get(e.text());
                return v == null ? null : resolve(v, depth + 1);
            }
            default:
                return null;
        }
    }

    /** The value of a string literal or a template without substitutions, else null. */
    static String literal(JsNode n) {
        if (n.is("string")) {
            String raw = n.text();
            return raw.length() < 2 ? null : unescape(raw.substring(1, raw.length() - 1));
        }
        if (n.is("template_string")) {
            if (n.childOfType("template_substitution") != null) {
                return null;
            }
            String raw = n.text();
            return raw.length() < 2 ? null : unescape(raw.substring(1, raw.length() - 1));
        }
        return null;
    }

    /** The name an object entry gives its key ({@code a: 1}, {@code 'a': 1}, {@code a}), or null. */
    static String keyName(JsNode entry) {
        if (entry.is("shorthand_property_identifier")) {
            return entry.text();
        }
        if (!entry.is("pair")) {
            return null;
        }
        JsNode key = entry.child("key");
        if (key == null) {
            return null;
        }
        if (key.is("property_identifier")) {
            return key.text();
        }
        if (key.is("computed_property_name") && key.namedChildren().size() == 1
                && (key.namedChildren().get(0).is("string") || key.namedChildren().get(0).is("template_string"))) {
            // ["x-portkey-trace-id"]: a constant key in brackets names the same entry.
            return literal(key.namedChildren().get(0));
        }
        return literal(key);
    }

    /** The source of an entry's value ({@code a} for the shorthand {@code { a }}). */
    static String valueSource(JsNode entry) {
        if (entry.is("shorthand_property_identifier")) {
            return entry.text();
        }
        JsNode v = entry.child("value");
        return v == null ? null : v.text();
    }

    private static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 1 < s.length()) {
                char n = s.charAt(++i);
                switch (n) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    default -> out.append(n);
                }
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** {@code value} as a JavaScript string literal in the given quote character. */
    static String quote(String value, char q) {
        StringBuilder out = new StringBuilder().append(q);
        for (char c : value.toCharArray()) {
            if (c == q || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append(q).toString();
    }
}
