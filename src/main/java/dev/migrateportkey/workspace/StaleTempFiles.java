package dev.migrateportkey.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Removes the temporary files an earlier, killed {@code rewrite} left behind (see
 * {@link AtomicWriter}). A file is removed only when its name is one this tool makes and the process
 * id in it is not a live process, so a rewrite running concurrently in the same tree keeps its own.
 * The walk never follows links and never leaves the root, like {@link Workspace}; it ignores
 * {@code .gitignore} and globs because a temporary file is not a source file (a {@code *.tmp} ignore
 * rule must not hide it).
 */
public final class StaleTempFiles {
    private StaleTempFiles() {
    }

    /** Deletes the stale temporary files under {@code root}; returns those it deleted. */
    public static List<Path> sweep(Path root, List<String> notices) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        List<Path> removed = new ArrayList<>();
        if (Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            // A single file was given: only its own temporary files, beside it.
            String prefix = "." + abs.getFileName() + ".";
            try (var siblings = Files.list(abs.getParent())) {
                for (Path p : siblings.filter(p -> p.getFileName().toString().startsWith(prefix)).toList()) {
                    delete(p, removed, notices);
                }
            }
            return removed;
        }
        if (!Files.isDirectory(abs, LinkOption.NOFOLLOW_LINKS)) {
            return removed;
        }
        Files.walkFileTree(abs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                if (!dir.equals(abs) && Workspace.SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isRegularFile()) {
                    delete(file, removed, notices);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                return FileVisitResult.CONTINUE;
            }
        });
        return removed;
    }

    private static void delete(Path file, List<Path> removed, List<String> notices) {
        if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) || !isStale(file.getFileName().toString())) {
            return;
        }
        try {
            if (Files.deleteIfExists(file)) {
                removed.add(file);
            }
        } catch (IOException e) {
            notices.add(file + ": a temporary file left by an interrupted rewrite could not be removed ("
                    + e.getMessage() + "); delete it by hand");
        }
    }

    /** One of our temporary files whose writer is no longer running. */
    static boolean isStale(String name) {
        OptionalLong pid = AtomicWriter.ownerPid(name);
        if (pid.isEmpty()) {
            return false;
        }
        return pid.getAsLong() != ProcessHandle.current().pid()
                && ProcessHandle.of(pid.getAsLong()).map(h -> !h.isAlive()).orElse(true);
    }
}
