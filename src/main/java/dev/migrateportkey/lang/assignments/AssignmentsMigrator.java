package dev.migrateportkey.lang.assignments;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.text.SettingsRewriter;

import java.util.Locale;

/**
 * Deployment and build files made of one-line assignments: TOML ({@code wrangler.toml},
 * {@code fly.toml}, {@code netlify.toml}, any {@code *.toml} but {@code pyproject.toml}, which is a
 * dependency manifest), {@code Jenkinsfile}s and Makefiles. Their environment variables follow the
 * same rules as a {@code .env} file (renamed, or commented out with the file's own comment marker),
 * Portkey URLs are rewritten, and what is left naming Portkey is reported.
 */
public final class AssignmentsMigrator implements Migrator {

    @Override
    public String language() {
        return "assignments";
    }

    @Override
    public boolean accepts(String fileName) {
        return syntax(fileName) != null;
    }

    static AssignmentScanner.Syntax syntax(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".toml") && !n.equals("pyproject.toml")) {
            return AssignmentScanner.Syntax.TOML;
        }
        if (n.equals("jenkinsfile") || n.startsWith("jenkinsfile.") || n.endsWith(".jenkinsfile")) {
            return AssignmentScanner.Syntax.JENKINSFILE;
        }
        if (n.equals("makefile") || n.equals("gnumakefile") || n.endsWith(".mk")) {
            return AssignmentScanner.Syntax.MAKE;
        }
        return null;
    }

    @Override
    public void migrate(FileMigration work) {
        AssignmentScanner.Syntax s = syntax(work.file().fileName());
        if (s == AssignmentScanner.Syntax.MAKE) {
            work.todosOutsideRecipes();
        }
        new SettingsRewriter(work, AssignmentScanner.scan(work.text(), s), s.comment).run();
    }
}
