package dev.migrateportkey.lang.java;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Writes a JSON-shaped value (maps, lists, strings, numbers, booleans) as a Java expression built
 * from {@code Map.of}, {@code List.of} and literals, so that the inserted code compiles and a JSON
 * library (openai-java's {@code JsonValue.from}, LangChain4j's {@code customParameters}) serialises it
 * back to the same JSON. Nulls cannot live in {@code Map.of}: entries holding null are left out.
 */
final class JavaJsonLiterals {
    /** {@code Map.of} takes at most ten pairs; longer maps use {@code Map.ofEntries}. */
    private static final int MAP_OF_LIMIT = 10;

    private final JavaImports imports;

    JavaJsonLiterals(JavaImports imports) {
        this.imports = imports;
    }

    String render(Object value) {
        if (value instanceof Map<?, ?> m) {
            String map = imports.use("java.util.Map");
            List<String> parts = new ArrayList<>();
            boolean entries = m.size() > MAP_OF_LIMIT;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                if (e.getValue() == null) {
                    continue;
                }
                String k = JavaStrings.quote(String.valueOf(e.getKey()));
                String v = render(e.getValue());
                parts.add(entries ? map + ".entry(" + k + ", " + v + ")" : k + ", " + v);
            }
            return map + (entries ? ".ofEntries(" : ".of(") + String.join(", ", parts) + ")";
        }
        if (value instanceof List<?> l) {
            String list = imports.use("java.util.List");
            List<String> parts = new ArrayList<>();
            for (Object o : l) {
                if (o != null) {
                    parts.add(render(o));
                }
            }
            return list + ".of(" + String.join(", ", parts) + ")";
        }
        if (value instanceof String s) {
            return JavaStrings.quote(s);
        }
        if (value instanceof Long n) {
            return n >= Integer.MIN_VALUE && n <= Integer.MAX_VALUE ? n.toString() : n + "L";
        }
        if (value instanceof BigInteger n) {
            return n.toString() + "L";
        }
        if (value instanceof BigDecimal n) {
            return n.toPlainString();
        }
        if (value instanceof Number || value instanceof Boolean) {
            return value.toString();
        }
        throw new IllegalArgumentException("not JSON-shaped: " + value);
    }
}
