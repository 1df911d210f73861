package dev.migrateportkey.lang.python;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rewritten Python fixture ({@code fixtures/python/<case>/expected}) compiles with
 * {@code python3 -m py_compile}: the tool's output is valid Python, not just the expected text.
 * Skipped, with a message saying so, where no python3 is on the PATH.
 */
class PythonFixturesCompileTest {

    @TempDir
    Path cache;

    @Test
    void rewrittenFixturesCompile() throws Exception {
        String python = python3();
        Assumptions.assumeTrue(python != null, "python3 is not on the PATH: skipping the py_compile check of the Python fixtures");
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(Path.of("fixtures", "python"))) {
            s.filter(p -> p.toString().endsWith(".py") && p.toString().contains("/expected/")).sorted().forEach(files::add);
        }
        assertThat(files).as("expected Python fixtures").hasSizeGreaterThanOrEqualTo(10);
        List<String> command = new ArrayList<>(List.of(python, "-c",
                "import sys, py_compile\n"
                        + "bad = 0\n"
                        + "for i, f in enumerate(sys.argv[1:]):\n"
                        + "    try:\n"
                        + "        py_compile.compile(f, doraise=True)\n"
                        + "    except py_compile.PyCompileError as e:\n"
                        + "        bad += 1\n"
                        + "        print(e.msg)\n"
                        + "sys.exit(1 if bad else 0)\n"));
        files.forEach(f -> command.add(f.toString()));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
        // Byte code goes to a temp dir, never beside the fixtures.
        pb.environment().put("PYTHONPYCACHEPREFIX", cache.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as("py_compile of " + files.size() + " files:\n" + out).isZero();
    }

    private static String python3() {
        try {
            Process p = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0 ? "python3" : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }
}
