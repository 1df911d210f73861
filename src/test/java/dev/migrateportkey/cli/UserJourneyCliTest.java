package dev.migrateportkey.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static dev.migrateportkey.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The journey a new user walks in one repository: rewrite with the report and the verification
 * script written inside it, then check and rewrite again (docs/user-journey.md).
 */
class UserJourneyCliTest {
    private static final String WORKER = """
            import os

            from portkey_ai import Portkey

            client = Portkey(api_key=os.environ["PORTKEY_API_KEY"])
            """;
    /** A fake key in the shape of a real one: no output may print it in full. */
    private static final String KEY = "pk-live-9f3Kq2XbT7mVw4Lr8NcY1sPz";

    private static Map<String, String> tree(Path dir) throws Exception {
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString(), Files.readString(p));
            }
        }
        return files;
    }

    @Test
    void theReportAndScriptWrittenInsideTheRepositoryAreNotLeftoversAndASecondRewriteChangesNothing(@TempDir Path dir)
            throws Exception {
        write(dir, "worker/llm.py", WORKER);
        write(dir, ".env.example", "PORTKEY_API_KEY=" + KEY + "\n");
        CliRun first = CliRun.of("rewrite", "--allow-dirty", "--report", dir.resolve("MIGRATION.md").toString(),
                "--verify-script", dir.resolve("verify-concentrate.sh").toString(), dir.toString());
        assertThat(first.exit()).as(first.err()).isZero();
        CliRun json = CliRun.of("rewrite", "--dry-run", "--report", dir.resolve("migration.json").toString(),
                "--report-format", "json", dir.toString());
        assertThat(json.exit()).as(json.err()).isZero();
        assertThat(json.out()).as("nothing left to rewrite").isEmpty();

        // Findings saved inside the repository are not findings themselves.
        CliRun saved = CliRun.of("check", "--format", "json", dir.toString());
        Files.writeString(dir.resolve("findings.json"), saved.out());
        // What check lists now is exactly the one item for a human: nothing in the tool's own outputs.
        CliRun check = CliRun.of("check", dir.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out().lines().toList()).singleElement().asString()
                .contains(".env.example:2:21: env-portkey-api-key: [manual] CONCENTRATE_API_KEY still holds the placeholder");
        assertThat(check.err()).contains("verify-concentrate.sh: skipped, written by migrate-portkey",
                "migration.json: skipped, written by migrate-portkey",
                "findings.json: skipped, written by migrate-portkey");

        for (CliRun r : List.of(first, json, saved, check)) {
            assertThat(r.out() + r.err()).doesNotContain(KEY);
        }
        assertThat(tree(dir).values()).noneMatch(text -> text.contains(KEY));

        Map<String, String> before = tree(dir);
        CliRun second = CliRun.of("rewrite", "--allow-dirty", dir.toString());
        assertThat(second.exit()).as(second.err()).isZero();
        assertThat(tree(dir)).isEqualTo(before);
        assertThat(second.err()).contains("changed 0 files");
    }

    @Test
    void aFileNoMigratorReadsIsANoteNotACrash(@TempDir Path dir) throws Exception {
        Path readme = write(dir, "README.md", "All LLM calls go through Portkey: set PORTKEY_API_KEY.\n");
        for (String command : List.of("check", "rewrite")) {
            CliRun r = command.equals("check") ? CliRun.of("check", readme.toString())
                    : CliRun.of("rewrite", "--dry-run", readme.toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.err()).contains(readme + ": no migrator reads this kind of file, so it was not scanned")
                    .doesNotContain("internal error");
        }
        // A file a migrator reads, named alone, is still scanned.
        Path env = write(dir, ".env", "PORTKEY_API_KEY=${PORTKEY_API_KEY}\n");
        CliRun r = CliRun.of("check", env.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(".env:1:1: env-portkey-api-key:");
    }
}
