package dev.migrateportkey.cli;

import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleFileException;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.rules.RulesMarkdown;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

/** {@code rules}: lists the loaded rule table, or explains one rule. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"Lists the loaded rule table: id, kind, what it matches, action, note.",
                "Give a rule id to see that rule alone."})
public final class RulesCommand implements Callable<Integer> {

    /** Output formats. */
    public enum Format { text, markdown }

    @Spec
    CommandSpec spec;

    @Mixin
    LoggingOptions logging;

    @Option(names = "--rules", paramLabel = "DIR", description = "Also load the *.yaml rule files of DIR.")
    Path rulesDir;

    @Option(names = {"-f", "--format"}, defaultValue = "text",
            description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    Format format;

    @Parameters(paramLabel = "ID", arity = "0..1", description = "A rule id to explain.")
    String id;

    @Override
    public Integer call() throws IOException {
        RuleTable table;
        try {
            table = new RuleLoader().load(rulesDir);
        } catch (RuleFileException e) {
            throw new UserError("bad rules file: " + e.getMessage(), e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (id != null) {
            Rule r = table.byId(id).orElseThrow(() -> new UserError("no rule with id '" + id
                    + "'; run 'migrate-portkey rules' to list them"));
            out.println("id:      " + r.id());
            out.println("kind:    " + r.kind().yamlName());
            out.println("match:   " + String.join(", ", r.match()));
            out.println("action:  " + r.action().yamlName() + target(r));
            out.println("note:    " + r.note());
            if (r.guide() != null) {
                out.println("guide:   " + r.guide());
            }
            out.println("defined: " + r.origin());
            out.flush();
            return ExitCodes.OK;
        }
        if (format == Format.markdown) {
            out.print(RulesMarkdown.render(table));
            out.flush();
            return ExitCodes.OK;
        }
        int idW = table.all().stream().mapToInt(r -> r.id().length()).max().orElse(2);
        int kindW = table.all().stream().mapToInt(r -> r.kind().yamlName().length()).max().orElse(4);
        for (Rule r : table.all()) {
            out.printf("%-" + idW + "s  %-" + kindW + "s  %s  %s%s  %s%n", r.id(), r.kind().yamlName(),
                    String.join(",", r.match()), r.action().yamlName(), target(r), r.note());
        }
        out.flush();
        return ExitCodes.OK;
    }

    private static String target(Rule r) {
        if (r.to() != null) {
            return " -> " + r.to();
        }
        if (r.param() != null) {
            return " -> " + r.param();
        }
        if (r.prefix() != null) {
            return " -> " + r.prefix() + "/";
        }
        return "";
    }
}
