package dev.migrateportkey.lang.properties;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.text.SettingsRewriter;

/**
 * {@code .properties} files, Spring's {@code application*.properties} first among them: Spring AI
 * and LangChain4j base URLs, keys and header maps, {@code ${PORTKEY_*}} references and Portkey
 * URLs in values. {@code #} starts a comment only at the start of a line, as in the format.
 */
public final class PropertiesMigrator implements Migrator {

    @Override
    public String language() {
        return "properties";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".properties");
    }

    @Override
    public void migrate(FileMigration work) {
        new SettingsRewriter(work, PropertiesScanner.scan(work.text()), "#", false).run();
    }
}
