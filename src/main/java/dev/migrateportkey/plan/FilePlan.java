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
 * @param models        model strings the migrated file sends
 * @param configs       Portkey Configs met in the file, and what each became
 * @param suppressed    findings silenced by {@code migrate-portkey:ignore} comments, with their reasons
 */
public record FilePlan(Path path, String relativePath, String displayPath, String language,
                       List<Finding> findings, List<TextEdit> edits, byte[] oldBytes, byte[] newBytes,
                       List<ModelUse> models, List<ConfigUse> configs, List<SuppressedFinding> suppressed) {

    public FilePlan {
        findings = List.copyOf(findings);
        edits = List.copyOf(edits);
        models = List.copyOf(models);
        configs = List.copyOf(configs);
        suppressed = List.copyOf(suppressed);
    }

    /** A plan with nothing suppressed. */
    public FilePlan(Path path, String relativePath, String displayPath, String language,
                    List<Finding> findings, List<TextEdit> edits, byte[] oldBytes, byte[] newBytes,
                    List<ModelUse> models, List<ConfigUse> configs) {
        this(path, relativePath, displayPath, language, findings, edits, oldBytes, newBytes, models, configs, List.of());
    }

    /** A plan with no models or Configs recorded (errors, files left alone). */
    public FilePlan(Path path, String relativePath, String displayPath, String language,
                    List<Finding> findings, List<TextEdit> edits, byte[] oldBytes, byte[] newBytes) {
        this(path, relativePath, displayPath, language, findings, edits, oldBytes, newBytes, List.of(), List.of());
    }

    public boolean changes() {
        return newBytes != null;
    }
}
