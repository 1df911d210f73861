package dev.migrateportkey.plan;

/**
 * A model string the migrated code sends, so the report can list it and the verification script
 * can check that Concentrate serves it.
 *
 * @param path      the file, as messages name it
 * @param line      1-based line of the model string
 * @param original  the model string as the code had it (with Portkey's provider pin beside it)
 * @param slug      the Concentrate slug the code sends after the migration
 */
public record ModelUse(String path, int line, String original, String slug) {
}
