package dev.migrateportkey.lang.env;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.text.SettingsRewriter;

import java.util.Locale;

/**
 * Environment files ({@code .env}, {@code .env.*}, {@code *.env}, {@code .envrc}), shell scripts
 * and Dockerfiles ({@code ENV}/{@code ARG}): the guide's Step 1 on variable assignments, with
 * {@code #} comments for what is commented out or left to a human.
 */
public final class EnvFileMigrator implements Migrator {

    @Override
    public String language() {
        return "env";
    }

    @Override
    public boolean accepts(String fileName) {
        return dialect(fileName) != null;
    }

    static EnvScanner.Dialect dialect(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.equals("dockerfile") || n.startsWith("dockerfile.") || n.endsWith(".dockerfile")
                || n.equals("containerfile")) {
            return EnvScanner.Dialect.DOCKERFILE;
        }
        if (n.equals(".env") || n.startsWith(".env.") || n.endsWith(".env")) {
            return EnvScanner.Dialect.DOTENV;
        }
        if (n.equals(".envrc") || n.endsWith(".sh") || n.endsWith(".bash") || n.endsWith(".zsh") || n.equals(".bashrc")
                || n.equals(".zshrc") || n.equals(".profile") || n.equals(".bash_profile")) {
            return EnvScanner.Dialect.SHELL;
        }
        return null;
    }

    @Override
    public void migrate(FileMigration work) {
        EnvScanner.Dialect d = dialect(work.file().fileName());
        new SettingsRewriter(work, EnvScanner.scan(work.text(), d), "#").run();
    }
}
