package dev.migrateportkey.workspace;

import java.util.List;

/**
 * What the walk takes and leaves.
 *
 * @param includes      globs a file must match (any of them), or empty for all files
 * @param excludes      globs that exclude a file or a whole directory
 * @param maxFileBytes  larger files are skipped with a notice
 */
public record WalkOptions(List<String> includes, List<String> excludes, long maxFileBytes) {
    public static final long DEFAULT_MAX_FILE_BYTES = 2L * 1024 * 1024;

    public WalkOptions {
        includes = List.copyOf(includes);
        excludes = List.copyOf(excludes);
    }

    public static WalkOptions defaults() {
        return new WalkOptions(List.of(), List.of(), DEFAULT_MAX_FILE_BYTES);
    }
}
