package dev.migrateportkey.lang.text;

/**
 * One name/value entry of a config file, as a syntax scanner found it: an environment
 * assignment ({@code export NAME="value"}), a properties entry, a YAML mapping entry, a Kubernetes
 * {@code - name: X / value: Y} item. Offsets index the file's decoded text.
 *
 * @param path          the dotted key path ({@code spring.ai.openai.base-url}); for an environment
 *                      assignment, the variable name
 * @param keyStart      start of the entry's own name (the last path segment, without quotes or
 *                      brackets), or -1 when the entry has no name (a bare list item)
 * @param keyEnd        end of that name
 * @param valueStart    start of the value without its quotes, or -1 when there is none
 * @param valueEnd      end of the value
 * @param secretLookup  true when the value range is a structured secret lookup (a Kubernetes
 *                      {@code valueFrom} block) rather than a scalar
 * @param entryStart    start of the first line of the entry, or -1 when the entry does not own
 *                      whole lines (several assignments on one line, an entry inside a flow map):
 *                      such an entry is never commented out or removed
 * @param entryEnd      just past the last line of the entry (its line separator included)
 * @param commentColumn where a comment marker goes on each line when the entry is commented out
 */
public record Setting(String path, int keyStart, int keyEnd, int valueStart, int valueEnd, boolean secretLookup,
                      int entryStart, int entryEnd, int commentColumn) {

    /** An entry with a scalar value that owns whole lines. */
    public static Setting of(String path, int keyStart, int keyEnd, int valueStart, int valueEnd,
                             int entryStart, int entryEnd, int commentColumn) {
        return new Setting(path, keyStart, keyEnd, valueStart, valueEnd, false, entryStart, entryEnd, commentColumn);
    }

    public boolean hasKey() {
        return keyStart >= 0;
    }

    public boolean hasValue() {
        return valueStart >= 0;
    }

    /** Whether the entry owns whole lines, so it can be commented out or removed. */
    public boolean ownsLines() {
        return entryStart >= 0;
    }

    /** The offset findings point at: the name, else the value, else the entry. */
    public int anchor() {
        return keyStart >= 0 ? keyStart : valueStart >= 0 ? valueStart : Math.max(0, entryStart);
    }

    /** The last path segment: the entry's own name. */
    public String name() {
        int dot = path.lastIndexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }
}
