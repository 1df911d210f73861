package dev.migrateportkey.plan;

import dev.migrateportkey.edit.EditApplier;
import dev.migrateportkey.edit.EditConflictException;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.ProjectIndex;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.Candidate;
import dev.migrateportkey.workspace.DecodedText;
import dev.migrateportkey.workspace.GeneratedFiles;
import dev.migrateportkey.workspace.IoProblems;
import dev.migrateportkey.workspace.Prefilter;
import dev.migrateportkey.workspace.SourceFile;
import dev.migrateportkey.workspace.WalkOptions;
import dev.migrateportkey.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.LinkOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Builds the {@link MigrationPlan}: walk, prefilter, index, then migrate each file in parallel.
 * It writes nothing; the sinks do.
 */
public final class Planner {
    private static final Logger LOG = LoggerFactory.getLogger(Planner.class);

    private final RuleTable rules;
    private final List<Migrator> migrators;
    private final MigrationOptions options;
    private final WalkOptions walk;

    public Planner(RuleTable rules, List<Migrator> migrators, MigrationOptions options, WalkOptions walk) {
        this.rules = rules;
        this.migrators = List.copyOf(migrators);
        this.options = options;
        this.walk = walk;
    }

    public MigrationPlan plan(List<Path> roots) throws IOException {
        long t0 = System.nanoTime();
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        List<FilePlan> errors = Collections.synchronizedList(new ArrayList<>());
        Queue<Candidate> walkedFiles = new ConcurrentLinkedQueue<>();
        Queue<SourceFile> mentions = new ConcurrentLinkedQueue<>();
        Workspace ws = new Workspace(walk);
        // Overlapping paths (". src", or a file inside a given directory) name each file once.
        Set<Path> walked = roots.size() > 1 ? ConcurrentHashMap.newKeySet() : null;
        for (Path root : roots) {
            // Pass 1, during the walk: read every candidate, keep those that mention Portkey.
            ws.walk(root, name -> migratorFor(name) != null, notices, c -> {
                if (walked != null && !walked.add(c.path().toAbsolutePath().normalize())) {
                    return;
                }
                walkedFiles.add(c);
                SourceFile f = read(c, errors, notices, true, null);
                if (f != null) {
                    mentions.add(f);
                }
            });
        }
        // Threads finish in any order; sorted, every later pass sees the files in one order.
        List<Candidate> candidates = new ArrayList<>(walkedFiles);
        candidates.sort(Comparator.comparing(Candidate::displayPath));
        List<SourceFile> hits = new ArrayList<>(mentions);
        hits.sort(Comparator.comparing(SourceFile::displayPath));
        long t1 = System.nanoTime();
        int firstPassHits = hits.size();
        ProjectIndex index = new ProjectIndex();
        parallel(hits, f -> {
            migratorFor(f.fileName()).index(f, index);
            return null;
        });

        // Pass 2: files that never say "portkey" but use a name that carries a Portkey value.
        if (!index.isEmpty()) {
            // Only the names a file could see are searched for (a private constant: none; a
            // package-private one: its package's directories), and files that could see none are not
            // read a second time.
            Map<String, Prefilter> byDirectory = new HashMap<>();
            Set<Path> seen = new HashSet<>();
            hits.forEach(h -> seen.add(h.path()));
            List<Map.Entry<Candidate, Prefilter>> rest = new ArrayList<>();
            for (Candidate c : candidates) {
                if (!seen.contains(c.path())) {
                    Prefilter names = byDirectory.computeIfAbsent(directoryOf(c.relativePath()),
                            d -> new Prefilter(index.namesVisibleFrom(d)));
                    if (!names.isEmpty()) {
                        rest.add(Map.entry(c, names));
                    }
                }
            }
            List<SourceFile> more = parallel(rest, e -> read(e.getKey(), null, null, false, e.getValue()));
            LOG.debug("second pass: {} files could see one of {} names, {} use one", rest.size(), index.names().size(), more.size());
            hits = new ArrayList<>(hits);
            hits.addAll(more);
        }

        long t3 = System.nanoTime();
        List<FilePlan> plans = new ArrayList<>(parallel(hits, f -> migrate(f, index)));

        // Pass 4: what needs every file's result, settled in order. First, methods whose header
        // parameters must stay because some call could not be tied to them: their declarations
        // and call sites are migrated again, keeping the parameters. Then constants holding a
        // Portkey header name that no migrated file uses any more: the files declaring them are
        // migrated again and drop the declarations.
        plans = remigrate(plans, hits, index.settleHeaderParameters(), index);
        plans = remigrate(plans, hits, index.settleUnusedConstants(migratedTexts(hits, plans)), index);
        // Timings for --verbose: where a slow run spends its time (docs/performance.md).
        LOG.debug("walk and prefilter: {} files, {} mention Portkey, {} ms; index and second pass: {} ms;"
                        + " parse and migrate {} files: {} ms", candidates.size(), firstPassHits, ms(t1 - t0),
                ms(t3 - t1), hits.size(), ms(System.nanoTime() - t3));
        plans.addAll(errors);
        plans.removeIf(p -> p.findings().isEmpty() && !p.changes() && p.models().isEmpty() && p.suppressed().isEmpty());
        plans.sort(Comparator.comparing(FilePlan::displayPath));
        List<String> sortedNotices = new ArrayList<>(notices);
        Collections.sort(sortedNotices);
        return new MigrationPlan(plans, sortedNotices, candidates.size(), hits.size());
    }

