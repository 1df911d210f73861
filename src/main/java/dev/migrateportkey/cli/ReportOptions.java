package dev.migrateportkey.cli;

import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.report.JsonReport;
import dev.migrateportkey.report.MarkdownReport;
import dev.migrateportkey.report.MigrationReport;
import dev.migrateportkey.report.VerifyScript;
import dev.migrateportkey.rules.RuleTable;
import picocli.CommandLine.IParameterConsumer;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Stack;

/**
 * {@code rewrite}'s outputs besides the code: the migration report and the verification script.
 * Both are written with {@code --dry-run} too (they are files the user named, not source files);
 * the report then says that nothing was changed.
 */
public final class ReportOptions {
    /** Report formats. */
    public enum ReportFormat { markdown, json }

    @Option(names = "--report", paramLabel = "FILE",
            description = "Write a migration report for the whole tree: what changed, what is left to do by hand,"
                    + " environment variables, models and Configs, the dashboard and admin checklist.")
    Path report;

    @Option(names = "--report-format", paramLabel = "FORMAT", defaultValue = "markdown",
            description = "Format of --report: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}; json schema in docs/report.md).")
    ReportFormat reportFormat;

    @Option(names = "--verify-script", paramLabel = "FILE.sh", arity = "0..1", parameterConsumer = ScriptFile.class,
            description = "Write a POSIX sh + curl script that checks the Concentrate key, the gateway, every model"
                    + " slug the code uses and that no PORTKEY_* variable is left (default: "
                    + VerifyScript.DEFAULT_NAME + "; a FILE must end in .sh). Run it with --live to send one request per model.")
    Path verifyScript;

    /**
     * Takes the next argument as the script's name only when it ends in {@code .sh}, so that
     * {@code rewrite --verify-script .} means "the default name, and scan ." rather than a script named ".".
     */
    static final class ScriptFile implements IParameterConsumer {
        @Override
        public void consumeParameters(Stack<String> args, ArgSpec argSpec, CommandSpec commandSpec) {
            String name = !args.isEmpty() && args.peek().endsWith(".sh") ? args.pop() : VerifyScript.DEFAULT_NAME;
            argSpec.setValue(Path.of(name));
        }
    }

    /** Writes what was asked for; false (after saying why) when a file could not be written. */
    boolean write(MigrationPlan plan, RuleTable rules, boolean dryRun, PrintWriter err) {
        boolean ok = true;
        if (report != null) {
            MigrationReport r = MigrationReport.of(plan, rules,
                    dryRun ? MigrationReport.Mode.DRY_RUN : MigrationReport.Mode.REWRITE, VersionProvider.number());
            String text = reportFormat == ReportFormat.json ? JsonReport.render(r) : MarkdownReport.render(r);
            ok &= save(report, text, false, "report", "", err);
        }
        if (verifyScript != null) {
            ok &= save(verifyScript, VerifyScript.render(plan, rules, VersionProvider.number()), true,
                    "verification script", "; once CONCENTRATE_API_KEY is set, run: sh " + verifyScript, err);
        }
        return ok;
    }

    private static boolean save(Path file, String text, boolean executable, String what, String hint, PrintWriter err) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, text, StandardCharsets.UTF_8);
            if (executable) {
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
                } catch (UnsupportedOperationException e) {
                    // Not a POSIX file system: 'sh FILE' runs it all the same.
                }
            }
            err.println("migrate-portkey: wrote the " + what + " to " + file + hint);
            return true;
        } catch (IOException e) {
            err.println("migrate-portkey: could not write the " + what + " to " + file + ": " + e.getMessage());
            return false;
        }
    }
}
