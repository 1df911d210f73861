package dev.migrateportkey.cli;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.BundledRules;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.WalkOptions;
import picocli.CommandLine;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The migration options of a golden case: {@code options.txt} beside its {@code input} holds
 * {@code rewrite} command-line arguments (whitespace-separated, {@code #} starts a comment),
 * parsed by the real CLI so fixtures exercise the same option handling users get. Paths in
 * {@code --config-file ID=PATH} are relative to the case directory.
 */
public final class FixtureOptions {
    private FixtureOptions() {
    }

    public static MigrationOptions of(Path caseDir) throws IOException {
        Path file = caseDir.resolve("options.txt");
        if (!Files.isRegularFile(file)) {
            return MigrationOptions.defaults();
        }
        List<String> args = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            String l = line.replaceAll("#.*", "").strip();
            if (!l.isEmpty()) {
                args.addAll(List.of(l.split("\\s+")));
            }
        }
        for (int i = 0; i + 1 < args.size(); i++) {
            if (args.get(i).equals("--config-file") && args.get(i + 1).contains("=")) {
                String[] kv = args.get(i + 1).split("=", 2);
                args.set(i + 1, kv[0] + "=" + caseDir.resolve(kv[1]).toAbsolutePath());
            }
        }
        args.add(caseDir.toString());
        RewriteCommand command = new RewriteCommand();
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        return command.scan.migrationOptions();
    }

    /**
     * Plans one side of a golden case ({@code input} or {@code expected}) the way the golden test
     * does: the bundled rules, every migrator, and the options of the case {@code side} belongs to.
     */
    public static MigrationPlan planSide(Path side) throws Exception {
        return new Planner(new RuleTable(BundledRules.get()), Migrators.all(), of(side.getParent()), WalkOptions.defaults())
                .plan(List.of(side));
    }
}
