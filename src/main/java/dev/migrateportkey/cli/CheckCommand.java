package dev.migrateportkey.cli;

import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.report.FindingPrinter;
import dev.migrateportkey.report.JsonFindingPrinter;
import dev.migrateportkey.report.TextFindingPrinter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.util.concurrent.Callable;

/** {@code check PATH...}: the CI gate. Lists every leftover Portkey use; exit 1 if there is any. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {"Lists every leftover Portkey use as 'path:line:col: rule-id: message'.",
                "Fixable items are migrated by 'rewrite'; [manual] items need a human."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no Portkey usage left", "1:Portkey usage found",
                "2:usage or I/O error, or a file could not be parsed"})
public final class CheckCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format { text, json }

    @Spec
    CommandSpec spec;

    @Mixin
    ScanOptions scan;

    @Mixin
    LoggingOptions logging;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Override
    public Integer call() throws IOException {
        MigrationPlan plan = scan.plan(scan.loadRules());
        Notices.print(plan, spec.commandLine().getErr());
        FindingPrinter printer = switch (format) {
            case text -> new TextFindingPrinter();
            case json -> new JsonFindingPrinter();
        };
        PrintStream out = System.out;
        printer.print(plan, out);
        out.flush();
        if (plan.hasErrors()) {
            return ExitCodes.ERROR;
        }
        return plan.findings().isEmpty() ? ExitCodes.OK : ExitCodes.FINDINGS;
    }
}
