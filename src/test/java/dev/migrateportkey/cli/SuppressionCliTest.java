package dev.migrateportkey.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.migrateportkey.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

/** In-source suppressions and --fail-on, as a user meets them through check and rewrite. */
class SuppressionCliTest {
    private static final String SUPPRESSED = """
            package demo;

            class Client {
                okhttp3.Request request(okhttp3.Request.Builder b) {
                    return b.url("https://api.concentrate.ai/v1/chat/completions")
                            // migrate-portkey:ignore header-trace-id -- the log pipeline still keys on this name until Q3
                            .header("x-portkey-trace-id", "req-1")
                            .header("x-portkey-provider", "openai") /* migrate-portkey:ignore header-provider -- audited, see OPS-12 */
                            .header("x-portkey-metadata", "{}")
                            .build();
                }
            }
            """;

    @Test
    void suppressedFindingsAreSilencedAndTheOthersStillFail(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", SUPPRESSED);
        CliRun r = CliRun.of("check", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).doesNotContain("header-trace-id").doesNotContain("header-provider")
                .contains("Client.java:9:").contains("header-metadata");
        assertThat(r.out().lines()).hasSize(1);
    }

    @Test
    void rewriteLeavesSuppressedSitesAsTheyAreAndIsAFixedPoint(@TempDir Path dir) throws IOException {
        Path f = write(dir, "Client.java", SUPPRESSED);
        CliRun r = CliRun.of("rewrite", "--allow-dirty", dir.toString());
        assertThat(r.exit()).isZero();
        String after = Files.readString(f, StandardCharsets.UTF_8);
        assertThat(after).contains(".header(\"x-portkey-trace-id\", \"req-1\")")
                .contains(".header(\"x-portkey-provider\", \"openai\")")
                .doesNotContain("x-portkey-metadata")
                .doesNotContain("X-Request-Id");
        assertThat(CliRun.of("check", dir.toString()).exit()).isZero();
        Path report = dir.resolve("report.md");
        CliRun again = CliRun.of("rewrite", "--dry-run", "--report", report.toString(), dir.toString());
        assertThat(Files.readString(report)).contains("## Kept on purpose")
                .contains("Client.java:7` | `header-trace-id` | the log pipeline still keys on this name until Q3 |")
                .contains("Client.java:8` | `header-provider` | audited, see OPS-12 |");
        assertThat(again.out()).isEmpty();
    }

    @Test
    void aSuppressionWithoutReasonSilencesNothingAndIsAFinding(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", """
                class Client {
                    okhttp3.Request request(okhttp3.Request.Builder b) {
                        // migrate-portkey:ignore header-metadata
                        return b.header("x-portkey-metadata", "{}").build();
                    }
                }
                """);
        CliRun r = CliRun.of("check", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("Client.java:3:").contains("suppression-without-reason")
                .contains("migrate-portkey:ignore header-metadata -- <why this stays>")
                .contains("Client.java:4:").contains("header-metadata: ");
    }

    @Test
    void aSuppressionNamingNoRuleIsAFinding(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", """
                class Client {
                    okhttp3.Request request(okhttp3.Request.Builder b) {
                        return b.header("x-portkey-metadata", "{}").build(); // migrate-portkey:ignore header-meta -- typo
                    }
                }
                """);
        CliRun r = CliRun.of("check", dir.toString());
        assertThat(r.out()).contains("suppression-unknown-rule").contains("header-meta names no known rule")
                .contains("header-metadata: ");
    }

    @Test
    void aSuppressedManualItemGetsNoTodo(@TempDir Path dir) throws IOException {
        Path f = write(dir, "Client.java", """
                class Client {
                    okhttp3.Request request(okhttp3.Request.Builder b) {
                        // migrate-portkey:ignore header-custom-host -- self-hosted model, stays on direct calls
                        return b.header("x-portkey-custom-host", "http://llm.internal").build();
                    }
                }
                """);
        String before = Files.readString(f);
        assertThat(CliRun.of("check", dir.toString()).exit()).isZero();
        CliRun r = CliRun.of("rewrite", "--allow-dirty", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readString(f)).isEqualTo(before);
    }

    @Test
    void failOnChoosesWhichFindingsFailTheRun(@TempDir Path dir) throws IOException {
        write(dir, "Manual.java", """
                class Manual {
                    okhttp3.Request request(okhttp3.Request.Builder b) {
                        return b.header("x-portkey-custom-host", "http://llm.internal").build();
                    }
                }
                """);
        // Only a manual item is left.
        assertThat(CliRun.of("check", dir.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("check", "--fail-on", "all", dir.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("check", "--fail-on", "manual", dir.toString()).exit()).isEqualTo(1);
        CliRun fixableOnly = CliRun.of("check", "--fail-on", "fixable", dir.toString());
        assertThat(fixableOnly.exit()).isZero();
        assertThat(fixableOnly.out()).contains("header-custom-host"); // still listed

        // A fixable item appears beside it.
        write(dir, "Fixable.java", """
                class Fixable {
                    okhttp3.Request request(okhttp3.Request.Builder b) {
                        return b.header("x-portkey-metadata", "{}").build();
                    }
                }
                """);
        assertThat(CliRun.of("check", "--fail-on", "fixable", dir.toString()).exit()).isEqualTo(1);
        Files.delete(dir.resolve("Manual.java"));
        assertThat(CliRun.of("check", "--fail-on", "manual", dir.toString()).exit()).isZero();
        assertThat(CliRun.of("check", dir.toString()).exit()).isEqualTo(1);
        assertThat(CliRun.of("check", "--fail-on", "sometimes", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void parseErrorsFailWhateverFailOnSays(@TempDir Path dir) throws IOException {
        write(dir, "Broken.java", "class Broken { // portkey\n  void f( {\n}\n");
        assertThat(CliRun.of("check", "--fail-on", "fixable", dir.toString()).exit()).isEqualTo(2);
    }
}
