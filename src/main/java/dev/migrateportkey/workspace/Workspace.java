package dev.migrateportkey.workspace;

import org.eclipse.jgit.ignore.IgnoreNode;

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
        Deque<IgnoreScope> scopes = new ArrayDeque<>(ancestorScopes(abs));
        Files.walkFileTree(abs, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(abs)) {
                    String rel = relative(abs, dir);
                    if (SKIPPED_DIRECTORIES.contains(dir.getFileName().toString())
                            || ignored(scopes, dir, true) || globs.excludesDirectory(rel)) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                }
                scopes.push(IgnoreScope.of(dir));
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) {
                scopes.pop();
                if (exc != null) {
                    notices.add(display(root, abs, dir) + ": directory could not be read (" + exc.getMessage() + "); skipped");
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                if (attrs.isSymbolicLink() || !attrs.isRegularFile()) {
                    return FileVisitResult.CONTINUE;
                }
                String rel = relative(abs, file);
                if (!wanted.test(file.getFileName().toString()) || !globs.accepts(rel) || ignored(scopes, file, false)) {
                    return FileVisitResult.CONTINUE;
                }
                out.add(new Candidate(abs, file, rel, display(root, abs, file)));
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
