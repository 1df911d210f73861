package dev.migrateportkey;

import dev.migrateportkey.cli.FixtureOptions;
import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden tests over {@code fixtures/<language>/<case>/input} and {@code expected}, for every language
 * directory under {@code fixtures}: the rewrite of every
 * input must equal expected byte for byte, expected must be a fixed point (also with CRLF line
 * endings), and only manual findings may remain in expected.
 */
class GoldenFixturesTest {
    private static final Path FIXTURES = Path.of("fixtures");
    private static RuleTable rules;

    @TempDir
    static Path temp;

    @BeforeAll
    static void loadRules() throws Exception {
        rules = new RuleLoader().load(null);
    }

    @TestFactory
    Stream<DynamicNode> goldenCases() throws IOException {
        assertThat(FIXTURES).as("fixtures directory (run from the project root)").isDirectory();
        List<Path> languages;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            languages = s.filter(Files::isDirectory).sorted().toList();
        }
        List<DynamicNode> out = new ArrayList<>();
        for (Path language : languages) {
            List<Path> cases;
            try (Stream<Path> s = Files.list(language)) {
                cases = s.filter(Files::isDirectory).sorted().toList();
            }
            assertThat(cases).as("golden cases under " + language).isNotEmpty();
            out.add(DynamicContainer.dynamicContainer(language.getFileName().toString(), cases.stream().map(GoldenFixturesTest::goldenCase)));
        }
        return out.stream();
    }

    private static DynamicNode goldenCase(Path c) {
        return DynamicContainer.dynamicContainer(c.getFileName().toString(), Stream.of(
                DynamicTest.dynamicTest("has input and expected", () -> {
                    assertThat(c.resolve("input")).as(c + "/input").isDirectory();
                    assertThat(c.resolve("expected")).as(c + "/expected (every input needs one)").isDirectory();
                }),
                DynamicTest.dynamicTest("rewrite matches expected", () -> rewriteMatches(c)),
                DynamicTest.dynamicTest("expected is a fixed point", () -> fixedPoint(c, false)),
                DynamicTest.dynamicTest("expected with CRLF is a fixed point", () -> fixedPoint(c, true)),
                DynamicTest.dynamicTest("only manual findings left in expected", () -> onlyManualLeft(c))));
    }

    private static void rewriteMatches(Path c) throws Exception {
        options = FixtureOptions.of(c);
        Path expected = c.resolve("expected");
        assertThat(expected).as(c + "/expected (every input needs one)").isDirectory();
        Path work = copy(c.resolve("input"), c.getFileName() + "-rewrite", false);
        MigrationPlan plan = plan(work);
        assertThat(plan.hasErrors()).as("errors: " + plan.findings()).isFalse();
        for (FilePlan f : plan.changedFiles()) {
            Files.write(f.path(), f.newBytes());
        }
        Map<String, byte[]> actual = files(work);
        Map<String, byte[]> wanted = files(expected);
        assertThat(actual.keySet()).as("files of " + c.getFileName()).isEqualTo(wanted.keySet());
        for (Map.Entry<String, byte[]> e : wanted.entrySet()) {
            byte[] got = actual.get(e.getKey());
            assertThat(new String(got, StandardCharsets.UTF_8))
                    .as(c.getFileName() + ": " + e.getKey())
                    .isEqualTo(new String(e.getValue(), StandardCharsets.UTF_8));
            assertThat(got).as(c.getFileName() + ": " + e.getKey() + " (bytes)").isEqualTo(e.getValue());
        }
    }

    private static void fixedPoint(Path c, boolean crlf) throws Exception {
        options = FixtureOptions.of(c);
        Path work = copy(c.resolve("expected"), c.getFileName() + (crlf ? "-crlf" : "-fixed"), crlf);
        MigrationPlan plan = plan(work);
        assertThat(plan.hasErrors()).as("errors: " + plan.findings()).isFalse();
        assertThat(plan.changedFiles()).as(c.getFileName() + ": files changed by a second run"
                        + (crlf ? " (CRLF copy)" : ""))
                .extracting(FilePlan::relativePath).isEmpty();
    }

    private static void onlyManualLeft(Path c) throws Exception {
        options = FixtureOptions.of(c);
        Path work = copy(c.resolve("expected"), c.getFileName() + "-check", false);
        MigrationPlan plan = plan(work);
        assertThat(plan.findings()).as(c.getFileName() + ": findings left in expected")
                .allSatisfy(f -> assertThat(f.kind()).as(f.toString()).isEqualTo(Finding.Kind.MANUAL));
    }

    /** Options of the case being planned ({@code options.txt}, see {@link FixtureOptions}). */
    private static MigrationOptions options = MigrationOptions.defaults();

    private static MigrationPlan plan(Path dir) throws Exception {
        return new Planner(rules, Migrators.all(), options, WalkOptions.defaults())
                .plan(List.of(dir));
    }

    /** Copies a tree into a fresh temp dir, optionally turning every line ending into CRLF. */
    private static Path copy(Path from, String name, boolean crlf) throws IOException {
        Path to = Files.createTempDirectory(temp, name);
        List<Path> all;
        try (Stream<Path> s = Files.walk(from)) {
            all = s.sorted().toList();
        }
        for (Path p : all) {
            Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                byte[] bytes = Files.readAllBytes(p);
                if (crlf) {
                    String s = new String(bytes, StandardCharsets.ISO_8859_1).replace("\r\n", "\n").replace("\n", "\r\n");
                    bytes = s.getBytes(StandardCharsets.ISO_8859_1);
                }
                Files.write(target, bytes);
            }
        }
        return to;
    }

    /** Every regular file of a tree by its '/'-separated relative path. */
    private static Map<String, byte[]> files(Path root) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(Files::isRegularFile).forEach(all::add);
        }
        for (Path p : all) {
            out.put(root.relativize(p).toString().replace('\\', '/'), Files.readAllBytes(p));
        }
        return out;
    }
}