    private List<FilePlan> remigrate(List<FilePlan> plans, List<SourceFile> hits, Set<Path> again, ProjectIndex index) {
        if (again.isEmpty()) {
            return plans;
        }
        List<SourceFile> redo = hits.stream().filter(h -> again.contains(h.path())).toList();
        List<FilePlan> out = new ArrayList<>(plans);
        out.removeIf(p -> again.contains(p.path()));
        out.addAll(parallel(redo, f -> migrate(f, index)));
        return out;
    }

    private static java.util.Map<Path, String> migratedTexts(List<SourceFile> files, List<FilePlan> plans) {
        java.util.Map<Path, String> out = new java.util.HashMap<>();
        files.forEach(f -> out.put(f.path(), f.text()));
        for (FilePlan p : plans) {
            if (p.changes()) {
                out.put(p.path(), new String(p.newBytes(), java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    private static long ms(long nanos) {
        return nanos / 1_000_000;
    }

    private static String directoryOf(String relativePath) {
        int slash = relativePath.lastIndexOf('/');
        return slash < 0 ? "" : relativePath.substring(0, slash);
    }

    private Migrator migratorFor(String fileName) {
        for (Migrator m : migrators) {
            if (m.accepts(fileName)) {
                return m;
            }
        }
        return null;
    }

    /**
     * One read buffer per thread: most files fail the prefilter, and allocating (then collecting) an
     * array per file of a 15,000-file tree cost more than the search. Only files that pass are copied.
     */
    private static final ThreadLocal<byte[][]> BUFFER = ThreadLocal.withInitial(() -> new byte[][] {new byte[256 * 1024]});

    private SourceFile read(Candidate c, List<FilePlan> errors, List<String> notices, boolean portkeyPass, Prefilter names) {
        byte[] bytes;
        byte[] buf;
        int n;
        // NOFOLLOW_LINKS: a file swapped for a link after the walk is refused, not followed out of the root.
        try (SeekableByteChannel ch = Files.newByteChannel(c.path(), StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
            // The walk's lstat already gave the size: asking the channel again costs an fstat per file.
            long size = c.size() >= 0 ? c.size() : ch.size();
            if (size > walk.maxFileBytes()) {
                if (notices != null) {
                    notices.add(c.displayPath() + ": skipped, " + size + " bytes is over the "
                            + walk.maxFileBytes() + "-byte limit (raise it with --max-file-size)");
                }
                return null;
            }
            byte[][] holder = BUFFER.get();
            if (holder[0].length <= size) {
                holder[0] = new byte[(int) Math.min(Integer.MAX_VALUE - 8, Math.max(size + 1, holder[0].length * 2L))];
            }
            buf = holder[0];
            n = 0;
            ByteBuffer bb = ByteBuffer.wrap(buf);
            // Read to the end even if the file grew since its size was taken, as readAllBytes does.
            while (ch.read(bb) >= 0) {
                if (!bb.hasRemaining()) {
                    if (bb.position() > walk.maxFileBytes()) {
                        break;
                    }
                    holder[0] = Arrays.copyOf(buf, buf.length * 2);
                    buf = holder[0];
                    bb = ByteBuffer.wrap(buf, bb.position(), buf.length - bb.position());
                }
            }
            n = bb.position();
            if (n > walk.maxFileBytes()) {
                // It grew past the limit while being read: a truncated copy must never reach a rewrite.
                if (notices != null) {
                    notices.add(c.displayPath() + ": skipped, it grew past the " + walk.maxFileBytes()
                            + "-byte limit while being read (raise it with --max-file-size)");
                }
                return null;
            }
        } catch (IOException e) {
            if (errors != null) {
                Finding f = new Finding(c.displayPath(), 0, 0, Finding.READ_ERROR, Finding.Kind.ERROR,
                        "could not be read: " + describe(e) + "; nothing in it was changed");
                errors.add(new FilePlan(c.path(), c.relativePath(), c.displayPath(), "", List.of(f), List.of(), null, null));
            }
            return null;
        }
        boolean wanted = portkeyPass
                ? Prefilter.mentionsPortkey(buf, n) || Prefilter.holdsMigrationTodo(buf, n)
                        || (isJson(c.fileName()) && Prefilter.mayHoldConfig(buf, n))
                : names.mentionsName(buf, n);
        if (!wanted) {
            return null;
        }
        if (Prefilter.looksBinary(buf, n)) {
            if (notices != null) {
                notices.add(c.displayPath() + ": skipped, looks binary (holds a NUL byte)");
            }
            return null;
        }
        if (GeneratedFiles.isGenerated(buf, n)) {
            // The tool's own report or verification script: it names Portkey on purpose.
            if (notices != null) {
                notices.add(c.displayPath()
                        + ": skipped, written by migrate-portkey itself (a report, verification script or saved check output)");
            }
            return null;
        }
        bytes = Arrays.copyOf(buf, n);
        DecodedText decoded = DecodedText.decode(bytes);
        if (!decoded.validUtf8() && notices != null) {
            notices.add(c.displayPath() + ": not valid UTF-8 (first bad byte at offset " + decoded.firstInvalidByte()
                    + "); edited byte for byte, other bytes untouched");
        }
        return new SourceFile(c.root(), c.path(), c.relativePath(), c.displayPath(), bytes, decoded);
    }

    private static boolean isJson(String fileName) {
        return fileName.regionMatches(true, Math.max(0, fileName.length() - 5), ".json", 0, 5);
    }

    /** Stack for the retry of a file whose nesting overflowed a pool thread's default stack. */
    private static final long DEEP_STACK_BYTES = 1L << 30;

    private FilePlan migrate(SourceFile f, ProjectIndex index) {
        try {
            return migrateHere(f, index);
        } catch (StackOverflowError e) {
            // Parsers and visitors recurse per nesting level: a class of 3,000 concatenated string
            // parts (the JDK has some) overflows the default stack. Once more with a large stack
            // (reserved, not committed, so it costs nothing unless used); then a finding.
            FilePlan[] out = new FilePlan[1];
            Thread t = new Thread(null, () -> {
                try {
                    out[0] = migrateHere(f, index);
                } catch (StackOverflowError again) {
                    out[0] = null;
                }
            }, "migrate-deep", DEEP_STACK_BYTES);
            t.start();
            try {
                t.join();
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
            }
            if (out[0] != null) {
                return out[0];
            }
            Migrator m = migratorFor(f.fileName());
            Finding err = new Finding(f.displayPath(), 1, 1, Finding.PARSE_ERROR, Finding.Kind.ERROR,
                    "could not be parsed as " + m.language() + ": nested too deeply for the parser; nothing in it was changed");
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), List.of(err), List.of(), null, null);
        }
    }

    private FilePlan migrateHere(SourceFile f, ProjectIndex index) {
        Migrator m = migratorFor(f.fileName());
        FileMigration work = new FileMigration(f, rules, index, options);
        try {
            m.migrate(work);
        } catch (UnparseableFileException e) {
            Finding err = new Finding(f.displayPath(), e.line(), e.column(), Finding.PARSE_ERROR, Finding.Kind.ERROR,
                    "could not be parsed as " + m.language() + ": " + e.getMessage() + "; nothing in it was changed");
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), List.of(err), List.of(), null, null);
        } catch (RuntimeException e) {
            LOG.debug("migrator failed on {}", f.displayPath(), e);
            Finding err = new Finding(f.displayPath(), 0, 0, Finding.PARSE_ERROR, Finding.Kind.ERROR,
                    "the " + m.language() + " migrator failed on this file (" + e + "); nothing in it was changed."
                            + " Run with --verbose for details and report it");
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), List.of(err), List.of(), null, null);
        }
        // In-source suppressions apply to every language alike, before any edit is applied.
        Suppressions.Result kept = Suppressions.apply(work.text(), f.displayPath(), rules, work.findings(), work.edits(),
                work::editsOf);
        List<Finding> findings = new ArrayList<>(kept.findings());
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        List<TextEdit> fileEdits = kept.edits();
        if (fileEdits.isEmpty()) {
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, List.of(), null, null,
                    work.models(), work.configs(), kept.suppressed());
        }
        try {
            String newText = EditApplier.apply(f.text(), fileEdits);
            byte[] newBytes = f.decoded().encode(newText);
            if (Arrays.equals(newBytes, f.bytes())) {
                return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, List.of(), null, null,
                        work.models(), work.configs(), kept.suppressed());
            }
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, fileEdits, f.bytes(), newBytes,
                    work.models(), work.configs(), kept.suppressed());
        } catch (EditConflictException e) {
            SourceText st = work.text();
            int at = e.second().start();
            findings.add(new Finding(f.displayPath(), st.line(at), st.column(at), Finding.EDIT_CONFLICT, Finding.Kind.ERROR,
                    e.getMessage() + "; the file was left unchanged. Please report this with the file's snippet"));
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, List.of(), null, null);
        }
    }

    private static String describe(IOException e) {
        return IoProblems.describe(e);
    }

    private static final AtomicInteger THREADS = new AtomicInteger();

    /** Runs {@code fn} over {@code items} on all cores; null results are dropped, order is kept. */
    private static <T, R> List<R> parallel(List<T> items, Function<T, R> fn) {
        if (items.isEmpty()) {
            return List.of();
        }
        ForkJoinPool pool = new ForkJoinPool(Math.max(1, Runtime.getRuntime().availableProcessors()), p -> {
            var t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("migrate-" + THREADS.incrementAndGet());
            return t;
        }, null, false);
        try {
            return pool.submit(() -> items.parallelStream().map(fn).filter(Objects::nonNull).toList()).get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(c);
        } finally {
            pool.shutdown();
        }
    }
}
