package dev.migrateportkey.rules;

import java.util.List;

/** Renders the rule table as {@code docs/rules.md}; a test keeps the committed file in step. */
public final class RulesMarkdown {
    private RulesMarkdown() {
    }

    public static String render(RuleTable table) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Rule table\n\n");
        sb.append("Generated from `rules/*.yaml` by `migrate-portkey rules --format markdown`; do not edit by hand.\n");
        sb.append("Regenerate with `./migrate-portkey rules --format markdown > docs/rules.md`.\n\n");
        sb.append(table.all().size()).append(" rules. Actions: ");
        sb.append(Action.allowed().replace(", ", ", ")).append(".\n");
        for (RuleKind kind : RuleKind.values()) {
            List<Rule> rules = table.ofKind(kind);
            if (rules.isEmpty()) {
                continue;
            }
            sb.append("\n## ").append(kind.yamlName()).append("\n\n");
            sb.append("| id | match | action | note | guide |\n| --- | --- | --- | --- | --- |\n");
            for (Rule r : rules) {
                sb.append("| `").append(r.id()).append("` | ");
                sb.append(String.join(", ", r.match().stream().map(m -> "`" + cell(m) + "`").toList()));
                sb.append(" | ").append(r.action().yamlName()).append(details(r));
                sb.append(" | ").append(cell(r.note()));
                sb.append(" | ").append(r.guide() == null ? "" : cell(r.guide())).append(" |\n");
            }
        }
        return sb.toString();
    }

    private static String details(Rule r) {
        StringBuilder sb = new StringBuilder();
        if (r.to() != null) {
            sb.append(" → `").append(cell(r.to())).append('`');
        }
        if (r.param() != null) {
            sb.append(" → `").append(cell(r.param())).append('`');
        }
        if (r.prefix() != null) {
            sb.append(" → `").append(cell(r.prefix())).append("/`");
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "\\|").replace("\n", " ");
    }
}
