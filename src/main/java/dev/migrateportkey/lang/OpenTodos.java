package dev.migrateportkey.lang;

import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

/**
 * The tool's own {@code TODO(concentrate-migration)} comments met again in a file: each one whose
 * code no finding covers any more (the Portkey text it was written for is gone) is a manual item,
 * so {@code check} keeps failing until a human does what it says and deletes it. The rule is the
 * one whose note the comment repeats, else {@value #RULE_ID}: the same choice the Python migrator
 * makes for its leftover TODOs.
 */
public final class OpenTodos {
    /** The rule id of an open TODO whose text names no rule of the table. */
    public static final String RULE_ID = "migration-todo";

    private OpenTodos() {
    }

    /** Whether a comment's text is one of the tool's TODOs. */
    public static boolean isTodo(String commentText) {
        return commentText.contains(FileMigration.TODO_MARK);
    }

    /** What the TODO asks for: the comment's text after the mark. */
    public static String body(String commentText) {
        String body = commentText.substring(commentText.indexOf(FileMigration.TODO_MARK) + FileMigration.TODO_MARK.length());
        return body.replaceFirst("^:\\s*", "").replaceFirst("\\s*\\*/\\s*$", "").strip();
    }

    /** The rule whose note the TODO repeats, else {@value #RULE_ID}. */
    public static String ruleId(RuleTable rules, String body) {
        return rules.all().stream().filter(r -> r.note() != null && !r.note().isBlank() && body.contains(r.note()))
                .map(Rule::id).findFirst().orElse(RULE_ID);
    }

    /** Records the TODO comment starting at {@code offset} as a manual item. */
    public static void report(FileMigration work, int offset, String commentText) {
        String body = body(commentText);
        work.manual(offset, ruleId(work.rules(), body), "a migration TODO is still open: " + body
                + " (delete the comment once done)");
    }
}
