package dev.migrateportkey.workspace;

import org.eclipse.jgit.ignore.IgnoreNode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks a scanned root: skips version-control and build directories, whatever {@code .gitignore}
 * files ignore, and {@code --include}/{@code --exclude} rules, and never follows a link (so never
 * leaves the root). A link's target inside the root is visited as itself.
 */
public final class Workspace {
    /** Directories that hold no source of the project's own. */
    public static final Set<String> SKIPPED_DIRECTORIES = Set.of(".git", "target", "build", "node_modules",
            ".hg", ".svn", ".gradle", ".idea", ".venv", "venv", "__pycache__", ".mypy_cache", ".tox", "dist");

    private final WalkOptions options;

    public Workspace(WalkOptions options) {
        this.options = options;
    }

    /**
     * Files under {@code root} that pass the walk's filters and {@code wanted} (by file name).
     * A root that is a file yields that file alone.
     */
    public List<Candidate> walk(Path root, Predicate<String> wanted, List<String> notices) throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        List<Candidate> out = new ArrayList<>();
        if (Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            Path parent = abs.getParent();
            String name = abs.getFileName().toString();
            out.add(new Candidate(parent, abs, name, root.toString()));
            return out;
        }
        if (Files.isSymbolicLink(abs)) {
            notices.add(root + ": is a symbolic link; pass the directory it points to instead");
            return out;
        }
        if (!Files.isDirectory(abs)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such file or directory");
        }
        GlobFilter globs = new GlobFilter(options.includes(), options.excludes());
        boolean noGlobs = options.includes().isEmpty() && options.excludes().isEmpty();
        Deque<IgnoreScope> scopes = new ArrayDeque<>(ancestorScopes(abs));
        // Per-file work is kept to string slicing: on a 15,000-file tree the walk is a large part of
        // `check`, and Path.relativize per file (twice) showed up in profiles.
        int prefix = abs.toString().length() + (abs.toString().endsWith(File.separator) ? 0 : 1);
        String base = root.toString();
        String displayBase = base.equals(".") || base.isEmpty() ? "" : base.endsWith("/") ? base : base + "/";
        int[] ignoreFiles = {(int) scopes.stream().filter(sc -> sc.node != null).count()};
        Files.walkFileTree(abs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(abs)) {
                    String rel = relative(prefix, dir);
                    if (SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            || (ignoreFiles[0] > 0 && ignored(scopes, dir, true))
                            || (!noGlobs && globs.excludesDirectory(rel))) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                IgnoreScope scope = IgnoreScope.of(dir);
                if (scope.node != null) {
                    ignoreFiles[0]++;
                }
                scopes.push(scope);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                if (scopes.pop().node != null) {
                    ignoreFiles[0]--;
                }
                if (exc != null) {
                    notices.add(displayBase + relative(prefix, dir) + ": directory could not be read (" + exc.getMessage() + "); skipped");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink() || !attrs.isRegularFile() || !wanted.test(file.getFileName().toString())) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(prefix, file);
                if ((!noGlobs && !globs.accepts(rel)) || (ignoreFiles[0] > 0 && ignored(scopes, file, false))) {
                    return FileVisitResult.CONTINUE;
                }
                out.add(new Candidate(abs, file, rel, displayBase + rel));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) {
                notices.add(display(root, abs, file) + ": could not be read (" + exc.getMessage() + "); skipped");
                return FileVisitResult.CONTINUE;
            }
        });
        return out;
    }

    /** {@code p} relative to the root whose absolute path (with its separator) is {@code prefix} chars long. */
    private static String relative(int prefix, Path p) {
        String s = p.toString();
        String rel = s.length() <= prefix ? "" : s.substring(prefix);
        return File.separatorChar == '/' ? rel : rel.replace(File.separatorChar, '/');
    }

    private static String relative(Path root, Path p) {
        return root.relativize(p).toString().replace('\\', '/');
    }

    private static String display(Path given, Path abs, Path p) {
        String rel = relative(abs, p);
        String base = given.toString();
        if (base.equals(".") || base.isEmpty()) {
            return rel;
        }
        return (base.endsWith("/") ? base : base + "/") + rel;
    }

    /** The innermost .gitignore with an opinion decides, as in git. */
    private static boolean ignored(Deque<IgnoreScope> scopes, Path p, boolean dir) {
        for (IgnoreScope s : scopes) {
            if (s.node == null) {
                continue;
            }
            Boolean r = s.node.checkIgnored(relative(s.dir, p), dir);
            if (r != null) {
                return r;
            }
        }
        return false;
    }

    /** .gitignore files of the directories above root, up to the enclosing git work tree's top. */
    private static List<IgnoreScope> ancestorScopes(Path root) {
        List<IgnoreScope> scopes = new ArrayList<>();
        Path top = null;
        for (Path p = root; p != null; p = p.getParent()) {
            if (Files.exists(p.resolve(".git"))) {
                top = p;
                break;
            }
        }
        if (top == null) {
            return scopes;
        }
        for (Path p = root.getParent(); p != null && p.startsWith(top); p = p.getParent()) {
            scopes.add(IgnoreScope.of(p));
        }
        return scopes; // innermost first, as the deque iterates
    }

    private record IgnoreScope(Path dir, IgnoreNode node) {
        static IgnoreScope of(Path dir) {
            Path gi = dir.resolve(".gitignore");
            if (!Files.isRegularFile(gi)) {
                return new IgnoreScope(dir, null);
            }
            IgnoreNode n = new IgnoreNode();
            try (InputStream in = Files.newInputStream(gi)) {
                n.parse(in);
            } catch (IOException e) {
                return new IgnoreScope(dir, null);
            }
            return new IgnoreScope(dir, n);
        }
    }
}
