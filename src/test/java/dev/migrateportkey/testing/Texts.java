package dev.migrateportkey.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small text lookups the fixture tests share. */
public final class Texts {
    private Texts() {
    }

    /** The 1-based number of the first line holding {@code part}; fails the test if there is none. */
    public static int lineNumberOf(List<String> lines, String part) {
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains(part)) {
                return i + 1;
            }
        }
        throw new AssertionError("no line with " + part);
    }

    /** The file's text, for use inside stream lambdas. */
    public static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
