package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.Locale;

/**
 * Lock files are generated: the tool never edits them. One that still names Portkey gets a single
 * manual finding at its first mention, so {@code check} fails until it is regenerated.
 */
final class LockFiles {
    private LockFiles() {
    }

    static void migrate(FileMigration work) {
        SourceText text = work.text();
        Rule r = work.rules().find(RuleKind.DEPENDENCY, "lock:" + work.file().fileName()).orElse(null);
        if (r == null) {
            return;
        }
        int at = text.text().toLowerCase(Locale.ROOT).indexOf("portkey");
        if (at >= 0) {
            work.manual(at, r, work.file().fileName() + " pins the Portkey SDK");
        }
    }
}
