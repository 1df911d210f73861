package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.rules.Rule;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code # TODO(concentrate-migration)} comments already in the file, read last. A TODO this tool
 * wrote above code that is gone (a Config or cache namespace whose value now lives only in the
 * comment) keeps {@code check} failing until a human deletes it; a TODO above code that is still
 * reported is not counted twice.
 */
final class PythonLeftoverTodos extends PythonShapeHandler {
    /** The rule id of an open TODO comment whose text names no rule. */
    private static final String TODO_RULE = "migration-todo";

    PythonLeftoverTodos(PythonFileContext ctx) {
        super(ctx);
    }

    void report(List<Node> all) {
        Set<Integer> reported = new HashSet<>();
        for (var f : work.findings()) {
            if (f.kind() == Finding.Kind.MANUAL) {
                reported.add(f.line());
            }
        }
        for (Node c : all) {
            if (!c.is("comment") || !c.text().contains(FileMigration.TODO_MARK)) {
                continue;
            }
            Node stmt = c.nextNamedSibling();
            while (stmt != null && stmt.is("comment")) {
                stmt = stmt.nextNamedSibling();
            }
            if (stmt != null) {
                boolean covered = false;
                for (int line = text.line(stmt.start()); line <= text.line(stmt.end()); line++) {
                    covered |= reported.contains(line);
                }
                if (covered) {
                    continue;
                }
            }
            String body = c.text().substring(c.text().indexOf(FileMigration.TODO_MARK) + FileMigration.TODO_MARK.length())
                    .replaceFirst("^:\\s*", "");
            String ruleId = rules.all().stream().filter(r -> r.note() != null && !r.note().isBlank() && body.contains(r.note()))
                    .map(Rule::id).findFirst().orElse(TODO_RULE);
            work.manual(c.start(), ruleId, "a migration TODO is still open: " + body);
        }
    }
}
