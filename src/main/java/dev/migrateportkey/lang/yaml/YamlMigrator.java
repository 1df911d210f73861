package dev.migrateportkey.lang.yaml;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.text.SettingsRewriter;

import java.util.Locale;

/**
 * YAML files: Spring and LangChain4j {@code application*.yml}, Kubernetes manifests, Helm values,
 * docker-compose files, GitHub Actions workflows. Entries are found by {@link YamlScanner} and
 * decided by the shared {@link SettingsRewriter}; edits touch only the values, names and lines
 * concerned, so comments, anchors, quoting and indentation stay as they were.
 */
public final class YamlMigrator implements Migrator {

    @Override
    public String language() {
        return "yaml";
    }

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".yml") || n.endsWith(".yaml");
    }

    @Override
    public void migrate(FileMigration work) {
        new SettingsRewriter(work, YamlScanner.scan(work.text()), "#").run();
    }
}
