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

    /**
     * The tool's own TODO marker ({@code FileMigration.TODO_MARK}): a manual item whose Portkey text
     * a rewrite removed must keep failing {@code check} until a human deletes its TODO, even in a
     * file that no longer says "portkey" anywhere else.
     */
    private static final Needle TODO_MARK = new Needle("TODO(concentrate-migration)".getBytes(StandardCharsets.US_ASCII), false);

    /** Keys only a Portkey Config has, quoted as JSON writes them: a Config file need not say "portkey". */
    private static final List<Needle> CONFIG_KEYS = List.of(
            new Needle("\"virtual_key\"".getBytes(StandardCharsets.US_ASCII), false),
            new Needle("\"override_params\"".getBytes(StandardCharsets.US_ASCII), false),
            new Needle("\"strategy\"".getBytes(StandardCharsets.US_ASCII), false));

    private final List<Needle> names;

    public Prefilter(Collection<String> extraNames) {
        this.names = extraNames.stream().filter(n -> !n.isEmpty()).sorted()
                .map(n -> new Needle(n.getBytes(StandardCharsets.UTF_8), false)).toList();
    }

    /** Case-insensitive search for "portkey". */
    public static boolean mentionsPortkey(byte[] bytes) {
        return mentionsPortkey(bytes, bytes.length);
    }

    /**
     * Case-insensitive search for "portkey" in the first {@code length} bytes, as a word or the start
     * of a camel-case part: {@code x-portkey-}, {@code api.portkey.ai}, {@code PORTKEY_API_KEY},
     * {@code Portkey}, {@code getPortkeyClient}. Inside a word ({@code importKey}, {@code exportKeying},
     * {@code -importkeystore}, {@code IMPORTKEY}) it is "import"/"export"/"support" + "key": nothing a
     * rule can match (headers, URLs, variables and SDK names all start a word), and a file whose
     * only use comes through a constant of another file is still found by the second, by-name pass.
     * On the JDK's sources this keeps 19 large files of key-management code from being parsed.
     */
    public static boolean mentionsPortkey(byte[] bytes, int length) {
        int from = 0;
        int at;
        while ((at = PORTKEY.find(bytes, from, length)) >= 0) {
            if (at == 0 || startsAWordPart(bytes[at - 1], bytes[at])) {
                return true;
            }
            from = at + 1;
        }
        return false;
    }

    /**
     * Where the first mention of "portkey" in {@code text} starts, by the same word-start rule as
     * {@link #mentionsPortkey(byte[], int)}; -1 if there is none. For migrators that report lines.
     */
    public static int indexOfMention(CharSequence text) {
        int n = text.length();
        for (int at = 0; at + 7 <= n; at++) {
            if (regionMatchesPortkey(text, at) && (at == 0 || startsAWordPart(text.charAt(at - 1), text.charAt(at)))) {
                return at;
            }
        }
        return -1;
    }

    private static boolean regionMatchesPortkey(CharSequence text, int at) {
        for (int i = 0; i < 7; i++) {
            char c = text.charAt(at + i);
            // ASCII folding only, as the byte search does (Character.toLowerCase maps the Kelvin sign to 'k').
            if ((c >= 'A' && c <= 'Z' ? (char) (c + 32) : c) != "portkey".charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean startsAWordPart(int before, int p) {
        boolean letterBefore = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z');
        return !letterBefore || (before >= 'a' && before <= 'z' && p == 'P');
    }

    /**
     * Whether a JSON file may be a Portkey Config kept as its own file (it holds a key only Configs
     * have). Asked only of JSON files that failed {@link #mentionsPortkey}; the JSON migrator then
     * decides on the parsed shape, so a Kubernetes {@code "strategy"} costs one parse, not a finding.
     */
    public static boolean mayHoldConfig(byte[] bytes, int length) {
        for (Needle n : CONFIG_KEYS) {
            if (n.find(bytes, length) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** Whether the file holds a TODO the tool itself wrote and a human has not yet dealt with. */
    public static boolean holdsMigrationTodo(byte[] bytes, int length) {
        return TODO_MARK.find(bytes, length) >= 0;
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
        return new Needle(needle, false).find(hay, 0, hay.length);
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

    /**
     * A pattern with its Horspool skip table; ASCII letters fold case when asked. The table holds 0
     * for the pattern's last byte, so the inner loop is one load, one lookup and one add per step
     * until a candidate end is found (this loop is most of {@code check}'s time on a large tree).
     */
    private static final class Needle {
        private static final byte[] IDENTITY = new byte[256];
        private static final byte[] LOWER = new byte[256];

        static {
            for (int b = 0; b < 256; b++) {
                IDENTITY[b] = (byte) b;
                LOWER[b] = (byte) (b >= 'A' && b <= 'Z' ? b + 32 : b);
            }
        }

        private final byte[] pattern;
        private final byte[] fold;
        private final int[] skip = new int[256];
        private final int shiftAfterCandidate;

        Needle(byte[] pattern, boolean foldCase) {
            this.fold = foldCase ? LOWER : IDENTITY;
            this.pattern = pattern.clone();
            for (int i = 0; i < this.pattern.length; i++) {
                this.pattern[i] = fold[this.pattern[i] & 0xff];
            }
            int m = this.pattern.length;
            int[] shift = new int[256];
            Arrays.fill(shift, m);
            for (int i = 0; i < m - 1; i++) {
                shift[this.pattern[i] & 0xff] = m - 1 - i;
            }
            int last = m == 0 ? 0 : this.pattern[m - 1] & 0xff;
            this.shiftAfterCandidate = m == 0 ? 1 : shift[last];
            for (int b = 0; b < 256; b++) {
                int f = fold[b] & 0xff;
                skip[b] = m > 0 && f == last ? 0 : shift[f];
            }
        }

        int find(byte[] hay, int length) {
            return find(hay, 0, length);
        }

        int find(byte[] hay, int from, int length) {
            int m = pattern.length;
            if (m == 0) {
                return from;
            }
            int end = Math.min(length, hay.length);
            int[] sk = skip;
            int i = from + m - 1;
            while (i < end) {
                int k;
                while ((k = sk[hay[i] & 0xff]) != 0) {
                    i += k;
                    if (i >= end) {
                        return -1;
                    }
                }
                int start = i - m + 1;
                int j = 0;
                while (j < m - 1 && fold[hay[start + j] & 0xff] == pattern[j]) {
                    j++;
                }
                if (j == m - 1) {
                    return start;
                }
                i += shiftAfterCandidate;
            }
            return -1;
        }
    }
}
