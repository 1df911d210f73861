package dev.migrateportkey.cli;

import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.report.FailOn;
import dev.migrateportkey.report.FindingPrinter;
import dev.migrateportkey.report.GithubFindingPrinter;
import dev.migrateportkey.report.SarifFindingPrinter;
import dev.migrateportkey.rules.RuleTable;
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
                "Fixable items are migrated by 'rewrite'; [manual] items need a human.",
                "Keep one site on purpose with a comment 'migrate-portkey:ignore RULE-ID -- REASON' on its line or the line above."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:no Portkey usage left (or none that --fail-on counts)", "1:Portkey usage found",
                "2:usage or I/O error, or a file could not be parsed"})
public final class CheckCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format { text, json, sarif, github }

    @Spec
    CommandSpec spec;

    @Mixin
    ScanOptions scan;

    @Mixin
    LoggingOptions logging;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}). sarif is SARIF 2.1.0"
                    + " for code scanning; github prints workflow commands that annotate a pull request.")
    Format format;

    @Option(names = "--fail-on", paramLabel = "WHAT", defaultValue = "all",
            description = "Which findings make the run exit 1: 'all' (default: any finding), 'manual' (only items that"
                    + " need a human), 'fixable' (only items rewrite can fix; known manual items pass)."
                    + " Every finding is printed either way; unreadable or unparseable files always exit 2.")
    FailOn failOn;

    @Override
    public Integer call() throws IOException {
        RuleTable rules = scan.loadRules();
        MigrationPlan plan = scan.plan(rules);
        Notices.print(plan, spec.commandLine().getErr());
        FindingPrinter printer = switch (format) {
            case text -> new TextFindingPrinter();
            case json -> new JsonFindingPrinter();
            case sarif -> new SarifFindingPrinter(rules, failOn, VersionProvider.number());
            case github -> new GithubFindingPrinter(failOn);
        };
        PrintStream out = System.out;
        printer.print(plan, out);
        out.flush();
        if (plan.hasErrors()) {
            return ExitCodes.ERROR;
        }
        return plan.findings().stream().anyMatch(failOn::fails) ? ExitCodes.FINDINGS : ExitCodes.OK;
    }
}
