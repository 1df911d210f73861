package dev.migrateportkey.edit;

/** Two rules asked to change overlapping text; applying both would garble the file. */
public final class EditConflictException extends Exception {
    private final TextEdit first;
    private final TextEdit second;

    public EditConflictException(TextEdit first, TextEdit second) {
        super("rules '" + first.ruleId() + "' and '" + second.ruleId() + "' want to change overlapping text"
                + " (characters " + first.start() + "-" + first.end() + " and " + second.start() + "-" + second.end() + ")");
        this.first = first;
        this.second = second;
    }

    public TextEdit first() {
        return first;
    }

    public TextEdit second() {
        return second;
    }
}
