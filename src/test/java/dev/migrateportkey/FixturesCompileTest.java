package dev.migrateportkey;

import dev.migrateportkey.testing.JavaSourceCompiler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every Java fixture is real code: its {@code input/} (the Portkey version) and its
 * {@code expected/} (what the tool makes of it) both compile against the real client libraries on
 * the test classpath. Migrated output that does not compile fails here with {@code file:line: message}.
 */
class FixturesCompileTest {
    private static final Path FIXTURES = Path.of("fixtures", "java");
    private static JavaSourceCompiler javac;

    @TempDir
    static Path temp;

    @BeforeAll
    static void compiler() {
        javac = new JavaSourceCompiler();
    }

    @AfterAll
    static void close() throws IOException {
        javac.close();
    }

    @TestFactory
    Stream<DynamicNode> everyFixtureCompiles() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).as("fixture cases under " + FIXTURES).isNotEmpty();
        return cases.stream().flatMap(c -> Stream.of("input", "expected").map(side -> DynamicTest.dynamicTest(
                c.getFileName() + "/" + side, () -> compiles(c.resolve(side)))));
    }

    private static void compiles(Path tree) throws IOException {
        List<Path> sources = JavaSourceCompiler.sourcesUnder(tree);
        assertThat(sources).as(tree + " has Java sources").isNotEmpty();
        Path out = Files.createTempDirectory(temp, "classes");
        List<JavaSourceCompiler.Problem> problems = javac.compile(sources, out);
        assertThat(problems).as("compiler errors in " + tree).isEmpty();
    }
}
