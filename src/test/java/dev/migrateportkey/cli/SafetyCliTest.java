package dev.migrateportkey.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Issue 9 through the command line: no stack trace without {@code --verbose}, one clear usage
 * message per mistake, a dry run over every fixture's expected tree that changes nothing, and
 * nothing written outside the scanned root.
 */
class SafetyCliTest {
    private static final String PORTKEY_JAVA = """
            package demo;

            class Client {
                okhttp3.Request request(okhttp3.Request.Builder b) {
                    return b.url("https://api.portkey.ai/v1/chat/completions")
                            .header("x-portkey-api-key", System.getenv("PORTKEY_API_KEY"))
                            .build();
                }
            }
            """;

    private record Run(int exit, String out, String err) {
    }

    private static Run run(CommandLine cl, String... args) {
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            cl.setErr(new PrintWriter(err, true));
            cl.setOut(new PrintWriter(new java.io.OutputStreamWriter(System.out, StandardCharsets.UTF_8), true));
            int code = cl.execute(args);
            System.out.flush();
            return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString());
        } finally {
            System.setOut(saved);
        }
    }

    private static Run run(String... args) {
        return run(Main.commandLine(), args);
    }

    /** A stack trace frame line, as printStackTrace writes it. */
    private static boolean hasStackTrace(String s) {
        return s.lines().anyMatch(l -> l.startsWith("\tat ") || l.startsWith("Caused by: "));
    }

    /** A command that fails the way an unforeseen bug would. */
    @Command(name = "boom")
    static final class Boom implements Callable<Integer> {
        @Mixin
        LoggingOptions logging;

        @Override
        public Integer call() {
            throw new IllegalStateException("simulated bug");
        }
    }

    @Test
    void anInternalErrorIsOneLineWithoutVerboseAndAStackTraceWithIt() {
        Run quiet = run(Main.commandLine().addSubcommand(new Boom()), "boom");
        assertThat(quiet.exit()).isEqualTo(2);
        assertThat(quiet.err()).contains("internal error").contains("simulated bug").contains("--verbose");
        assertThat(hasStackTrace(quiet.err())).as(quiet.err()).isFalse();
        assertThat(quiet.err().lines().count()).isEqualTo(1);

        Run verbose = run(Main.commandLine().addSubcommand(new Boom()), "boom", "--verbose");
        assertThat(verbose.exit()).isEqualTo(2);
        assertThat(hasStackTrace(verbose.err())).as(verbose.err()).isTrue();
        assertThat(verbose.err()).contains("at dev.migrateportkey.cli.SafetyCliTest$Boom.call");
    }

    @Test
    void userErrorsShowAStackTraceOnlyWithVerbose(@TempDir Path dir) throws IOException {
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Files.writeString(rules.resolve("bad.yaml"), "rules:\n  - id: x\n    kind: [unclosed\n    match: y\n");
        Run quiet = run("check", "--rules", rules.toString(), dir.toString());
        assertThat(quiet.exit()).isEqualTo(2);
        assertThat(hasStackTrace(quiet.err())).as(quiet.err()).isFalse();
        Run verbose = run("check", "--verbose", "--rules", rules.toString(), dir.toString());
        assertThat(verbose.exit()).isEqualTo(2);
        assertThat(hasStackTrace(verbose.err())).as(verbose.err()).isTrue();
    }

    @Test
    void aParseErrorIsAFindingNotAStackTrace(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("Broken.java"), "class Broken { // portkey\n  void f( {\n}\n");
        for (String cmd : List.of("check", "rewrite")) {
            Run r = cmd.equals("check") ? run(cmd, dir.toString()) : run(cmd, "--dry-run", dir.toString());
            assertThat(r.exit()).as(cmd).isEqualTo(2);
            assertThat(r.out() + r.err()).as(cmd).containsPattern("Broken\\.java:\\d+:\\d+: parse-error: ");
            assertThat(hasStackTrace(r.out() + r.err())).as(cmd).isFalse();
        }
    }

    /** Each usage mistake: exit 2, one message (plus at most a pointer to --help), naming what it can. */
    @Test
    void usageErrorsAreOneClearMessageNamingFileLineAndKey(@TempDir Path dir) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src"));
        Files.writeString(src.resolve("A.java"), "class A {}\n");
        Path rules = Files.createDirectories(dir.resolve("rules"));
        Map<String, String> badRules = new TreeMap<>(Map.of(
                "rules:\n  - id: x\n    kind: [unclosed\n    match: y\n", "bad.yaml:4:",
                "rules:\n  - id: x\n    kind: request-header\n    match: y\n    acton: drop\n    note: n\n", "bad.yaml:5:5: key 'acton'",
                "rules:\n  - id: x\n    kind: request-header\n    match: y\n    action: explode\n    note: n\n", "bad.yaml:5:",
                "rulez: []\n", "bad.yaml:1:1: key 'rulez'"));
        for (Map.Entry<String, String> e : badRules.entrySet()) {
            Files.writeString(rules.resolve("bad.yaml"), e.getKey());
            Run r = run("check", "--rules", rules.toString(), src.toString());
            assertThat(r.exit()).as(e.getKey()).isEqualTo(2);
            assertThat(r.err()).as(e.getKey()).contains(e.getValue());
            assertThat(r.err().lines().count()).as(r.err()).isEqualTo(1);
        }
        Run missingRules = run("check", "--rules", dir.resolve("no-such-dir").toString(), src.toString());
        assertThat(missingRules.exit()).isEqualTo(2);
        assertThat(missingRules.err()).contains("no-such-dir").hasLineCount(1);

        Run missingPath = run("rewrite", "--dry-run", dir.resolve("nope").toString());
        assertThat(missingPath.exit()).isEqualTo(2);
        assertThat(missingPath.err()).isEqualTo("migrate-portkey: " + dir.resolve("nope") + ": no such file or directory"
                + System.lineSeparator());

        Run unknown = run("rewrite", "--frobnicate", src.toString());
        assertThat(unknown.exit()).isEqualTo(2);
        assertThat(unknown.err().lines().toList()).hasSizeLessThanOrEqualTo(2)
                .first().asString().contains("'--frobnicate'");
        assertThat(unknown.out()).isEmpty();
    }

    /** Guarantee 4: oversized and binary files are skipped with a notice naming them, and left alone. */
    @Test
    void oversizedAndBinaryFilesAreSkippedWithANotice(@TempDir Path dir) throws IOException {
        Path big = dir.resolve("Big.java");
        Files.writeString(big, PORTKEY_JAVA + "// " + "x".repeat(2_000) + "\n");
        Path binary = dir.resolve("Blob.java");
        byte[] blob = (PORTKEY_JAVA + "\0\0").getBytes(StandardCharsets.UTF_8);
        Files.write(binary, blob);
        Files.writeString(dir.resolve("Small.java"), PORTKEY_JAVA);
        byte[] bigBefore = Files.readAllBytes(big);

        Run r = run("rewrite", "--allow-dirty", "--max-file-size", "1000", dir.toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(r.err()).contains("Big.java: skipped, " + bigBefore.length + " bytes is over the 1000-byte limit")
                .contains("--max-file-size").contains("Blob.java: skipped, looks binary");
        assertThat(Files.readAllBytes(big)).isEqualTo(bigBefore);
        assertThat(Files.readAllBytes(binary)).isEqualTo(blob);
        assertThat(Files.readString(dir.resolve("Small.java"))).doesNotContain("x-portkey");
        assertThat(hasStackTrace(r.err())).isFalse();
    }

    /** Guarantee 6: the expected tree of every fixture is already migrated, so a dry run prints nothing. */
    @TestFactory
    Stream<DynamicTest> dryRunOverEveryExpectedTreeIsEmpty() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(Path.of("fixtures"))) {
            cases = s.filter(Files::isDirectory).flatMap(lang -> {
                try {
                    return Files.list(lang).filter(c -> Files.isDirectory(c.resolve("expected"))).toList().stream();
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).sorted().toList();
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
            Run r = run("rewrite", "--dry-run", c.resolve("expected").toString());
            assertThat(r.exit()).as(r.err()).isZero();
            assertThat(r.out()).as("diff for " + c).isEmpty();
        }));
    }

    /** Guarantee 4: links out of the root are not followed, and nothing outside the root is written. */
    @Test
    void rewriteWritesNothingOutsideTheRoot(@TempDir Path tmp) throws Exception {
        Path root = Files.createDirectories(tmp.resolve("root/src"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path outsideFile = Files.writeString(outside.resolve("Outside.java"), PORTKEY_JAVA);
        Files.writeString(root.resolve("Inside.java"), PORTKEY_JAVA);
        Path dirLink = root.resolve("linked-dir");
        Path fileLink = root.resolve("Linked.java");
        try {
            Files.createSymbolicLink(dirLink, outside);
            Files.createSymbolicLink(fileLink, outsideFile);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "symbolic links not supported here");
        }
        Map<String, String> before = snapshot(tmp, tmp.resolve("root"));

        Run r = run("rewrite", "--allow-dirty", tmp.resolve("root").toString());
        assertThat(r.exit()).as(r.err()).isZero();
        assertThat(Files.readString(root.resolve("Inside.java"))).doesNotContain("portkey");
        assertThat(Files.readString(outsideFile)).isEqualTo(PORTKEY_JAVA);
        assertThat(Files.isSymbolicLink(dirLink)).isTrue();
        assertThat(Files.isSymbolicLink(fileLink)).isTrue();
        assertThat(snapshot(tmp, tmp.resolve("root"))).as("everything outside the root, byte for byte")
                .isEqualTo(before);

        // A root that is itself a link is refused rather than followed.
        Path rootLink = tmp.resolve("root-link");
        Files.createSymbolicLink(rootLink, outside);
        Run viaLink = run("rewrite", "--allow-dirty", rootLink.toString());
        assertThat(Files.readString(outsideFile)).isEqualTo(PORTKEY_JAVA);
        assertThat(viaLink.err()).contains("symbolic link");
    }

    /** Every regular file under {@code tmp} but outside {@code root} (links not followed), with its bytes. */
    private static Map<String, String> snapshot(Path tmp, Path root) throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(tmp)) {
            for (Path p : s.filter(p -> !p.startsWith(root) && Files.isRegularFile(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).toList()) {
                out.put(tmp.relativize(p).toString(), new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1));
            }
        }
        return out;
    }
}
