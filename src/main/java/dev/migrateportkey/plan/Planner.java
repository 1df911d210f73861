package dev.migrateportkey.plan;

import dev.migrateportkey.edit.EditApplier;
import dev.migrateportkey.edit.EditConflictException;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.ProjectIndex;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.Candidate;
import dev.migrateportkey.workspace.DecodedText;
import dev.migrateportkey.workspace.Prefilter;
import dev.migrateportkey.workspace.SourceFile;
import dev.migrateportkey.workspace.WalkOptions;
import dev.migrateportkey.workspace.Workspace;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Objects;
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
        List<String> notices = Collections.synchronizedList(new ArrayList<>());
        List<Candidate> candidates = new ArrayList<>();
        Workspace ws = new Workspace(walk);
        Set<Path> walked = new HashSet<>();
        for (Path root : roots) {
            // Overlapping paths (". src", or a file inside a given directory) name each file once.
            for (Candidate c : ws.walk(root, name -> migratorFor(name) != null, notices)) {
                if (walked.add(c.path().toAbsolutePath().normalize())) {
                    candidates.add(c);
                }
            }
        }
        List<FilePlan> errors = Collections.synchronizedList(new ArrayList<>());

        // Pass 1: read every candidate, keep those that mention Portkey.
        List<SourceFile> hits = parallel(candidates, c -> read(c, errors, notices, true, null));
        ProjectIndex index = new ProjectIndex();
        parallel(hits, f -> {
            migratorFor(f.fileName()).index(f, index);
            return null;
        });

        // Pass 2: files that never say "portkey" but use a name that carries a Portkey value.
        if (!index.isEmpty()) {
            Prefilter names = new Prefilter(index.names());
            Set<Path> seen = new HashSet<>();
            hits.forEach(h -> seen.add(h.path()));
            List<Candidate> rest = candidates.stream().filter(c -> !seen.contains(c.path())).toList();
            List<SourceFile> more = parallel(rest, c -> read(c, null, null, false, names));
            hits = new ArrayList<>(hits);
            hits.addAll(more);
        }

        List<FilePlan> plans = new ArrayList<>(parallel(hits, f -> migrate(f, index)));

        // Pass 4: what needs every file's result, settled in order. First, methods whose header
        // parameters must stay because some call could not be tied to them: their declarations
        // and call sites are migrated again, keeping the parameters. Then constants holding a
        // Portkey header name that no migrated file uses any more: the files declaring them are
        // migrated again and drop the declarations.
        plans = remigrate(plans, hits, index.settleHeaderParameters(), index);
        plans = remigrate(plans, hits, index.settleUnusedConstants(migratedTexts(hits, plans)), index);
        plans.addAll(errors);
        plans.removeIf(p -> p.findings().isEmpty() && !p.changes() && p.models().isEmpty());
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

    private Migrator migratorFor(String fileName) {
        for (Migrator m : migrators) {
            if (m.accepts(fileName)) {
                return m;
            }
        }
        return null;
    }

    private SourceFile read(Candidate c, List<FilePlan> errors, List<String> notices, boolean portkeyPass, Prefilter names) {
        byte[] bytes;
        try {
            long size = Files.size(c.path());
            if (size > walk.maxFileBytes()) {
                if (notices != null) {
                    notices.add(c.displayPath() + ": skipped, " + size + " bytes is over the "
                            + walk.maxFileBytes() + "-byte limit (raise it with --max-file-size)");
                }
                return null;
            }
            bytes = Files.readAllBytes(c.path());
        } catch (IOException e) {
            if (errors != null) {
                Finding f = new Finding(c.displayPath(), 0, 0, Finding.READ_ERROR, Finding.Kind.ERROR,
                        "could not be read: " + describe(e) + "; nothing in it was changed");
                errors.add(new FilePlan(c.path(), c.relativePath(), c.displayPath(), "", List.of(f), List.of(), null, null));
            }
            return null;
        }
        boolean wanted = portkeyPass ? Prefilter.mentionsPortkey(bytes) : names.mentionsName(bytes);
        if (!wanted) {
            return null;
        }
        if (Prefilter.looksBinary(bytes)) {
            if (notices != null) {
                notices.add(c.displayPath() + ": skipped, looks binary (holds a NUL byte)");
            }
            return null;
        }
        DecodedText decoded = DecodedText.decode(bytes);
        if (!decoded.validUtf8() && notices != null) {
            notices.add(c.displayPath() + ": not valid UTF-8 (first bad byte at offset " + decoded.firstInvalidByte()
                    + "); edited byte for byte, other bytes untouched");
        }
        return new SourceFile(c.root(), c.path(), c.relativePath(), c.displayPath(), bytes, decoded);
    }

    private FilePlan migrate(SourceFile f, ProjectIndex index) {
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
        List<Finding> findings = new ArrayList<>(work.findings());
        findings.sort(Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        if (work.edits().isEmpty()) {
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, List.of(), null, null,
                    work.models(), work.configs());
        }
        try {
            String newText = EditApplier.apply(f.text(), work.edits());
            byte[] newBytes = f.decoded().encode(newText);
            if (Arrays.equals(newBytes, f.bytes())) {
                return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, List.of(), null, null,
                        work.models(), work.configs());
            }
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, work.edits(), f.bytes(), newBytes,
                    work.models(), work.configs());
        } catch (EditConflictException e) {
            SourceText st = work.text();
            int at = e.second().start();
            findings.add(new Finding(f.displayPath(), st.line(at), st.column(at), Finding.EDIT_CONFLICT, Finding.Kind.ERROR,
                    e.getMessage() + "; the file was left unchanged. Please report this with the file's snippet"));
            return new FilePlan(f.path(), f.relativePath(), f.displayPath(), m.language(), findings, List.of(), null, null);
        }
    }

    private static String describe(IOException e) {
        String m = e.getMessage();
        return e.getClass().getSimpleName() + (m == null ? "" : " " + m);
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
