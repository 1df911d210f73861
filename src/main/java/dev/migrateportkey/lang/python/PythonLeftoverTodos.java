package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.OpenTodos;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.plan.Finding;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code # TODO(concentrate-migration)} comments already in the file, read last. A TODO this tool
 * wrote above code that is gone (a Config or cache namespace whose value now lives only in the
 * comment) keeps {@code check} failing until a human deletes it; a TODO above code that is still
 * reported is not counted twice. The rule and the message are {@link OpenTodos}'s, as in Java.
 */
final class PythonLeftoverTodos extends PythonShapeHandler {
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
            if (!c.is("comment") || !OpenTodos.isTodo(c.text())) {
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
            OpenTodos.report(work, c.start(), c.text());
        }
    }
}
