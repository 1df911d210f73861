package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Python string literals: their value, and new literals in the quote style of an existing one. */
final class PythonStrings {
    private PythonStrings() {
    }

    /**
     * The value of a plain string literal ({@code "x"}, {@code 'x'}, {@code r"x"}, triple-quoted,
     * implicit concatenation of such), or empty for f-strings with interpolations, bytes, and
     * anything that is not a string.
     */
    static Optional<String> value(Node n) {
        if (n == null) {
            return Optional.empty();
        }
        if (n.is("concatenated_string")) {
            StringBuilder b = new StringBuilder();
            for (Node part : n.namedChildren()) {
                if (part.is("comment")) {
                    continue;
                }
                Optional<String> v = value(part);
                if (v.isEmpty()) {
                    return Optional.empty();
                }
                b.append(v.get());
            }
            return Optional.of(b.toString());
        }
        if (!n.is("string")) {
            return Optional.empty();
        }
        String prefix = prefix(n);
        if (prefix.contains("b")) {
            return Optional.empty();
        }
        boolean raw = prefix.contains("r");
        StringBuilder b = new StringBuilder();
        for (Node c : n.children()) {
            switch (c.type()) {
                case "string_start", "string_end" -> {
                }
                case "string_content" -> b.append(c.text());
                case "escape_sequence" -> b.append(raw ? c.text() : unescape(c.text()));
                case "interpolation" -> {
                    return Optional.empty();
                }
                default -> b.append(c.text());
            }
        }
        // Older grammars nest escape sequences inside string_content; unescape what is left.
        return Optional.of(b.toString());
    }

    /** The prefix letters of a string literal, lower-cased ({@code f}, {@code rb}, ...). */
    static String prefix(Node string) {
        Node start = string.child(0);
        if (start == null || !start.is("string_start")) {
            return "";
        }
        String t = start.text();
        int q = 0;
        while (q < t.length() && t.charAt(q) != '"' && t.charAt(q) != '\'') {
            q++;
        }
        return t.substring(0, q).toLowerCase(Locale.ROOT);
    }

    /** The quote character a string literal uses. */
    static char quoteOf(Node string) {
        Node s = string.is("concatenated_string") ? string.namedChildren().get(0) : string;
        Node start = s.child(0);
        String t = start == null ? "\"" : start.text();
        return t.indexOf('\'') >= 0 && t.indexOf('"') < 0 ? '\'' : '"';
    }

    /** A literal for {@code value} with the given quote character. */
    static String quote(String value, char q) {
        StringBuilder b = new StringBuilder().append(q);
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c == q) {
                        b.append('\\');
                    }
                    b.append(c);
                }
            }
        }
        return b.append(q).toString();
    }

    static String quote(String value) {
        return quote(value, '"');
    }

    private static String unescape(String esc) {
        if (esc.length() < 2) {
            return esc;
        }
        char c = esc.charAt(1);
        return switch (c) {
            case 'n' -> "\n";
            case 't' -> "\t";
            case 'r' -> "\r";
            case '\\' -> "\\";
            case '\'' -> "'";
            case '"' -> "\"";
            case '\n' -> "";
            case '0' -> "\0";
            case 'x' -> esc.length() == 4 ? String.valueOf((char) Integer.parseInt(esc.substring(2), 16)) : esc;
            case 'u' -> esc.length() == 6 ? String.valueOf((char) Integer.parseInt(esc.substring(2), 16)) : esc;
            default -> esc;
        };
    }

    /** A Python literal for a JSON-shaped value (maps, lists, strings, numbers, booleans, null). */
    static String literal(Object value) {
        if (value == null) {
            return "None";
        }
        if (value instanceof Boolean bool) {
            return bool ? "True" : "False";
        }
        if (value instanceof Number num) {
            return num.toString();
        }
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof Map<?, ?> m) {
            StringBuilder b = new StringBuilder("{");
            boolean first = true;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (!first) {
                    b.append(", ");
                }
                first = false;
                b.append(quote(String.valueOf(e.getKey()))).append(": ").append(literal(e.getValue()));
            }
            return b.append('}').toString();
        }
        if (value instanceof List<?> l) {
            StringBuilder b = new StringBuilder("[");
            for (int i = 0; i < l.size(); i++) {
                if (i > 0) {
                    b.append(", ");
                }
                b.append(literal(l.get(i)));
            }
            return b.append(']').toString();
        }
        return quote(String.valueOf(value));
    }
}
