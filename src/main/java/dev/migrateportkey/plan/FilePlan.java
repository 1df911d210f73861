package dev.migrateportkey.plan;

import dev.migrateportkey.edit.TextEdit;

import java.nio.file.Path;
import java.util.List;

/**
 * Everything the tool decided about one file: its findings and, when it changes, its new bytes.
 *
 * @param path          the file on disk
 * @param relativePath  relative to its scanned root, '/'-separated (diff paths)
 * @param displayPath   how messages name it
 * @param language      the migrator that handled it
 * @param findings      in file order
 * @param edits         the text edits behind {@code newBytes}
 * @param oldBytes      the content read, kept only when the file changes
 * @param newBytes      the content to write, or null when the file stays as it is
 */
public record FilePlan(Path path, String relativePath, String displayPath, String language,
                       List<Finding> findings, List<TextEdit> edits, byte[] oldBytes, byte[] newBytes) {

    public FilePlan {
        findings = List.copyOf(findings);
        edits = List.copyOf(edits);
    }

    public boolean changes() {
        return newBytes != null;
    }
}
