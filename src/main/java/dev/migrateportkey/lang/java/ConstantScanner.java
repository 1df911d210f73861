package dev.migrateportkey.lang.java;

import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.lang.ProjectIndex;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cheap first pass: finds {@code static final String} constants whose value mentions Portkey,
 * without parsing, so that files using them elsewhere are parsed and resolved too.
 */
final class ConstantScanner {
    private static final Pattern TYPE = Pattern.compile("\\b(?:class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern CONSTANT = Pattern.compile(
            "\\b(?:static\\s+final|final\\s+static)\\s+String\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*([^;]{1,2000});");
    private static final Pattern PART = Pattern.compile("\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([A-Za-z_$][\\w$.]*))\\s*(\\+|$)");

    private ConstantScanner() {
    }

    static void scan(String text, ProjectIndex index) {
        scan(null, text, index);
    }

    /** Also records, for {@code file}, the constants that hold an {@code x-portkey-*} header name. */
    static void scan(java.nio.file.Path file, String text, ProjectIndex index) {
        Matcher t = TYPE.matcher(text);
        String owner = t.find() ? t.group(1) : null;
        Map<String, String> local = new HashMap<>();
        Matcher m = CONSTANT.matcher(text);
        while (m.find()) {
            String value = evaluate(m.group(2).strip(), local, index);
            if (value == null) {
                continue;
            }
            local.put(m.group(1), value);
            // Portkey values, and inline Configs (which seldom say "portkey") used from other files.
            if (value.toLowerCase(Locale.ROOT).contains("portkey") || ConfigText.looksLikeConfig(value)) {
                String declaredIn = ownerAt(text, m.start(), owner);
                index.constant(declaredIn, m.group(1), value);
                if (file != null && value.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
                    index.headerConstant(new ProjectIndex.HeaderConstant(file, declaredIn, m.group(1), m.group(2)));
                }
            }
        }
    }

    /** The nearest type declared before {@code at}: good enough for constants holders. */
    private static String ownerAt(String text, int at, String fallback) {
        Matcher t = TYPE.matcher(text);
        String owner = fallback;
        while (t.find() && t.start() < at) {
            owner = t.group(1);
        }
        return owner;
    }

    private static String evaluate(String expr, Map<String, String> local, ProjectIndex index) {
        StringBuilder sb = new StringBuilder();
        Matcher p = PART.matcher(expr);
        int pos = 0;
        while (pos < expr.length()) {
            p.region(pos, expr.length());
            if (!p.lookingAt()) {
                return null;
            }
            if (p.group(1) != null) {
                sb.append(JavaStrings.unescape(p.group(1)));
            } else {
                String name = p.group(2);
                String v = local.get(name);
                if (v == null) {
                    v = index.constant(name).orElse(null);
                }
                if (v == null) {
                    return null;
                }
                sb.append(v);
            }
            if (p.end() == pos) {
                return null;
            }
            pos = p.end();
            if (p.group(3).isEmpty()) {
                break;
            }
        }
        return sb.toString();
    }
}
