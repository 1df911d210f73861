package dev.migrateportkey.lang.hcl;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.text.SettingsRewriter;

import java.util.Locale;

/**
 * Terraform and HCL files ({@code *.tf}, {@code *.tfvars}, {@code *.hcl}): the environment of a
 * Lambda function, an ECS container or a Cloud Run service declared in infrastructure code follows
 * the same rules as a {@code .env} file (variables renamed or commented out with {@code #}, Portkey
 * URLs rewritten); Terraform's own lower-case variables that name Portkey are left to a human.
 */
public final class HclMigrator implements Migrator {

    @Override
    public String language() {
        return "hcl";
    }

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        return n.endsWith(".tf") || n.endsWith(".tfvars") || n.endsWith(".hcl");
    }

    @Override
    public void migrate(FileMigration work) {
        new SettingsRewriter(work, HclScanner.scan(work.text()), "#").run();
    }
}
