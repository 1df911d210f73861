package dev.migrateportkey.workspace;

import java.nio.file.Path;

/**
 * A file chosen for migration, read once.
 *
 * @param root          the scanned root it was found under
 * @param path          its path on disk
 * @param relativePath  its path relative to {@code root}, with '/' separators (used in diffs)
 * @param displayPath   how messages name it (relative to the working directory where possible)
 * @param bytes         its content as read
 * @param decoded       its content as text
 */
public record SourceFile(Path root, Path path, String relativePath, String displayPath, byte[] bytes,
                         DecodedText decoded) {

    public String text() {
        return decoded.text();
    }

    public String fileName() {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? relativePath : relativePath.substring(slash + 1);
    }
}
