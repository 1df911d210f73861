package dev.migrateportkey.lang.python;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The guide's Python Before/After pairs are golden fixture cases: this test reads them out of the
 * guide itself and checks that the fixtures hold them word for word, so the golden test's
 * "rewrite matches expected" proves the tool produces the guide's After.
 */
class PythonGuideExamplesTest {
    private static final Path GUIDE = Path.of("..", "shared", "spec", "portkey-to-concentrate-guide.txt");
    private static final Path FIXTURES = Path.of("fixtures", "python");

    @Test
    void topExampleIsAFixtureCase() throws Exception {
        List<String> lines = guide();
        int before = indexOf(lines, "# Before", 0);
        int after = indexOf(lines, "# After", before);
        int end = indexOf(lines, "Prerequisites", after);
        Path c = FIXTURES.resolve("guide-example-openai-default-headers");
        assertThat(read(c.resolve("input/client.py"))).isEqualTo(block(lines, before, after));
        assertThat(read(c.resolve("expected/client.py"))).isEqualTo(block(lines, after, end));
    }

    @Test
    void step2ExampleIsAFixtureCase() throws Exception {
        List<String> lines = guide();
        int before = indexOf(lines, "# Before (Portkey with portkey-ai SDK)", 0);
        int after = indexOf(lines, "# After (Concentrate)", before);
        int end = indexOf(lines, "Step 3", after);
        Path c = FIXTURES.resolve("guide-step2-portkey-sdk-client");
        String guideAfter = block(lines, after, end);
        assertThat(read(c.resolve("expected/app.py"))).isEqualTo(guideAfter);
        // The guide's After goes on to call the client; the input carries the same call after the
        // guide's Before, so that the whole After is what the tool must produce.
        String usage = guideAfter.substring(guideAfter.indexOf("\nresponse = ") + 1);
        assertThat(read(c.resolve("input/app.py"))).isEqualTo(block(lines, before, after) + "\n" + usage);
    }

    private static List<String> guide() throws Exception {
        assertThat(GUIDE).as("the migration guide (run from the project root)").exists();
        return Arrays.asList(Files.readString(GUIDE).split("\n", -1));
    }

    private static int indexOf(List<String> lines, String start, int from) {
        for (int i = from; i < lines.size(); i++) {
            if (lines.get(i).startsWith(start)) {
                return i;
            }
        }
        throw new AssertionError("'" + start + "' not found in the guide");
    }

    /** The lines strictly between two marker lines, trailing blank lines dropped, newline-terminated. */
    private static String block(List<String> lines, int marker, int next) {
        int end = next;
        while (end > marker + 1 && lines.get(end - 1).isBlank()) {
            end--;
        }
        return String.join("\n", lines.subList(marker + 1, end)) + "\n";
    }

    private static String read(Path p) throws Exception {
        return Files.readString(p);
    }
}
