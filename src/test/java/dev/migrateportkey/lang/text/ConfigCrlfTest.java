package dev.migrateportkey.lang.text;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every config fixture rewritten from a CRLF copy of its input gives the CRLF copy of its expected
 * output: inserted TODO lines and commented-out lines use the file's own separator, and removed
 * lines take theirs along.
 */
class ConfigCrlfTest {
    private static final Path CASES = Path.of("fixtures", "config");

    @TempDir
    Path temp;

    @TestFactory
    Stream<DynamicTest> crlfInputGivesCrlfExpected() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(CASES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.getFileName().toString(), () -> {
            Path work = Files.createTempDirectory(temp, c.getFileName().toString());
            copyCrlf(c.resolve("input"), work);
            MigrationPlan plan = new Planner(new RuleLoader().load(null), Migrators.all(), MigrationOptions.defaults(),
                    WalkOptions.defaults()).plan(List.of(work));
            assertThat(plan.hasErrors()).as(plan.findings().toString()).isFalse();
            for (FilePlan f : plan.changedFiles()) {
                Files.write(f.path(), f.newBytes());
            }
            List<Path> expected;
            try (Stream<Path> s = Files.walk(c.resolve("expected"))) {
                expected = s.filter(Files::isRegularFile).toList();
            }
            for (Path e : expected) {
                String rel = c.resolve("expected").relativize(e).toString();
                assertThat(Files.readString(work.resolve(rel), StandardCharsets.ISO_8859_1))
                        .as(c.getFileName() + "/" + rel).isEqualTo(crlf(Files.readString(e, StandardCharsets.ISO_8859_1)));
            }
        }));
    }

    private static void copyCrlf(Path from, Path to) throws IOException {
        List<Path> files;
        try (Stream<Path> s = Files.walk(from)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path target = to.resolve(from.relativize(f).toString());
            Files.createDirectories(target.getParent());
            Files.writeString(target, crlf(Files.readString(f, StandardCharsets.ISO_8859_1)), StandardCharsets.ISO_8859_1);
        }
    }

    private static String crlf(String s) {
        return s.replace("\r\n", "\n").replace("\n", "\r\n");
    }
}
