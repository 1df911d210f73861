package dev.migrateportkey.lang.properties;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.text.ScannedFile;
import dev.migrateportkey.lang.text.Setting;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Finds the entries of a {@code .properties} file as {@link java.util.Properties} reads them:
 * {@code #} and {@code !} comment lines, keys ended by an unescaped {@code =}, {@code :} or blank,
 * and values continued over lines ending in a backslash. A Spring map key
 * ({@code http-headers[x-portkey-trace-id]}) becomes a path segment of its own.
 */
final class PropertiesScanner {
    private PropertiesScanner() {
    }

    static ScannedFile scan(SourceText text) {
        List<Setting> settings = new ArrayList<>();
        BitSet comments = new BitSet();
        BitSet opaque = new BitSet();
        int line = 1;
        while (line <= text.lineCount()) {
            String l = text.lineText(line);
            int start = text.offset(line, 1);
            int i = 0;
            while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t' || l.charAt(i) == '\f')) {
                i++;
            }
            if (i == l.length()) {
                line++;
                continue;
            }
            if (l.charAt(i) == '#' || l.charAt(i) == '!') {
                comments.set(line);
                line++;
                continue;
            }
            int last = line;
            while (continues(text.lineText(last)) && last < text.lineCount()) {
                last++;
                opaque.set(last);
            }
            int keyFrom = i;
            while (i < l.length()) {
                char c = l.charAt(i);
                if (c == '\\') {
                    i += 2;
                    continue;
                }
                if (c == '=' || c == ':' || c == ' ' || c == '\t' || c == '\f') {
                    break;
                }
                i++;
            }
            int keyTo = Math.min(i, l.length());
            while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
                i++;
            }
            if (i < l.length() && (l.charAt(i) == '=' || l.charAt(i) == ':')) {
                i++;
            }
            while (i < l.length() && (l.charAt(i) == ' ' || l.charAt(i) == '\t')) {
                i++;
            }
            String rawKey = l.substring(keyFrom, keyTo);
            int valueStart = start + i;
            String lastLine = text.lineText(last);
            int valueEnd = text.offset(last, 1) + lastLine.length();
            if (last == line && valueEnd < valueStart) {
                valueEnd = valueStart;
            }
            int[] name = nameSpan(rawKey);
            settings.add(new Setting(path(rawKey), start + keyFrom + name[0], start + keyFrom + name[1],
                    valueStart, valueEnd, false, start, text.nextLineStart(text.offset(last, 1)), keyFrom));
            line = last + 1;
        }
        return new ScannedFile(settings, comments, opaque);
    }

    /** A line continues when it ends in an odd number of backslashes. */
    private static boolean continues(String l) {
        int n = 0;
        for (int i = l.length() - 1; i >= 0 && l.charAt(i) == '\\'; i--) {
            n++;
        }
        return n % 2 == 1;
    }

    /** {@code a.b[c].d} becomes {@code a.b.c.d}. */
    static String path(String key) {
        return key.replace("\\", "").replace("[", ".").replace("]", "").replace("..", ".");
    }

    /** The range of the last segment inside the raw key: after the last dot, or inside the last brackets. */
    private static int[] nameSpan(String key) {
        if (key.endsWith("]")) {
            int open = key.lastIndexOf('[');
            if (open >= 0) {
                return new int[]{open + 1, key.length() - 1};
            }
        }
        int dot = key.lastIndexOf('.');
        return new int[]{dot + 1, key.length()};
    }
}
