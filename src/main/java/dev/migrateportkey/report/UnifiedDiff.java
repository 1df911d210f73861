package dev.migrateportkey.report;

import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.MigrationPlan;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a plan's changes as a git-style unified diff. Paths are relative to the scanned root with
 * {@code a/} and {@code b/} prefixes, and hunks are computed on the raw bytes, so {@code git apply}
 * from the root reproduces exactly what {@code rewrite} writes (CRLF, BOM and a missing final
 * newline included).
 */
public final class UnifiedDiff {
    private static final int CONTEXT_LINES = 3;

    private UnifiedDiff() {
    }

    /** Files diffed at once: their diffs are held in memory until written, in order. */
    private static final int BATCH = 256;

    public static void write(MigrationPlan plan, OutputStream out) throws IOException {
        // Diffing is CPU work done after the parallel migrate phase, on one thread it left the other
        // cores idle (docs/performance.md): the files of a batch are diffed in parallel, then written
        // in the plan's order, so the output is the same byte for byte.
        List<FilePlan> files = plan.changedFiles();
        for (int from = 0; from < files.size(); from += BATCH) {
            List<byte[]> diffs = files.subList(from, Math.min(files.size(), from + BATCH)).parallelStream()
                    .map(UnifiedDiff::diff).toList();
            for (byte[] d : diffs) {
                out.write(d);
            }
        }
        out.flush();
    }

    private static byte[] diff(FilePlan f) {
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        try {
            write(f, buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a ByteArrayOutputStream does not throw
        }
        return buf.toByteArray();
    }

    public static void write(FilePlan f, OutputStream out) throws IOException {
        RawText a = new RawText(f.oldBytes());
        RawText b = new RawText(f.newBytes());
        EditList edits = DiffAlgorithm.getAlgorithm(DiffAlgorithm.SupportedAlgorithm.HISTOGRAM)
                .diff(RawTextComparator.DEFAULT, a, b);
        String p = f.relativePath();
        String header = "diff --git a/" + p + " b/" + p + "\n--- a/" + p + "\n+++ b/" + p + "\n";
        out.write(header.getBytes(StandardCharsets.UTF_8));
        DiffFormatter fmt = new DiffFormatter(out);
        fmt.setContext(CONTEXT_LINES);
        fmt.format(edits, a, b);
        fmt.flush();
    }
}
