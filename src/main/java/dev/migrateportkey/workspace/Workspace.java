package dev.migrateportkey.workspace;

import org.eclipse.jgit.ignore.IgnoreNode;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RecursiveAction;
import java.util.function.Consumer;
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
     * Files under {@code root} that pass the walk's filters and {@code wanted} (by file name),
     * sorted by relative path. A root that is a file yields that file alone.
     */
    public List<Candidate> walk(Path root, Predicate<String> wanted, List<String> notices) throws IOException {
        Queue<Candidate> found = new ConcurrentLinkedQueue<>();
        walk(root, wanted, notices, found::add);
        List<Candidate> out = new ArrayList<>(found);
        out.sort(Comparator.comparing(Candidate::relativePath));
        return out;
    }

    /**
     * Walks {@code root} on all cores and hands every file that passes the filters to {@code visit},
     * on whichever thread found it, so the caller can read each file while the walk goes on
     * (on a 15,000-file tree the walk and the reads were each a quarter of {@code check}).
     * Notices are added to {@code notices} in sorted order once the walk is done.
     */
    public void walk(Path root, Predicate<String> wanted, List<String> notices, Consumer<Candidate> visit)
            throws IOException {
        Path abs = root.toAbsolutePath().normalize();
        if (Files.isRegularFile(abs, LinkOption.NOFOLLOW_LINKS)) {
            // A file named on the command line skips the walk, not the question every walked file
            // answers: a kind of file no migrator reads has nothing to hand on.
            if (!wanted.test(abs.getFileName().toString())) {
                notices.add(root + ": no migrator reads this kind of file, so it was not scanned;"
                        + " pass a source, settings or manifest file, or a directory");
                return;
            }
            visit.accept(new Candidate(abs.getParent(), abs, abs.getFileName().toString(), root.toString(), -1));
            return;
        }
        if (Files.isSymbolicLink(abs)) {
            notices.add(root + ": is a symbolic link; pass the directory it points to instead");
            return;
        }
        if (!Files.isDirectory(abs)) {
            throw new java.nio.file.NoSuchFileException(root.toString(), null, "no such file or directory");
        }
        String base = root.toString();
        Walk walk = new Walk(abs, base.equals(".") || base.isEmpty() ? "" : base.endsWith("/") ? base : base + "/",
                wanted, visit);
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()), p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("migrate-walk-" + t.getPoolIndex());
            return t;
        }, null, false);
        try {
            pool.invoke(walk.new Directory(abs, IgnoreScope.ancestorsOf(abs), 0));
        } finally {
            pool.shutdown();
        }
        List<String> sorted = new ArrayList<>(walk.notices);
        Collections.sort(sorted);
        notices.addAll(sorted);
    }

    /** One walk of one root: what every directory task shares. */
    private final class Walk {
        private final Path abs;
        private final int prefix;
        private final String displayBase;
        private final Predicate<String> wanted;
        private final Consumer<Candidate> visit;
        private final GlobFilter globs = new GlobFilter(options.includes(), options.excludes());
        private final boolean noGlobs = options.includes().isEmpty() && options.excludes().isEmpty();
        private final Queue<String> notices = new ConcurrentLinkedQueue<>();

        Walk(Path abs, String displayBase, Predicate<String> wanted, Consumer<Candidate> visit) {
            this.abs = abs;
            // Per-file work is kept to string slicing: Path.relativize per file showed up in profiles.
            this.prefix = abs.toString().length() + (abs.toString().endsWith(File.separator) ? 0 : 1);
            this.displayBase = displayBase;
            this.wanted = wanted;
            this.visit = visit;
        }

        /**
         * Lists one directory, forks its subdirectories, then visits its files. Below a depth of
         * {@link #FORK_DEPTH} subdirectories are walked in this task's own loop instead, so a
         * pathologically deep tree cannot overflow the stack with nested joins.
         */
        private final class Directory extends RecursiveAction {
            private static final int FORK_DEPTH = 48;
            private final Path dir;
            private final IgnoreScope outer;
            private final int depth;

            Directory(Path dir, IgnoreScope outer, int depth) {
                this.dir = dir;
                this.outer = outer;
                this.depth = depth;
            }

            @Override
            protected void compute() {
                List<Directory> forked = new ArrayList<>();
                Deque<Directory> here = new ArrayDeque<>();
                here.push(this);
                while (!here.isEmpty()) {
                    here.pop().list(forked, here);
                }
                for (Directory sub : forked) {
                    sub.join();
                }
            }

            private void list(List<Directory> forked, Deque<Directory> here) {
                List<Path> entries = new ArrayList<>();
                try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
                    for (Path e : ds) {
                        entries.add(e);
                    }
                } catch (DirectoryIteratorException e) {
                    notices.add(displayBase + relative(prefix, dir) + ": directory could not be read ("
                            + IoProblems.describe(e.getCause()) + "); skipped");
                } catch (IOException e) {
                    notices.add(displayBase + relative(prefix, dir) + ": could not be read (" + IoProblems.describe(e) + "); skipped");
                    return;
                }
                IgnoreScope scopes = outer;
                for (Path e : entries) {
                    if (e.getFileName().toString().equals(".gitignore")) {
                        scopes = IgnoreScope.read(dir, e, outer);
                    }
                }
                List<Path> files = new ArrayList<>();
                List<Long> sizes = new ArrayList<>();
                for (Path e : entries) {
                    BasicFileAttributes a;
                    try {
                        a = Files.readAttributes(e, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                    } catch (IOException ex) {
                        notices.add(displayBase + relative(prefix, e) + ": could not be read (" + IoProblems.describe(ex) + "); skipped");
                        continue;
                    }
                    if (a.isDirectory()) {
                        if (SKIPPED_DIRECTORIES.contains(e.getFileName().toString())
                                || (scopes != null && scopes.ignores(e, true))
                                || (!noGlobs && globs.excludesDirectory(relative(prefix, e)))) {
                            continue;
                        }
                        Directory sub = new Directory(e, scopes, depth + 1);
                        if (sub.depth < FORK_DEPTH) {
                            sub.fork();
                            forked.add(sub);
                        } else {
                            here.push(sub);
                        }
                    } else if (a.isRegularFile() && wanted.test(e.getFileName().toString())) {
                        files.add(e);
                        sizes.add(a.size());
                    }
                    // links are never followed, and devices, pipes and sockets are not source files
                }
                for (int i = 0; i < files.size(); i++) {
                    Path file = files.get(i);
                    String rel = relative(prefix, file);
                    if ((!noGlobs && !globs.accepts(rel)) || (scopes != null && scopes.ignores(file, false))) {
                        continue;
                    }
                    visit.accept(new Candidate(abs, file, rel, displayBase + rel, sizes.get(i)));
                }
            }
        }
    }

    /** {@code p} relative to the root whose absolute path (with its separator) is {@code prefix} chars long. */
    private static String relative(int prefix, Path p) {
        String s = p.toString();
        String rel = s.length() <= prefix ? "" : s.substring(prefix);
        return File.separatorChar == '/' ? rel : rel.replace(File.separatorChar, '/');
    }

    /**
     * The {@code .gitignore} files in force, innermost first; only directories that have one are
     * links of the chain. The innermost file with an opinion decides, as in git.
     */
    private record IgnoreScope(Path dir, IgnoreNode node, IgnoreScope outer) {

        boolean ignores(Path p, boolean isDirectory) {
            for (IgnoreScope s = this; s != null; s = s.outer) {
                Boolean r = s.node.checkIgnored(s.dir.relativize(p).toString().replace('\\', '/'), isDirectory);
                if (r != null) {
                    return r;
                }
            }
            return false;
        }

        /** {@code outer} extended by the {@code .gitignore} at {@code file}, if it can be read. */
        static IgnoreScope read(Path dir, Path file, IgnoreScope outer) {
            if (!Files.isRegularFile(file)) {
                return outer;
            }
            IgnoreNode n = new IgnoreNode();
            try (InputStream in = Files.newInputStream(file)) {
                n.parse(in);
            } catch (IOException e) {
                return outer;
            }
            return new IgnoreScope(dir, n, outer);
        }

        /** The {@code .gitignore} files of the directories above root, up to the enclosing git work tree's top. */
        static IgnoreScope ancestorsOf(Path root) {
            Path top = null;
            for (Path p = root; p != null; p = p.getParent()) {
                if (Files.exists(p.resolve(".git"))) {
                    top = p;
                    break;
                }
            }
            if (top == null) {
                return null;
            }
            List<Path> above = new ArrayList<>();
            for (Path p = root.getParent(); p != null && p.startsWith(top); p = p.getParent()) {
                above.add(p);
            }
            IgnoreScope chain = null;
            for (int i = above.size() - 1; i >= 0; i--) { // outermost first, so the innermost ends up first
                chain = read(above.get(i), above.get(i).resolve(".gitignore"), chain);
            }
            return chain;
        }
    }
}
