package dev.migrateportkey.workspace;

import java.nio.file.Path;

/**
 * A file the walk found, not yet read.
 *
 * @param root          the scanned root
 * @param path          the file
 * @param relativePath  relative to root, '/'-separated
 * @param displayPath   how messages name it
 */
public record Candidate(Path root, Path path, String relativePath, String displayPath) {

    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
