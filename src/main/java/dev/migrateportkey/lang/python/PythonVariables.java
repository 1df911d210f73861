package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Follows a name passed as an argument ({@code default_headers=headers}) back to the value it was
 * given, only where that is certain: one plain assignment {@code name = <value>} in the same scope
 * (the enclosing function, else the module), before the use, and no other read or write of the name
 * in that scope (the value then reaches this call and nothing else, so rewriting it for this call
 * cannot break another). Anything else (two assignments, a name read elsewhere, a parameter, a
 * global) answers null and the value is migrated where it stands, as before.
 */
final class PythonVariables {
    private static final Set<String> SCOPES = Set.of("function_definition", "lambda", "class_definition", "module");

    private PythonVariables() {
    }

    /** The value assigned to the identifier {@code use} when it is certain, else null. */
    static Node singleAssignment(Node use) {
        if (use == null || !use.is("identifier")) {
            return null;
        }
        Node scope = use.ancestor(SCOPES);
        if (scope == null) {
            return null;
        }
        String name = use.text();
        List<Node> mentions = new ArrayList<>();
        for (Node n : scope.descendants()) {
            // Every mention counts, nested functions too (a closure reading the dict is another use);
            // a keyword's name (headers=...) and an attribute (self.headers) are not the variable.
            if (n.is("identifier") && n.text().equals(name) && !isKeywordOrAttribute(n)) {
                mentions.add(n);
            } else if ((n.is("global_statement") || n.is("nonlocal_statement")) && n.text().matches("(?s).*\\b" + name + "\\b.*")) {
                return null;
            }
        }
        if (mentions.size() != 2 || !mentions.get(1).equals(use)) {
            return null;
        }
        Node target = mentions.get(0);
        Node assignment = target.parent();
        if (assignment == null || !assignment.is("assignment") || !target.equals(assignment.field("left"))
                || assignment.field("right") == null || assignment.end() > use.start()) {
            return null;
        }
        // A plain statement of the scope's own block: not a branch, loop or try that may not run.
        Node statement = assignment.parent();
        Node block = statement == null ? null : statement.parent();
        if (statement == null || !statement.is("expression_statement") || block == null
                || !(block.is("module") || block.is("block") && block.parent() != null && block.parent().equals(scope))) {
            return null;
        }
        return assignment.field("right");
    }

    private static boolean isKeywordOrAttribute(Node id) {
        Node p = id.parent();
        return p != null && (p.is("keyword_argument") && id.equals(p.field("name"))
                || p.is("attribute") && id.equals(p.field("attribute")));
    }
}
