package dev.migrateportkey.lang.text;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The TODOs written into a Makefile's recipe leave the recipe as make runs it: {@code make -n}
 * (print, do not run) on the fixture's expected Makefile prints the same number of commands as on
 * its input, and none of them is a TODO (a tab-indented comment would be echoed on every run).
 */
class MakeRecipeTodosTest {
    private static final Path CASE = Path.of("fixtures", "config", "makefile-recipe-todos-at-column-zero");

    @Test
    void todosAreMakeCommentsNotRecipeLines() throws Exception {
        String expected = Files.readString(CASE.resolve("expected/Makefile"));
        assertThat(expected).contains("\n# TODO(concentrate-migration)").doesNotContain("\t# TODO");

        List<String> before = dryRun(CASE.resolve("input"));
        List<String> after = dryRun(CASE.resolve("expected"));
        assertThat(after).hasSameSizeAs(before).noneMatch(l -> l.contains("TODO"));
        assertThat(after).anyMatch(l -> l.contains("Authorization: Bearer"));
    }

    private static List<String> dryRun(Path dir) throws Exception {
        Process p;
        try {
            p = new ProcessBuilder("make", "-n", "-s", "smoke").directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (java.io.IOException e) {
            Assumptions.abort("make is not installed: " + e.getMessage());
            throw e;
        }
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
