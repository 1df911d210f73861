package dev.migrateportkey.workspace;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

/**
 * Says in words why a file could not be read. Java's file exceptions carry the path as their
 * message ({@code AccessDeniedException: /repo/a.py}), which told a user nothing they did not know.
 */
public final class IoProblems {
    private IoProblems() {
    }

    /** What went wrong and what to do, without the path (the caller names the file). */
    public static String describe(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied (make it readable, or leave it out with --exclude)";
        }
        if (e instanceof NoSuchFileException) {
            return "it was removed or renamed during the scan";
        }
        if (e instanceof FileSystemException fs && fs.getReason() != null) {
            return fs.getReason();
        }
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m;
    }
}
