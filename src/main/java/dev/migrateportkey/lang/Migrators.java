package dev.migrateportkey.lang;

import dev.migrateportkey.lang.assignments.AssignmentsMigrator;
import dev.migrateportkey.lang.env.EnvFileMigrator;
import dev.migrateportkey.lang.hcl.HclMigrator;
import dev.migrateportkey.lang.java.JavaMigrator;
import dev.migrateportkey.lang.json.JsonMigrator;
import dev.migrateportkey.lang.manifest.ManifestMigrator;
import dev.migrateportkey.lang.notebook.NotebookMigrator;
import dev.migrateportkey.lang.other.OtherLanguagesMigrator;
import dev.migrateportkey.lang.properties.PropertiesMigrator;
import dev.migrateportkey.lang.python.PythonMigrator;
import dev.migrateportkey.lang.typescript.TypeScriptMigrator;
import dev.migrateportkey.lang.yaml.YamlMigrator;

import java.util.List;

/** Every migrator the tool has, in the order files are offered to them. */
public final class Migrators {
    private Migrators() {
    }

    public static List<Migrator> all() {
        return List.of(new JavaMigrator(),
                new PythonMigrator(),
                new TypeScriptMigrator(),
                new EnvFileMigrator(),
                new ManifestMigrator(),
                new YamlMigrator(),
                new PropertiesMigrator(),
                new JsonMigrator(),
                new HclMigrator(),
                new AssignmentsMigrator(),
                new NotebookMigrator(),
                new OtherLanguagesMigrator());
    }
}
