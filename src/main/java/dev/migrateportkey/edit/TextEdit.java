package dev.migrateportkey.edit;

/**
 * One change to a file's text: the characters {@code [start, end)} become {@code replacement}.
 * Offsets index the decoded text (without BOM). {@code ruleId} names the rule that asked for the
 * change, so a conflict can say which rules collided.
 */
public record TextEdit(int start, int end, String replacement, String ruleId) {

    public TextEdit {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad edit range [" + start + ", " + end + ") for " + ruleId);
        }
    }

    public static TextEdit replace(int start, int end, String replacement, String ruleId) {
        return new TextEdit(start, end, replacement, ruleId);
    }

    public static TextEdit delete(int start, int end, String ruleId) {
        return new TextEdit(start, end, "", ruleId);
    }

    public static TextEdit insert(int at, String text, String ruleId) {
        return new TextEdit(at, at, text, ruleId);
    }

    public boolean isInsertion() {
        return start == end;
    }

    /** True when this edit's range strictly covers the other's, so the other has nothing left to change. */
    boolean covers(TextEdit other) {
        return !isInsertion() && start <= other.start && other.end <= end
                && !(other.isInsertion() && (other.start == start || other.start == end));
    }

    boolean overlaps(TextEdit other) {
        return other.start < end && start < other.end;
    }
}
