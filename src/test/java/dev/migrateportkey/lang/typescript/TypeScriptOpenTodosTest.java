package dev.migrateportkey.lang.typescript;

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
import static org.assertj.core.api.Assertions.tuple;

/** {@code check} on rewritten TypeScript/JavaScript keeps reporting the tool's own TODOs until a human deletes them. */
class TypeScriptOpenTodosTest {
    private static final Path FIXTURES = Path.of("fixtures", "typescript");
    private static final String MARK = "// TODO(concentrate-migration)";
    private static MigrationPlan plan(Path dir) throws Exception {
        return FixtureOptions.planSide(dir);
    }

    @Test
    void aTodoWhoseCodeNoLongerNamesPortkeyIsStillAManualItem() throws Exception {
        Path expected = FIXTURES.resolve("todo-left-after-code-went/expected");
        MigrationPlan plan = plan(expected);
        List<String> lines = Files.readAllLines(expected.resolve("src/assistant.ts"));
        int customHost = Texts.lineNumberOf(lines, "keep calling self-hosted models directly");
        int metadata = Texts.lineNumberOf(lines, "Per-request metadata is not accepted");
        int lastInBlock = Texts.lineNumberOf(lines, "record the answer in the team's own analytics store");
        assertThat(plan.findings()).extracting(Finding::line, Finding::ruleId, Finding::kind).containsExactlyInAnyOrder(
                tuple(customHost, "sdk-custom-host", Finding.Kind.MANUAL),
                tuple(metadata, "header-metadata", Finding.Kind.MANUAL),
                tuple(lastInBlock, OpenTodos.RULE_ID, Finding.Kind.MANUAL));
        assertThat(plan.findings()).allSatisfy(f -> assertThat(f.message())
                .startsWith("a migration TODO is still open: ").endsWith("(delete the comment once done)"));
        assertThat(plan.findings()).filteredOn(f -> f.line() == lastInBlock).singleElement()
                .satisfies(f -> assertThat(f.message()).contains("record the answer in the team's own analytics store"));
        assertThat(plan.files()).allSatisfy(fp -> assertThat(fp.edits()).isEmpty());
    }

    @Test
    void aTodoAboveASiteStillReportedIsNotCountedTwice(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("client.mjs"), """
                import OpenAI from "openai";

                export const client = new OpenAI({
                  apiKey: process.env.CONCENTRATE_API_KEY,
                  // TODO(concentrate-migration): x
                  customHost:
                    "http://localhost:8080/v1",
                });
                """);
        MigrationPlan plan = plan(dir);
        assertThat(plan.findings()).filteredOn(f -> f.kind() == Finding.Kind.MANUAL).singleElement()
                .satisfies(f -> assertThat(f.ruleId()).isEqualTo("sdk-custom-host"));
    }

    @Test
    void aTodoAboveAFunctionOrImportSpeaksForItsHeaderOnly(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("client.mjs"), """
                // TODO(concentrate-migration): y
                import OpenAI from "openai";

                // TODO(concentrate-migration): z
                export function make() {
                  return new OpenAI({
                    apiKey: process.env.CONCENTRATE_API_KEY,
                    customHost: "http://localhost:8080/v1",
                  });
                }
                """);
        MigrationPlan plan = plan(dir);
        assertThat(plan.findings()).filteredOn(f -> f.kind() == Finding.Kind.MANUAL)
                .extracting(Finding::line, Finding::ruleId)
                .containsExactlyInAnyOrder(tuple(1, OpenTodos.RULE_ID), tuple(4, OpenTodos.RULE_ID), tuple(8, "sdk-custom-host"));
    }

    @Test
    void everyTodoInAnExpectedTypeScriptFixtureIsReportedByCheck() throws Exception {
        List<Path> withTodo = new ArrayList<>();
        try (Stream<Path> s = Files.walk(FIXTURES)) {
            s.filter(Files::isRegularFile).filter(p -> p.toString().replace('\\', '/').contains("/expected/"))
                    .filter(p -> Texts.read(p).contains(MARK)).forEach(withTodo::add);
        }
        assertThat(withTodo).hasSizeGreaterThan(10);
        for (Path file : withTodo) {
            Path caseDir = file;
            while (!caseDir.getFileName().toString().equals("expected")) {
                caseDir = caseDir.getParent();
            }
            MigrationPlan plan = plan(caseDir);
            String name = caseDir.relativize(file).toString().replace('\\', '/');
            List<String> lines = Texts.read(file).lines().toList();
            List<Finding> manual = plan.findings().stream()
                    .filter(f -> f.kind() == Finding.Kind.MANUAL && f.path().replace('\\', '/').endsWith(name)).toList();
            for (int i = 0; i < lines.size(); i++) {
                if (!lines.get(i).strip().startsWith(MARK)) {
                    continue;
                }
                int todoLine = i + 1;
                int codeEnd = codeEnd(lines, i);
                // Each TODO is either reported itself or sits above a site still reported.
                assertThat(manual).as(file + ":" + todoLine + " reported by check")
                        .anySatisfy(f -> assertThat(f.line()).isBetween(todoLine, codeEnd));
            }
        }
    }

    /**
     * The last line (1-based) of the code a TODO at index {@code i} may speak for: up to the next
     * blank line or the next TODO after the code below it, whichever comes first.
     */
    private static int codeEnd(List<String> lines, int i) {
        int j = i + 1;
        while (j < lines.size() && lines.get(j).strip().startsWith(MARK)) {
            j++;
        }
        while (j + 1 < lines.size() && !lines.get(j + 1).isBlank() && !lines.get(j + 1).strip().startsWith(MARK)) {
            j++;
        }
        return j + 1;
    }
}
