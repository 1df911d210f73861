package dev.migrateportkey.lang.json;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.text.SettingsRewriter;

import java.util.Locale;

/**
 * JSON settings files that carry Portkey: editor and agent settings ({@code .claude/settings.json},
 * {@code .vscode/settings.json}, {@code devcontainer.json}), ECS task definitions, app configs
 * holding a gateway URL or a header map. Entries are found by {@link JsonScanner} and decided by
 * the shared {@link SettingsRewriter}, so a JSON file follows the same rules as a YAML one: URLs
 * and variables are rewritten, header entries follow their rules. JSON has no comments: what YAML
 * would comment out is a manual item here, and no TODO line is written. {@code package.json} and
 * lock files are the manifest migrator's (it comes first).
 */
public final class JsonMigrator implements Migrator {

    @Override
    public String language() {
        return "json";
    }

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".json") || n.endsWith(".jsonc");
    }

    @Override
    public void migrate(FileMigration work) throws UnparseableFileException {
        new SettingsRewriter(work, JsonScanner.scan(work.text()), null).run();
        StandaloneConfigFile.reportIfConfig(work);
    }
}
