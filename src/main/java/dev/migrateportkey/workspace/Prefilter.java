package dev.migrateportkey.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * The byte-level test that decides whether a file is worth parsing: does it mention Portkey
 * (case-insensitively), or one of the names a first pass found carrying a Portkey value across
 * files. Most files of a large tree fail it and are never decoded or parsed.
 *
 * <p>Both searches are Boyer-Moore-Horspool: the byte under the end of the pattern decides how far
 * to skip, so most of a file is never compared byte by byte (up to 7 bytes per step for
 * "portkey"). This is what keeps {@code check} near grep speed on a large tree.
 */
public final class Prefilter {
    private static final Needle PORTKEY = new Needle("portkey".getBytes(StandardCharsets.US_ASCII), true);

    private final List<Needle> names;

    public Prefilter(Collection<String> extraNames) {
        this.names = extraNames.stream().filter(n -> !n.isEmpty()).sorted()
                .map(n -> new Needle(n.getBytes(StandardCharsets.UTF_8), false)).toList();
    }

    /** Case-insensitive search for "portkey". */
    public static boolean mentionsPortkey(byte[] bytes) {
        return mentionsPortkey(bytes, bytes.length);
    }

    /** Case-insensitive search for "portkey" in the first {@code length} bytes. */
    public static boolean mentionsPortkey(byte[] bytes, int length) {
        return PORTKEY.find(bytes, length) >= 0;
    }

    /** Whether the file holds one of the extra names (case-sensitive, as identifiers are). */
    public boolean mentionsName(byte[] bytes) {
        return mentionsName(bytes, bytes.length);
    }

    /** Whether the first {@code length} bytes hold one of the extra names. */
    public boolean mentionsName(byte[] bytes, int length) {
        for (Needle n : names) {
            if (n.find(bytes, length) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether there is any name to look for. */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    static int indexOf(byte[] hay, byte[] needle) {
        return new Needle(needle, false).find(hay, hay.length);
    }

    /** True when the first 8 KiB hold a NUL byte, as git decides. */
    public static boolean looksBinary(byte[] bytes) {
        return looksBinary(bytes, bytes.length);
    }

    /** True when the first 8 KiB of the first {@code length} bytes hold a NUL byte. */
    public static boolean looksBinary(byte[] bytes, int length) {
        int n = Math.min(length, 8000);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** A pattern with its Horspool skip table; ASCII letters fold case when asked. */
    private static final class Needle {
        private final byte[] pattern;
        private final boolean foldCase;
        private final int[] skip = new int[256];

        Needle(byte[] pattern, boolean foldCase) {
            this.foldCase = foldCase;
            this.pattern = foldCase ? lower(pattern) : pattern.clone();
            int m = this.pattern.length;
            Arrays.fill(skip, m);
            for (int i = 0; i < m - 1; i++) {
                int b = this.pattern[i] & 0xff;
                skip[b] = m - 1 - i;
                if (foldCase && b >= 'a' && b <= 'z') {
                    skip[b - 32] = m - 1 - i;
                }
            }
        }

        private static byte[] lower(byte[] p) {
            byte[] out = p.clone();
            for (int i = 0; i < out.length; i++) {
                if (out[i] >= 'A' && out[i] <= 'Z') {
                    out[i] += 32;
                }
            }
            return out;
        }

        private byte fold(byte b) {
            return foldCase && b >= 'A' && b <= 'Z' ? (byte) (b + 32) : b;
        }

        int find(byte[] hay, int length) {
            int m = pattern.length;
            if (m == 0) {
                return 0;
            }
            byte last = pattern[m - 1];
            int end = Math.min(length, hay.length);
            int i = m - 1;
            while (i < end) {
                byte b = hay[i];
                if (fold(b) == last) {
                    int start = i - m + 1;
                    int j = 0;
                    while (j < m - 1 && fold(hay[start + j]) == pattern[j]) {
                        j++;
                    }
                    if (j == m - 1) {
                        return start;
                    }
                }
                i += skip[b & 0xff];
            }
            return -1;
        }
    }
}
