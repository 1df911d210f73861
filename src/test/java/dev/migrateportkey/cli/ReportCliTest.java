package dev.migrateportkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateportkey.testing.FakeGateway;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static dev.migrateportkey.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

/** rewrite --report / --report-format / --verify-script as a user runs them. */
class ReportCliTest {
    private static final String CLIENT = """
            class Client {
                okhttp3.Request request(okhttp3.Request.Builder b) {
                    return b.url("https://api.portkey.ai/v1/chat/completions")
                            .header("x-portkey-api-key", System.getenv("PORTKEY_API_KEY"))
                            .header("x-portkey-provider", "openai")
                            .header("x-portkey-custom-host", "http://llm.internal")
                            .build();
                }
            }
            """;

    @Test
    void rewriteWritesAMarkdownReportOfWhatItDid(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        write(src, "Client.java", CLIENT);
        Path report = dir.resolve("out/MIGRATION.md");
        CliRun r = CliRun.of("rewrite", "--allow-dirty", "--report", report.toString(), src.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).contains("wrote the report to " + report);
        String md = Files.readString(report);
        assertThat(md).contains("## What changed", "Client.java`", "| `header-provider` | 1 | 5 |",
                "## Still to do by hand", "Client.java:3` | `header-custom-host`", "## Dashboard and admin checklist");
        assertThat(md).doesNotContain("Dry run");
        assertThat(md).containsPattern("\\| `PORTKEY_API_KEY` \\| .* \\| `[^`]*Client\\.java:4` \\|");
        assertThat(md).containsPattern("\\| `CONCENTRATE_API_KEY` \\| .* \\| `[^`]*Client\\.java:5` \\|");
        assertThat(Files.readString(src.resolve("Client.java"))).doesNotContain("x-portkey-provider");
    }

    @Test
    void dryRunWritesTheJsonReportButNoSourceFile(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("src");
        Path client = write(src, "Client.java", CLIENT);
        Path report = dir.resolve("report.json");
        CliRun r = CliRun.of("rewrite", "--dry-run", "--report", report.toString(), "--report-format", "json", src.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).startsWith("diff --git");
        assertThat(Files.readString(client)).isEqualTo(CLIENT);
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("mode").asText()).isEqualTo("dry-run");
        assertThat(json.at("/summary/filesChanged").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/manualItems").asInt()).isEqualTo(1);
        assertThat(json.at("/manual/0/rule").asText()).isEqualTo("header-custom-host");
    }

    @Test
    void aReportThatCannotBeWrittenIsExitTwo(@TempDir Path dir) throws Exception {
        write(dir, "src/Client.java", CLIENT);
        Files.writeString(dir.resolve("file"), "x");
        CliRun r = CliRun.of("rewrite", "--dry-run", "--report", dir.resolve("file/report.md").toString(), dir.resolve("src").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("could not write the report to");
        assertThat(CliRun.of("rewrite", "--dry-run", "--report", "r.md", "--report-format", "pdf", dir.toString()).exit()).isEqualTo(2);
    }

    @Test
    void verifyScriptDefaultsToVerifyConcentrateShAndLeavesThePathAlone() {
        RewriteCommand cmd = new RewriteCommand();
        new CommandLine(cmd).parseArgs("--verify-script", ".");
        assertThat(cmd.reports.verifyScript).isEqualTo(Path.of("verify-concentrate.sh"));
        assertThat(cmd.scan.paths).containsExactly(Path.of("."));
        RewriteCommand named = new RewriteCommand();
        new CommandLine(named).parseArgs("--verify-script", "ci/verify.sh", "src");
        assertThat(named.reports.verifyScript).isEqualTo(Path.of("ci/verify.sh"));
        assertThat(named.scan.paths).containsExactly(Path.of("src"));
        RewriteCommand attached = new RewriteCommand();
        new CommandLine(attached).parseArgs("--verify-script=v.sh", "src");
        assertThat(attached.reports.verifyScript).isEqualTo(Path.of("v.sh"));
        RewriteCommand last = new RewriteCommand();
        new CommandLine(last).parseArgs("src", "--verify-script");
        assertThat(last.reports.verifyScript).isEqualTo(Path.of("verify-concentrate.sh"));
    }

    @Test
    void theWrittenScriptIsExecutableAndPassesAgainstAHealthyGateway(@TempDir Path dir) throws Exception {
        write(dir, "src/Client.java", CLIENT);
        Path script = dir.resolve("verify-concentrate.sh");
        CliRun r = CliRun.of("rewrite", "--allow-dirty", "--verify-script=" + script, dir.resolve("src").toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.isExecutable(script)).isTrue();
        try (FakeGateway g = new FakeGateway()) {
            ProcessBuilder pb = new ProcessBuilder(script.toString()).redirectErrorStream(true);
            pb.environment().keySet().removeIf(k -> k.startsWith("PORTKEY_"));
            pb.environment().put("CONCENTRATE_API_KEY", "sk-cn-v1-abcdef0123456789");
            pb.environment().put("CONCENTRATE_BASE_URL", g.baseUrl() + "/");
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(out).isZero();
            assertThat(out).contains("PASS GET " + g.baseUrl() + "/responses/health answers").endsWith("All checks passed.\n");
        }
    }
    /**
     * A new user's Spring service: the Set table listed the TODO above the custom portkey block
     * (its advice names CONCENTRATE_API_KEY) as a read, while the block still read PORTKEY_API_KEY.
     * Now the block's reference is renamed too, and only lines that read the variable are listed.
     */
    @Test
    void setTableListsTheLinesThatReadTheVariableNotTheTodosThatNameIt(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("repo");
        write(src, "src/main/resources/application.yml", """
                spring:
                  application:
                    name: chat-service
                portkey:
                  api-key: ${PORTKEY_API_KEY}
                  base-url: https://api.portkey.ai/v1
                """);
        write(src, ".env.example", "PORTKEY_API_KEY=\n");
        Path report = dir.resolve("MIGRATION.md");
        CliRun r = CliRun.of("rewrite", "--allow-dirty", "--report", report.toString(), src.toString());
        assertThat(r.exit()).isZero();
        String yml = Files.readString(src.resolve("src/main/resources/application.yml"));
        assertThat(yml.lines().toList().get(5)).isEqualTo("  api-key: ${CONCENTRATE_API_KEY}");
        assertThat(yml.lines().toList().get(3)).startsWith("# TODO(concentrate-migration): A custom portkey settings block");
        String set = Files.readString(report).lines().filter(l -> l.startsWith("| `CONCENTRATE_API_KEY`")).findFirst().orElseThrow();
        assertThat(set).contains("application.yml:6`", ".env.example:1`").doesNotContain("application.yml:4`");
    }
}
