package dev.migrateportkey.workspace;

import java.nio.charset.StandardCharsets;

/**
 * Recognises the files migrate-portkey itself writes (the migration report, the verification
 * script) by a marker near their top, so that {@code check} and {@code rewrite} pass them by.
 *
 * <p>Why: users write the report and the script inside the repository they migrate. Both name
 * Portkey on purpose (the rules applied, the {@code PORTKEY_*} variables to look for), so without
 * the marker the next {@code check} listed them as leftovers and the next {@code rewrite} edited
 * them, which broke idempotence.
 */
public final class GeneratedFiles {
    /** Written by every output file of the tool, within its first {@link #HEAD_BYTES} bytes. */
    public static final String MARKER = "migrate-portkey:generated";

    /** How far into a file the marker is looked for: a source file quoting it further down is still scanned. */
    static final int HEAD_BYTES = 2048;

    private static final byte[] MARKER_BYTES = MARKER.getBytes(StandardCharsets.US_ASCII);

    private GeneratedFiles() {
    }

    /** Whether the first {@code length} bytes of {@code bytes} are a file this tool wrote. */
    public static boolean isGenerated(byte[] bytes, int length) {
        int end = Math.min(length, HEAD_BYTES) - MARKER_BYTES.length;
        outer:
        for (int i = 0; i <= end; i++) {
            for (int j = 0; j < MARKER_BYTES.length; j++) {
                if (bytes[i + j] != MARKER_BYTES[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
