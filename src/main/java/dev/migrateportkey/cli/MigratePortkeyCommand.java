package dev.migrateportkey.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: lists the subcommands. */
@Command(name = "migrate-portkey", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
                "Moves a codebase off the Portkey AI gateway onto Concentrate AI's OpenAI-compatible API.",
                "",
                "  migrate-portkey rewrite --dry-run .   preview the changes as a unified diff",
                "  migrate-portkey rewrite .             apply them in place",
                "  migrate-portkey check .               list what is left (exit 1 if anything)",
                ""},
        subcommands = {RewriteCommand.class, CheckCommand.class, RulesCommand.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success; for check, nothing left", "1:check found Portkey usage",
                "2:usage error, I/O error, bad rules file, or a file that could not be parsed"})
public final class MigratePortkeyCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "say what to do: rewrite, check or rules");
    }
}
