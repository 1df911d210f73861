package dev.migrateportkey.lang.hcl;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.text.ScannedFile;
import dev.migrateportkey.lang.text.Setting;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads Terraform and other HCL files line by line into {@link Setting}s: each one-line attribute
 * {@code NAME = value} (an entry of a Lambda's {@code environment { variables = {...} }}, a
 * container definition, a {@code .tfvars} value) with its name and its value (inside the quotes
 * for a string; an expression such as {@code var.key} is not a value the rules rewrite). Blocks and multi-line values are not entries;
 * heredoc bodies are opaque (nothing is inserted in them). {@code #} and {@code //} start comments.
 */
final class HclScanner {
    private static final Pattern ATTRIBUTE = Pattern.compile(
            "^([ \\t]*)(\"?)([A-Za-z_][A-Za-z0-9_.-]*)\\2[ \\t]*=[ \\t]*(?!=)(.*)$");
    private static final Pattern HEREDOC = Pattern.compile("<<-?([A-Za-z_]+)[ \\t]*$");

    private HclScanner() {
    }

    static ScannedFile scan(SourceText text) {
        List<Setting> out = new ArrayList<>();
        BitSet comments = new BitSet();
        BitSet opaque = new BitSet();
        String heredoc = null;
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            String t = l.strip();
            if (heredoc != null) {
                opaque.set(line);
                if (t.equals(heredoc)) {
                    heredoc = null;
                }
                continue;
            }
            if (t.startsWith("#") || t.startsWith("//")) {
                comments.set(line);
                continue;
            }
            Matcher h = HEREDOC.matcher(l);
            if (h.find()) {
                heredoc = h.group(1);
                continue;
            }
            Matcher m = ATTRIBUTE.matcher(l);
            if (!m.matches()) {
                continue;
            }
            String rest = m.group(4);
            int ls = text.offset(line, 1);
            int restStart = ls + m.start(4);
            int[] value = value(rest);
            if (value == null) {
                continue;
            }
            int keyStart = ls + m.start(3);
            int keyEnd = ls + m.end(3);
            // Only a string is a value the rules may rewrite: an expression (var.x, local.y) is
            // code, and stays for the sweep to report when it still names Portkey.
            boolean string = rest.startsWith("\"");
            out.add(Setting.of(m.group(3), keyStart, keyEnd, string ? restStart + value[0] : -1,
                    string ? restStart + value[1] : -1, ls, text.nextLineStart(ls), m.group(1).length()));
        }
        return new ScannedFile(out, comments, opaque);
    }

    /**
     * The value range within the text after {@code =}: inside the quotes of a one-line string, or
     * the expression up to a trailing comma or comment; null for a value that opens a block or list
     * continued on later lines.
     */
    private static int[] value(String rest) {
        if (rest.startsWith("\"")) {
            for (int i = 1; i < rest.length(); i++) {
                char c = rest.charAt(i);
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    String after = rest.substring(i + 1).strip();
                    boolean clean = after.isEmpty() || after.equals(",") || after.startsWith("#") || after.startsWith("//");
                    return clean ? new int[] {1, i} : null;
                }
            }
            return null;
        }
        int end = rest.length();
        int hash = rest.indexOf(" #");
        int slashes = rest.indexOf(" //");
        if (hash >= 0) {
            end = Math.min(end, hash);
        }
        if (slashes >= 0) {
            end = Math.min(end, slashes);
        }
        String v = rest.substring(0, end).stripTrailing();
        if (v.endsWith(",")) {
            v = v.substring(0, v.length() - 1).stripTrailing();
        }
        if (v.isEmpty() || v.endsWith("{") || v.endsWith("[") || v.endsWith("(")) {
            return null;
        }
        return new int[] {0, v.length()};
    }
}
