package dev.migrateportkey.workspace;

import java.nio.file.Path;

/**
 * A file the walk found, not yet read.
 *
 * @param root          the scanned root
 * @param path          the file
 * @param relativePath  relative to root, '/'-separated
 * @param displayPath   how messages name it
 * @param size          its size in bytes when the walk saw it, or -1 when the walk did not read it
 */
public record Candidate(Path root, Path path, String relativePath, String displayPath, long size) {

    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
