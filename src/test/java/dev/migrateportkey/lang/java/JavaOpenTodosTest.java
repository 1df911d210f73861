package dev.migrateportkey.lang.java;

import dev.migrateportkey.cli.FixtureOptions;
import dev.migrateportkey.lang.OpenTodos;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.testing.Texts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code check} on rewritten Java keeps reporting the tool's own TODOs until a human deletes them. */
class JavaOpenTodosTest {
    private static final Path FIXTURES = Path.of("fixtures", "java");
    private static MigrationPlan plan(Path dir) throws Exception {
        return FixtureOptions.planSide(dir);
    }

    @Test
    void aTodoWhoseCodeNoLongerNamesPortkeyIsStillAManualItem() throws Exception {
        Path expected = FIXTURES.resolve("todo-left-after-code-went/expected");
        MigrationPlan plan = plan(expected);
        List<String> lines = Files.readAllLines(expected.resolve("src/main/java/com/acme/relay/RelayClient.java"));
        int authorizationTodo = Texts.lineNumberOf(lines, "this Authorization header is set on another path");
        int configTodo = Texts.lineNumberOf(lines, "Custom hosts are not supported");
        assertThat(plan.findings()).extracting(Finding::line, Finding::ruleId, Finding::kind).containsExactlyInAnyOrder(
                org.assertj.core.api.Assertions.tuple(authorizationTodo, OpenTodos.RULE_ID, Finding.Kind.MANUAL),
                org.assertj.core.api.Assertions.tuple(configTodo, "header-custom-host", Finding.Kind.MANUAL));
        assertThat(plan.findings()).allSatisfy(f -> assertThat(f.message())
                .startsWith("a migration TODO is still open: ").endsWith("(delete the comment once done)"));
    }

    @Test
    void aTodoAboveASiteStillReportedIsNotCountedTwice(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("Client.java");
        Files.writeString(src, """
                class Client {
                    java.util.Map<String, String> headers(String host) {
                        java.util.Map<String, String> h = new java.util.HashMap<>();
                        // TODO(concentrate-migration): x
                        h.put("x-portkey-custom-host",
                                host);
                        return h;
                    }
                }
                """);
        MigrationPlan first = plan(dir);
        assertThat(first.findings()).filteredOn(f -> f.kind() == Finding.Kind.MANUAL).singleElement()
                .satisfies(f -> assertThat(f.ruleId()).isEqualTo("header-custom-host"));
    }

    @Test
    void aTodoAnywhereInAnExpectedJavaFixtureKeepsCheckFailingForThatFile() throws Exception {
        List<Path> withTodo = new ArrayList<>();
        try (Stream<Path> s = Files.walk(FIXTURES)) {
            s.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/expected/"))
                    .filter(p -> Texts.read(p).contains("// TODO(concentrate-migration)")).forEach(withTodo::add);
        }
        assertThat(withTodo).hasSizeGreaterThan(10);
        for (Path file : withTodo) {
            Path caseDir = file;
            while (!caseDir.getFileName().toString().equals("expected")) {
                caseDir = caseDir.getParent();
            }
            MigrationPlan plan = plan(caseDir);
            String name = caseDir.relativize(file).toString().replace('\\', '/');
            long todos = Texts.read(file).lines().filter(l -> l.strip().startsWith("// TODO(concentrate-migration)")).count();
            List<Integer> todoLines = new ArrayList<>();
            List<String> lines = Texts.read(file).lines().toList();
            for (int i = 0; i < lines.size(); i++) {
                if (lines.get(i).strip().startsWith("// TODO(concentrate-migration)")) {
                    todoLines.add(i + 1);
                }
            }
            List<Finding> manual = plan.findings().stream()
                    .filter(f -> f.kind() == Finding.Kind.MANUAL && f.path().replace('\\', '/').endsWith(name)).toList();
            assertThat(manual).as(file + ": " + todos + " TODOs, manual findings").isNotEmpty();
            for (int todoLine : todoLines) {
                // Each TODO is either reported itself or sits above a site still reported.
                assertThat(manual).as(file + ":" + todoLine + " reported by check")
                        .anySatisfy(f -> assertThat(f.line()).isBetween(todoLine, todoLine + 40));
            }
        }
    }
}
