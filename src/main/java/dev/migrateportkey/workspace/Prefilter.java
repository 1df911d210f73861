package dev.migrateportkey.workspace;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.List;

/**
 * The byte-level test that decides whether a file is worth parsing: does it mention Portkey
 * (case-insensitively), or one of the names a first pass found carrying a Portkey value across
 * files. Most files of a large tree fail it and are never decoded or parsed.
 */
public final class Prefilter {
    private static final byte[] PORTKEY = "portkey".getBytes(StandardCharsets.US_ASCII);

    private final List<byte[]> names;

    public Prefilter(Collection<String> extraNames) {
        this.names = extraNames.stream().filter(n -> !n.isEmpty()).map(n -> n.getBytes(StandardCharsets.UTF_8)).toList();
    }

    /** Case-insensitive search for "portkey". */
    public static boolean mentionsPortkey(byte[] bytes) {
        int last = bytes.length - PORTKEY.length;
        for (int i = 0; i <= last; i++) {
            if ((bytes[i] | 0x20) == 'p') {
                int j = 1;
                while (j < PORTKEY.length && (bytes[i + j] | 0x20) == PORTKEY[j]) {
                    j++;
                }
                if (j == PORTKEY.length) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Whether the file holds one of the extra names (case-sensitive, as identifiers are). */
    public boolean mentionsName(byte[] bytes) {
        for (byte[] n : names) {
            if (indexOf(bytes, n) >= 0) {
                return true;
            }
        }
        return false;
    }

    static int indexOf(byte[] hay, byte[] needle) {
        int last = hay.length - needle.length;
        byte first = needle[0];
        outer:
        for (int i = 0; i <= last; i++) {
            if (hay[i] != first) {
                continue;
            }
            for (int j = 1; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** True when the first 8 KiB hold a NUL byte, as git decides. */
    public static boolean looksBinary(byte[] bytes) {
        int n = Math.min(bytes.length, 8000);
        for (int i = 0; i < n; i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
