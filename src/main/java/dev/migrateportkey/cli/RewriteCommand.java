package dev.migrateportkey.cli;

import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.report.TextFindingPrinter;
import dev.migrateportkey.report.UnifiedDiff;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.AtomicWriter;
import dev.migrateportkey.workspace.DirtyFiles;
import dev.migrateportkey.workspace.StaleTempFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code rewrite [--dry-run] PATH...}: apply the plan in place, or print it as a unified diff. */
@Command(name = "rewrite", mixinStandardHelpOptions = true,
        description = {"Rewrites Portkey usage into OpenAI-SDK-against-Concentrate form, in place.",
                "With --dry-run, prints the changes as a unified diff on stdout and writes nothing;"
                        + " the diff's paths are relative to PATH, so 'git apply' accepts it from there"
                        + " (inside a git repository: from its top, with --directory=PATH)."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:done", "2:usage or I/O error, or a file could not be parsed (the others were still migrated)"})
public final class RewriteCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScanOptions scan;

    @Mixin
    LoggingOptions logging;

    @Mixin
    ReportOptions reports;

    @Option(names = {"-n", "--dry-run"}, description = "Print a unified diff instead of writing files.")
    boolean dryRun;

    @Option(names = "--allow-dirty",
            description = "Rewrite files even when they have uncommitted changes in git (by default the run refuses).")
    boolean allowDirty;

    /**
     * Diff paths are relative to the scanned root, but inside a git work tree {@code git apply}
     * reads them relative to the top: say how to apply the diff when the two differ.
     */
    private void applyHint(PrintWriter err) {
        if (scan.paths.size() != 1 || !java.nio.file.Files.isDirectory(scan.paths.get(0))) {
            return;
        }
        java.nio.file.Path root = scan.paths.get(0).toAbsolutePath().normalize();
        for (java.nio.file.Path p = root; p != null; p = p.getParent()) {
            if (java.nio.file.Files.exists(p.resolve(".git"))) {
                if (!p.equals(root)) {
                    String rel = p.relativize(root).toString().replace('\\', '/');
                    err.println("migrate-portkey: the diff's paths are relative to " + scan.paths.get(0)
                            + "; apply it from the repository top with: git apply --directory=" + rel);
                }
                return;
            }
        }
    }

    /** False (after saying why) when files to change hold uncommitted work. */
    private boolean refuseDirty(MigrationPlan plan, PrintWriter err) throws IOException {
        List<FilePlan> changed = plan.changedFiles();
        DirtyFiles.Result r = DirtyFiles.check(changed.stream().map(FilePlan::path).toList());
        if (!r.dirty().isEmpty()) {
            err.println("migrate-portkey: refusing to rewrite files with uncommitted changes, so that your work and the"
                    + " migration stay apart:");
            java.util.Set<java.nio.file.Path> dirty = new java.util.HashSet<>(r.dirty());
            changed.stream().filter(f -> dirty.contains(f.path().toAbsolutePath()))
                    .forEach(f -> err.println("  " + f.displayPath()));
            err.println("Commit or stash them first, or pass --allow-dirty. Nothing was written.");
            err.flush();
            return false;
        }
        if (!r.outsideGit().isEmpty()) {
            err.println("migrate-portkey: warning: " + r.outsideGit().size() + " file" + (r.outsideGit().size() == 1 ? " is" : "s are")
                    + " not in a git work tree; there is no commit to go back to. Review with --dry-run first.");
        }
        return true;
    }

    /** Temporary files of an earlier rewrite that was killed mid-write (see AtomicWriter) go first. */
    private void removeStaleTempFiles(PrintWriter err) throws IOException {
        List<String> problems = new java.util.ArrayList<>();
        int removed = 0;
        for (java.nio.file.Path root : scan.paths) {
            removed += StaleTempFiles.sweep(root, problems).size();
        }
        problems.forEach(p -> err.println("migrate-portkey: " + p));
        if (removed > 0) {
            err.println("migrate-portkey: removed " + removed + " temporary file" + (removed == 1 ? "" : "s")
                    + " (*" + AtomicWriter.TEMP_SUFFIX + ") left by an interrupted earlier rewrite");
        }
    }

    @Override
    public Integer call() throws IOException {
        RuleTable rules = scan.loadRules();
        MigrationPlan plan = scan.plan(rules);
        PrintWriter err = spec.commandLine().getErr();
        Notices.print(plan, err);
        int status = plan.hasErrors() ? ExitCodes.ERROR : ExitCodes.OK;
        int written = 0;
        if (dryRun) {
            PrintStream out = System.out;
            UnifiedDiff.write(plan, out);
            if (!plan.changedFiles().isEmpty()) {
                applyHint(err);
            }
        } else {
            if (!allowDirty && !refuseDirty(plan, err)) {
                return ExitCodes.ERROR;
            }
            removeStaleTempFiles(err);
            for (FilePlan f : plan.changedFiles()) {
                try {
                    AtomicWriter.write(f.path(), f.newBytes());
                    written++;
                } catch (IOException e) {
                    err.println("migrate-portkey: " + f.displayPath() + ": could not be written (" + e.getMessage()
                            + "); it was left as it was");
                    status = ExitCodes.ERROR;
                }
            }
        }
        if (!reports.write(plan, rules, dryRun, err)) {
            status = ExitCodes.ERROR;
        }
        for (Finding f : plan.findings()) {
            if (f.kind() != Finding.Kind.FIXABLE) {
                err.println(TextFindingPrinter.line(f));
            }
        }
        long fixed = plan.findings().stream().filter(f -> f.kind() == Finding.Kind.FIXABLE).count();
        long manual = plan.findings().stream().filter(f -> f.kind() == Finding.Kind.MANUAL).count();
        int changed = plan.changedFiles().size();
        String verb = dryRun ? "would change" : "changed";
        err.println("migrate-portkey: " + verb + " " + (dryRun ? changed : written) + " file" + (changed == 1 ? "" : "s")
                + " (" + fixed + " Portkey site" + (fixed == 1 ? "" : "s") + " migrated) of " + plan.filesScanned() + " scanned"
                + (manual > 0 ? "; " + manual + " item" + (manual == 1 ? " needs" : "s need") + " a human (listed above; in the code, "
                + "marked TODO(concentrate-migration) where a comment can go)" : "")
                + (dryRun && changed > 0 ? ". Run without --dry-run to apply." : "."));
        err.flush();
        return status;
    }
}
