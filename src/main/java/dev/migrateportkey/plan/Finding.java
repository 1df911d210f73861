package dev.migrateportkey.plan;

/**
 * Something the tool found at a place in a file.
 *
 * @param path     the file, as messages name it
 * @param line     1-based line, or 0 when the finding concerns the whole file
 * @param column   1-based column, or 0
 * @param ruleId   the rule that matched ({@code parse-error} and {@code read-error} for bad input)
 * @param kind     whether {@code rewrite} fixes it, a human must, or the file could not be handled
 * @param message  what was found and what it becomes or what to do
 */
public record Finding(String path, int line, int column, String ruleId, Kind kind, String message) {

    /** How a finding is resolved. */
    public enum Kind {
        /** {@code rewrite} changes it. */
        FIXABLE("fixable"),
        /** Needs a human; the code keeps a TODO and {@code check} keeps reporting it. */
        MANUAL("manual"),
        /** The file could not be read or parsed; nothing in it was changed. */
        ERROR("error");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final String PARSE_ERROR = "parse-error";
    public static final String READ_ERROR = "read-error";
    public static final String EDIT_CONFLICT = "edit-conflict";
}
