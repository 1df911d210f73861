package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a Python literal (dict, list, tuple, string, number, True/False/None) as a JSON-shaped
 * Java value, for the Config decomposer. Anything computed at run time makes the whole value
 * unreadable (empty), never half-read.
 */
final class PythonValues {
    /** Marks a value that is not a literal. */
    private static final Object NOT_LITERAL = new Object();

    private PythonValues() {
    }

    /** The dict literal {@code n} as a map with string keys, or empty. */
    @SuppressWarnings("unchecked")
    static Optional<Map<String, Object>> dict(Node n) {
        if (n == null || !n.is("dictionary")) {
            return Optional.empty();
        }
        Object v = value(n);
        return v == NOT_LITERAL ? Optional.empty() : Optional.of((Map<String, Object>) v);
    }

    private static Object value(Node n) {
        switch (n.type()) {
            case "dictionary" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                for (Node c : n.namedChildren()) {
                    if (c.is("comment")) {
                        continue;
                    }
                    if (!c.is("pair")) {
                        return NOT_LITERAL;
                    }
                    Optional<String> key = PythonStrings.value(c.field("key"));
                    Object v = c.field("value") == null ? NOT_LITERAL : value(c.field("value"));
                    if (key.isEmpty() || v == NOT_LITERAL) {
                        return NOT_LITERAL;
                    }
                    out.put(key.get(), v);
                }
                return out;
            }
            case "list", "tuple" -> {
                List<Object> out = new ArrayList<>();
                for (Node c : n.namedChildren()) {
                    if (c.is("comment")) {
                        continue;
                    }
                    Object v = value(c);
                    if (v == NOT_LITERAL) {
                        return NOT_LITERAL;
                    }
                    out.add(v);
                }
                return out;
            }
            case "string", "concatenated_string" -> {
                return PythonStrings.value(n).map(s -> (Object) s).orElse(NOT_LITERAL);
            }
            case "integer" -> {
                try {
                    return Long.parseLong(n.text().replace("_", ""));
                } catch (NumberFormatException e) {
                    return NOT_LITERAL;
                }
            }
            case "float" -> {
                try {
                    return new BigDecimal(n.text().replace("_", "")).doubleValue();
                } catch (NumberFormatException e) {
                    return NOT_LITERAL;
                }
            }
            case "true" -> {
                return Boolean.TRUE;
            }
            case "false" -> {
                return Boolean.FALSE;
            }
            case "none" -> {
                return null;
            }
            case "unary_operator" -> {
                Node arg = n.field("argument");
                Object v = arg == null ? NOT_LITERAL : value(arg);
                if (n.text().startsWith("-") && v instanceof Long l) {
                    return -l;
                }
                if (n.text().startsWith("-") && v instanceof Double d) {
                    return -d;
                }
                return NOT_LITERAL;
            }
            case "parenthesized_expression" -> {
                List<Node> inner = n.namedChildren();
                return inner.size() == 1 ? value(inner.get(0)) : NOT_LITERAL;
            }
            default -> {
                return NOT_LITERAL;
            }
        }
    }
}
