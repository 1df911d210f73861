package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.EditApplier;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.ProjectIndex;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.treesitter.Grammar;
import dev.migrateportkey.lang.treesitter.SyntaxTree;
import dev.migrateportkey.lang.treesitter.TreeSitter;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.DecodedText;
import dev.migrateportkey.workspace.SourceFile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Properties over many variants of the fixture inputs (every line-boundary truncation of every
 * input, and every input with each line removed): the migrator either refuses the file as
 * unparseable or returns edits that apply without conflict, whose result parses cleanly as Python
 * and is a fixed point of a second run.
 */
class PythonMigratorPropertiesTest {

    @Test
    void everyVariantEitherIsRefusedOrMigratesToValidPythonThatIsAFixedPoint() throws Exception {
        RuleTable rules = new RuleLoader().load(null);
        List<String> variants = new ArrayList<>();
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(Path.of("fixtures", "python"))) {
            inputs = s.filter(p -> p.toString().endsWith(".py") && p.toString().contains("/input/")).sorted().toList();
        }
        for (Path p : inputs) {
            String src = Files.readString(p);
            String[] lines = src.split("(?<=\n)");
            StringBuilder prefix = new StringBuilder();
            for (String line : lines) {
                prefix.append(line);
                variants.add(prefix.toString());
            }
            for (int skip = 0; skip < lines.length; skip++) {
                StringBuilder b = new StringBuilder();
                for (int i = 0; i < lines.length; i++) {
                    if (i != skip) {
                        b.append(lines[i]);
                    }
                }
                variants.add(b.toString());
            }
        }
        int migrated = 0;
        int refused = 0;
        for (String v : variants) {
            String once;
            try {
                once = run(rules, v);
            } catch (UnparseableFileException e) {
                refused++;
                continue;
            }
            migrated++;
            try (SyntaxTree t = TreeSitter.parse(Grammar.PYTHON, once)) {
                assertThat(t.errors()).as("output parses cleanly; input:\n" + v + "\noutput:\n" + once).isEmpty();
            }
            assertThat(run(rules, once)).as("second run changes nothing; input:\n" + v).isEqualTo(once);
        }
        assertThat(migrated).isGreaterThan(100);
        assertThat(refused).isGreaterThan(10);
    }

    private static String run(RuleTable rules, String src) throws Exception {
        byte[] bytes = src.getBytes(StandardCharsets.UTF_8);
        SourceFile f = new SourceFile(Path.of("."), Path.of("v.py"), "v.py", "v.py", bytes, DecodedText.decode(bytes));
        FileMigration work = new FileMigration(f, rules, new ProjectIndex(), MigrationOptions.defaults());
        new PythonMigrator().migrate(work);
        return EditApplier.apply(src, work.edits());
    }
}
