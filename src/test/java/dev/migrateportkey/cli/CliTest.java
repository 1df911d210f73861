package dev.migrateportkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The commands as a user runs them: exit codes, stdout, stderr, and what lands on disk. */
class CliTest {
    private static final String PORTKEY_JAVA = """
            package demo;

            class Client {
                okhttp3.Request request(okhttp3.Request.Builder b) {
                    return b.url("https://api.portkey.ai/v1/chat/completions")
                            .header("x-portkey-api-key", System.getenv("PORTKEY_API_KEY"))
                            .header("x-portkey-provider", "openai")
                            .build();
                }
            }
            """;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
            int code = cl.execute(args);
            System.out.flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    private static Path write(Path dir, String rel, String content) throws IOException {
        Path p = dir.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void checkExitsOneAndNamesEachSite(@TempDir Path dir) throws IOException {
        write(dir, "src/Client.java", PORTKEY_JAVA);
        Run r = run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains(dir + "/src/Client.java:6:25: header-api-key: ")
                .contains("header-provider").contains("base-url-v1");
    }

    @Test
    void checkExitsZeroOnCleanTree(@TempDir Path dir) throws IOException {
        write(dir, "src/Clean.java", "class Clean { String s = \"https://api.concentrate.ai/v1\"; }\n");
        Run r = run("check", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void checkExitsTwoOnMissingPathAndUnknownOption(@TempDir Path dir) {
        Run missing = run("check", dir.resolve("nope").toString());
        assertThat(missing.exit()).isEqualTo(2);
        assertThat(missing.err()).contains("nope: no such file or directory");
        Run unknown = run("check", "--frobnicate", dir.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("--frobnicate").contains("--help");
    }

    @Test
    void unparseableFileIsNamedWithPositionAndOthersAreStillChecked(@TempDir Path dir) throws IOException {
        write(dir, "Broken.java", "class Broken { // portkey\n  void f( {\n}\n");
        write(dir, "Good.java", PORTKEY_JAVA);
        Run r = run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.out()).containsPattern("Broken\\.java:\\d+:\\d+: parse-error: ");
        assertThat(r.out()).contains("Good.java:6:25: header-api-key");
    }

    @Test
    void malformedRulesDirectoryIsAUsageError(@TempDir Path dir) throws IOException {
        write(dir, "src/Client.java", PORTKEY_JAVA);
        Path rules = Files.createDirectories(dir.resolve("myrules"));
        Files.writeString(rules.resolve("bad.yaml"), "rules:\n  - id: x\n    kind: request-header\n    match: x-foo\n"
                + "    action: explode\n    note: n\n");
        Run r = run("check", "--rules", rules.toString(), dir.resolve("src").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("bad.yaml:5").contains("'action'").contains("explode");
    }

    @Test
    void jsonFormatIsParseableAndComplete(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", PORTKEY_JAVA);
        Run r = run("check", "--format", "json", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode root = new ObjectMapper().readTree(r.out());
        assertThat(root.get("findings").size()).isEqualTo(3);
        JsonNode first = root.get("findings").get(0);
        assertThat(first.get("rule").asText()).isEqualTo("base-url-v1");
        assertThat(first.get("kind").asText()).isEqualTo("fixable");
        assertThat(first.get("line").asInt()).isEqualTo(5);
    }

    @Test
    void dryRunWritesNothingAndPrintsADiff(@TempDir Path dir) throws IOException {
        Path f = write(dir, "Client.java", PORTKEY_JAVA);
        byte[] before = Files.readAllBytes(f);
        Run r = run("rewrite", "--dry-run", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(Files.readAllBytes(f)).isEqualTo(before);
        assertThat(r.out()).startsWith("diff --git a/Client.java b/Client.java\n")
                .contains("+                .header(\"Authorization\", \"Bearer \" + System.getenv(\"CONCENTRATE_API_KEY\"))");
    }

    @Test
    void dryRunDiffAppliedWithGitEqualsRewrite(@TempDir Path dir) throws Exception {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        String crlf = PORTKEY_JAVA.replace("\n", "\r\n");
        String noFinalNewline = PORTKEY_JAVA.replace("class Client", "class Client2").stripTrailing();
        for (Path root : List.of(a, b)) {
            write(root, "src/Client.java", PORTKEY_JAVA);
            write(root, "src/Crlf.java", crlf);
            write(root, "src/NoNewline.java", noFinalNewline);
        }
        Run diff = run("rewrite", "--dry-run", a.toString());
        assertThat(diff.exit()).isZero();
        Path patch = dir.resolve("change.diff");
        Files.writeString(patch, diff.out(), StandardCharsets.UTF_8);
        git(a, "init", "-q");
        git(a, "apply", patch.toString());

        assertThat(run("rewrite", b.toString()).exit()).isZero();
        for (String rel : List.of("src/Client.java", "src/Crlf.java", "src/NoNewline.java")) {
            assertThat(Files.readAllBytes(a.resolve(rel))).as(rel).isEqualTo(Files.readAllBytes(b.resolve(rel)));
            assertThat(Files.readString(b.resolve(rel))).doesNotContain("x-portkey-");
        }
        assertThat(Files.readString(b.resolve("src/Crlf.java"))).doesNotContainPattern("[^\r]\n");
        assertThat(Files.readString(b.resolve("src/NoNewline.java"))).endsWith("}");
        // Rewriting its own output changes nothing.
        Run again = run("rewrite", "--dry-run", b.toString());
        assertThat(again.out()).isEmpty();
    }

    @Test
    void rewriteLeavesFilesWithoutPortkeyByteIdentical(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", PORTKEY_JAVA);
        Path other = write(dir, "Other.java", "class Other {\r\n\tint x; // untouched\r\n}");
        byte[] before = Files.readAllBytes(other);
        assertThat(run("rewrite", dir.toString()).exit()).isZero();
        assertThat(Files.readAllBytes(other)).isEqualTo(before);
        try (Stream<Path> s = Files.list(dir)) {
            assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("Client.java", "Other.java");
        }
    }

    @Test
    void versionHelpAndRules() {
        Run version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("migrate-portkey ");
        Run help = run("rewrite", "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("--dry-run").contains("--rules");
        Run rules = run("rules");
        assertThat(rules.exit()).isZero();
        assertThat(rules.out()).contains("header-api-key").contains("to-authorization");
        Run one = run("rules", "header-trace-id");
        assertThat(one.out()).contains("X-Request-Id");
    }

    @Test
    void checkNeverPrintsAKeyLiteralInFull(@TempDir Path dir) throws IOException {
        write(dir, "Keyed.java", """
                class Keyed {
                    Object c() {
                        return com.openai.client.okhttp.OpenAIOkHttpClient.builder()
                                .baseUrl("https://api.portkey.ai/v1")
                                .apiKey("pk-live-9f8a7b6c5d4e3f2a1b")
                                .build();
                    }
                }
                """);
        for (String format : List.of("text", "json")) {
            Run r = run("check", "--format", format, dir.toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out() + r.err()).doesNotContain("pk-live-9f8a7b6c5d4e3f2a1b");
        }
    }

    @Test
    void rewriteRefusesFilesWithUncommittedChangesUnlessAllowed(@TempDir Path dir) throws Exception {
        Path f = write(dir, "Client.java", PORTKEY_JAVA);
        git(dir, "init", "-q");
        git(dir, "add", "Client.java");
        git(dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "base");
        Files.writeString(f, PORTKEY_JAVA + "// my unfinished work\n");
        byte[] dirty = Files.readAllBytes(f);

        Run refused = run("rewrite", dir.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("Client.java").contains("--allow-dirty");
        assertThat(Files.readAllBytes(f)).isEqualTo(dirty);

        Run allowed = run("rewrite", "--allow-dirty", dir.toString());
        assertThat(allowed.exit()).isZero();
        assertThat(Files.readString(f)).doesNotContain("x-portkey-").endsWith("// my unfinished work\n");
    }

    @Test
    void dryRunInARepositorySubdirectorySaysHowToApplyFromTheTop(@TempDir Path dir) throws Exception {
        Path f = write(dir, "svc/src/Client.java", PORTKEY_JAVA);
        git(dir, "init", "-q");
        Run r = run("rewrite", "--dry-run", dir.resolve("svc").toString());
        assertThat(r.err()).contains("git apply --directory=svc");
        Path patch = Files.writeString(dir.resolve("svc.diff"), r.out());
        git(dir, "apply", "--directory=svc", patch.toString());
        assertThat(Files.readString(f)).doesNotContain("x-portkey-").contains("CONCENTRATE_API_KEY");
    }

    @Test
    void rewriteProceedsOnCommittedFiles(@TempDir Path dir) throws Exception {
        Path f = write(dir, "Client.java", PORTKEY_JAVA);
        git(dir, "init", "-q");
        git(dir, "add", "Client.java");
        git(dir, "-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "base");
        Run r = run("rewrite", dir.toString());
        assertThat(r.exit()).isZero();
        assertThat(r.err()).doesNotContain("warning");
        assertThat(Files.readString(f)).doesNotContain("x-portkey-");
    }

    @Test
    void checkNamesAHeaderCallAsPathLineColRuleMessage(@TempDir Path dir) throws IOException {
        Path f = write(dir, "Req.java", """
                class Req {
                    okhttp3.Request r(okhttp3.Request.Builder b, String k) {
                        return b.header("x-portkey-api-key", k).build();
                    }
                }
                """);
        Run r = run("check", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out().lines().toList()).hasSize(1).first().asString()
                .startsWith(f + ":3:")
                .matches("\\Q" + f + "\\E:3:\\d+: header-api-key: \\S.*");
        // A single file given as the path is checked the same way.
        Run single = run("check", f.toString());
        assertThat(single.exit()).isEqualTo(1);
        assertThat(single.out()).contains(f + ":3:").contains("header-api-key");
    }

    @Test
    void rulesDirMissingANoteIsAUsageErrorNamingFileAndLine(@TempDir Path dir) throws IOException {
        write(dir, "src/Clean.java", "class Clean {}\n");
        Path rules = Files.createDirectories(dir.resolve("myrules"));
        Files.writeString(rules.resolve("nonote.yaml"),
                "rules:\n  - id: header-x\n    kind: request-header\n    match: x-portkey-x\n    action: drop\n");
        Run r = run("check", "--rules", rules.toString(), dir.resolve("src").toString());
        assertThat(r.exit()).isEqualTo(2);
        assertThat(r.err()).contains("nonote.yaml:2").contains("'note'");
        Run notADir = run("check", "--rules", rules.resolve("nonote.yaml").toString(), dir.resolve("src").toString());
        assertThat(notADir.exit()).isEqualTo(2);
    }

    @Test
    void rootHelpVersionAndUsageErrors() {
        Run help = run("--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("rewrite").contains("check").contains("rules");
        Run version = run("--version");
        assertThat(version.exit()).isZero();
        assertThat(version.out()).startsWith("migrate-portkey ");
        Run checkHelp = run("check", "--help");
        assertThat(checkHelp.exit()).isZero();
        assertThat(checkHelp.out()).contains("--format");
        assertThat(run().exit()).isEqualTo(2);
        assertThat(run("frobnicate").exit()).isEqualTo(2);
        assertThat(run("check").exit()).isEqualTo(2);
        assertThat(run("check", "--format", "xml", ".").exit()).isEqualTo(2);
        assertThat(run("rewrite", "--frobnicate", ".").exit()).isEqualTo(2);
    }

    @Test
    void rulesListsEveryIdAndExplainsOne() {
        Run r = run("rules");
        assertThat(r.exit()).isZero();
        assertThat(r.out()).contains("header-api-key").contains("header-azure").contains("header-other")
                .contains("base-url-v1");
        Run md = run("rules", "--format", "markdown");
        assertThat(md.exit()).isZero();
        assertThat(md.out()).contains("header-api-key").contains("|");
        Run unknown = run("rules", "no-such-rule");
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err()).contains("no-such-rule");
    }

    @Test
    void overlappingPathsNameEachFileOnce(@TempDir Path dir) throws IOException {
        Path f = write(dir, "src/Client.java", PORTKEY_JAVA);
        Run once = run("check", dir.toString());
        Run overlapping = run("check", dir.toString(), dir.resolve("src").toString(), f.toString());
        assertThat(overlapping.exit()).isEqualTo(1);
        assertThat(overlapping.out().lines().count()).isEqualTo(once.out().lines().count());
        Run diff = run("rewrite", "--dry-run", dir.toString(), dir.resolve("src").toString());
        assertThat(diff.exit()).isZero();
        assertThat(diff.out().lines().filter(l -> l.startsWith("diff --git ")).toList())
                .containsExactly("diff --git a/src/Client.java b/src/Client.java");
    }

    private static void git(Path dir, String... args) throws Exception {
        String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("git %s: %s", String.join(" ", args), output).isZero();
    }
}
