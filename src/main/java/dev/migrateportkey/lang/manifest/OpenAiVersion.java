package dev.migrateportkey.lang.manifest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Whether a version constraint on the OpenAI SDK that a manifest already has can reach the minimum
 * a {@code dependency} rule names (the first release with the Responses API). Only constraints that
 * cap the version are judged: an exact pin ({@code ==1.30.0}, {@code "1.30.0"}), an upper bound
 * ({@code <1.50}), npm's {@code ^} (same major) and {@code ~} (same minor). Anything else can reach it.
 */
final class OpenAiVersion {
    private static final Pattern PIN = Pattern.compile("(===?|<=?|\\^|~=?|^)[ \\t]*v?([0-9]+(?:\\.[0-9]+)*)");

    private OpenAiVersion() {
    }

    /** True when every version {@code constraint} allows is below {@code minimum}. */
    static boolean capsBelow(String constraint, String minimum) {
        String c = constraint.strip();
        if (c.contains(",") || c.contains("||") || c.contains(">")) {
            return false;
        }
        Matcher m = PIN.matcher(c);
        if (!m.find() || m.end() != c.length()) {
            return false;
        }
        String op = m.group(1);
        String v = m.group(2);
        int cmp = compare(v, minimum);
        return switch (op) {
            case "==", "===", "" -> cmp < 0;
            case "<" -> cmp <= 0;
            case "<=" -> cmp < 0;
            case "^" -> part(v, 0) < part(minimum, 0);
            // npm ~1.2.3 stays within 1.2.x; PEP 440 ~=1.2 within 1.x and ~=1.2.3 within 1.2.x.
            case "~" -> sameMinorBelow(v, minimum);
            case "~=" -> v.split("\\.").length <= 2 ? part(v, 0) < part(minimum, 0) : sameMinorBelow(v, minimum);
            default -> false;
        };
    }

    private static boolean sameMinorBelow(String v, String minimum) {
        return part(v, 0) < part(minimum, 0) || (part(v, 0) == part(minimum, 0) && part(v, 1) < part(minimum, 1));
    }

    static int compare(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int d = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (d != 0) {
                return d;
            }
        }
        return 0;
    }

    private static int part(String v, int i) {
        String[] p = v.split("\\.");
        return i < p.length ? Integer.parseInt(p[i]) : 0;
    }
}
