package dev.migrateportkey.lang.java;

import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.lang.ProjectIndex;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The cheap first pass: finds {@code static final String} constants whose value mentions Portkey,
 * without parsing, so that files using them elsewhere are parsed and resolved too.
 */
final class ConstantScanner {
    private static final Pattern TYPE = Pattern.compile("\\b(class|interface|enum|record)\\s+([A-Za-z_$][\\w$]*)");
    private static final Pattern PACKAGE = Pattern.compile("^\\s*package\\s+([\\w.]+)\\s*;", Pattern.MULTILINE);
    private static final Pattern CONSTANT = Pattern.compile(
            "\\b((?:(?:public|protected|private)\\s+)?)(static\\s+final\\s+|final\\s+static\\s+)?String\\s+([A-Za-z_$][\\w$]*)\\s*=\\s*([^;]{1,2000});");
    private static final Pattern PART = Pattern.compile("\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([A-Za-z_$][\\w$.]*))\\s*(\\+|$)");

    /** The letters a match of TYPE, and of CONSTANT, can begin with (after its word boundary). */
    private static final String TYPE_STARTS = "ceir";
    private static final String CONSTANT_STARTS = "fpsS";

    private ConstantScanner() {
    }

    /**
     * {@code m.find()} from {@code from}, trying a match only where the text has one of the letters
     * a match can start with: the same matches in the same order, without the regex engine's
     * attempt at every position of the file (this pass runs over every file that mentions Portkey).
     *
     * @return the end of the match found (where the next search starts), or -1
     */
    private static int next(Matcher m, String text, int from, String starts) {
        m.useTransparentBounds(true);   // \b at a region's start looks at the character before it
        int n = text.length();
        for (int i = from; i < n; i++) {
            if (starts.indexOf(text.charAt(i)) >= 0) {
                m.region(i, n);
                if (m.lookingAt()) {
                    // An empty match cannot occur (both patterns start with a keyword), so the
                    // next search starts at its end, as find() would.
                    return m.end();
                }
            }
        }
        return -1;
    }

    /**
     * Records the file's Portkey constants; for {@code file} (may be null) also the constants that
     * hold an {@code x-portkey-*} header name, so that they can go once nothing uses them.
     *
     * @param relativePath  the file's path relative to the scanned root, '/'-separated: a
     *                      package-private constant is looked for only in its package's directories
     */
    static void scan(java.nio.file.Path file, String text, String relativePath, ProjectIndex index) {
        List<TypeAt> types = null;   // found on the first Portkey constant: most files have none
        Matcher pkg = PACKAGE.matcher(text);
        String packagePath = pkg.find() ? pkg.group(1).replace('.', '/') : "";
        int slash = relativePath.lastIndexOf('/');
        String directory = slash < 0 ? "" : relativePath.substring(0, slash);
        Map<String, String> local = new HashMap<>();
        Matcher m = CONSTANT.matcher(text);
        int from = 0;
        while ((from = next(m, text, from, CONSTANT_STARTS)) >= 0) {
            String value = evaluate(m.group(4).strip(), local, index);
            if (value == null) {
                continue;
            }
            if (m.group(2) == null) {
                // Without "static final" only a field declared directly in an interface is a
                // constant (implicitly so); looked at only for values this pass records.
                if (!value.toLowerCase(Locale.ROOT).contains("portkey") && !ConfigText.looksLikeConfig(value)) {
                    continue;
                }
                if (types == null) {
                    types = types(text);
                }
                if (!directlyInInterface(text, types, m.start())) {
                    continue;
                }
            }
            local.put(m.group(3), value);
            // Portkey values, and inline Configs (which seldom say "portkey") used from other files.
            if (value.toLowerCase(Locale.ROOT).contains("portkey") || ConfigText.looksLikeConfig(value)) {
                if (types == null) {
                    types = types(text);
                }
                String[] owner = ownerAt(types, m.start());
                index.constant(owner[1], m.group(3), value, reach(m.group(1).strip(), owner[0], packagePath),
                        packagePath, directory);
                if (file != null && value.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
                    index.headerConstant(new ProjectIndex.HeaderConstant(file, owner[1], m.group(3), m.group(4)));
                }
            }
        }
    }

    /**
     * Java's visibility: private stays in its file; no modifier in a class is package-private (in an
     * interface it is public); a constant of the default package may be used from any directory,
     * since any directory can be a source root.
     */
    private static ProjectIndex.Reach reach(String modifier, String ownerKind, String packagePath) {
        if (modifier.equals("private")) {
            return ProjectIndex.Reach.FILE;
        }
        if (modifier.isEmpty() && !"interface".equals(ownerKind) && !packagePath.isEmpty()) {
            return ProjectIndex.Reach.PACKAGE;
        }
        return ProjectIndex.Reach.EVERYWHERE;
    }

    /**
     * Whether {@code at} lies directly in the body of the interface declared last before it: one
     * brace deeper than its keyword (braces in strings and comments are not told apart; a miss
     * only keeps a field out of the index).
     */
    private static boolean directlyInInterface(String text, List<TypeAt> types, int at) {
        TypeAt owner = null;
        for (TypeAt t : types) {
            if (t.start() < at) {
                owner = t;
            }
        }
        if (owner == null || !owner.kind().equals("interface")) {
            return false;
        }
        int depth = 0;
        for (int i = owner.start(); i < at; i++) {
            char c = text.charAt(i);
            if (c == '{') {
                depth++;
            } else if (c == '}') {
                depth--;
            }
        }
        return depth == 1;
    }

    /** A type declaration's keyword position, kind and name. */
    private record TypeAt(int start, String kind, String name) {
    }

    /** Every type declaration of the file, in order: one regex pass, not one per constant. */
    private static List<TypeAt> types(String text) {
        List<TypeAt> out = new ArrayList<>();
        Matcher t = TYPE.matcher(text);
        int from = 0;
        while ((from = next(t, text, from, TYPE_STARTS)) >= 0) {
            out.add(new TypeAt(t.start(), t.group(1), t.group(2)));
        }
        return out;
    }

    /**
     * The nearest type declared before {@code at} (kind, name), else the file's first type: good
     * enough for constants holders.
     */
    private static String[] ownerAt(List<TypeAt> types, int at) {
        if (types.isEmpty()) {
            return new String[] {null, null};
        }
        TypeAt owner = types.get(0);
        for (TypeAt t : types) {
            if (t.start() >= at) {
                break;
            }
            owner = t;
        }
        return new String[] {owner.kind(), owner.name()};
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
