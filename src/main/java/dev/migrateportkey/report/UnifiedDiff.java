package dev.migrateportkey.report;

import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.MigrationPlan;
import org.eclipse.jgit.diff.DiffAlgorithm;
import org.eclipse.jgit.diff.DiffFormatter;
import org.eclipse.jgit.diff.EditList;
import org.eclipse.jgit.diff.RawText;
import org.eclipse.jgit.diff.RawTextComparator;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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

    public static void write(MigrationPlan plan, OutputStream out) throws IOException {
        for (FilePlan f : plan.changedFiles()) {
            write(f, out);
        }
        out.flush();
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
