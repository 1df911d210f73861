package dev.migrateportkey.lang.notebook;

import dev.migrateportkey.lang.notebook.NotebookJson.CodeCell;
import dev.migrateportkey.lang.notebook.NotebookJson.Segment;

import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;

/**
 * The code cells of a notebook as one Python text (cells joined in order, each ending with a line
 * break), with a map from every Python character back to the JSON escape it came from. Joined, the
 * Python migrator sees the notebook as Jupyter runs it: a client built in one cell from an import
 * in another is still a Portkey client.
 *
 * <p>IPython lines ({@code !pip install ...}, {@code %pip ...}, other {@code %} magics, and every
 * line of a {@code %%bash}/{@code %%sh} cell) are not Python: in the Python text their first
 * character becomes {@code #}, so they parse as comments, and they are marked so no Python edit
 * lands on them. Shell lines ({@code !...}, {@code %pip}, {@code %conda}, shell cells) are also laid
 * out in {@link #shell()}, a text of the same length that holds only them (the rest blanked), so the
 * shell migrator's install-command rules apply to them with the same offsets.
 */
final class NotebookText {
    /** IPython's help syntax ({@code client?}, {@code ??Portkey}), which is not Python either. */
    private static final java.util.regex.Pattern HELP = java.util.regex.Pattern.compile(
            "(\\?{1,2}[\\w.]+|[\\w.]+\\?{1,2})\\s*");
    private final String json;
    private final List<CodeCell> cells;
    private final StringBuilder py = new StringBuilder();
    private final StringBuilder shell = new StringBuilder();
    /** The cells' characters as written, before IPython lines are marked as comments. */
    private final StringBuilder orig = new StringBuilder();
    /** JSON range of each Python character's escape; a synthetic character has an empty range. */
    private int[] from = new int[256];
    private int[] to = new int[256];
    private int[] cellOf = new int[256];
    private int[] elementOf = new int[256];
    private final BitSet synthetic = new BitSet();
    private final BitSet magic = new BitSet();
    /** Per cell: where its Python text starts and ends (after its line break), and its elements' starts. */
    private final int[] cellStart;
    private final int[] cellEnd;
    private final boolean[] endsWithNewline;
    private final int[][] elementStart;

    NotebookText(String json, List<CodeCell> cells) {
        this.json = json;
        this.cells = cells;
        this.cellStart = new int[cells.size()];
        this.cellEnd = new int[cells.size()];
        this.endsWithNewline = new boolean[cells.size()];
        this.elementStart = new int[cells.size()][];
        for (int c = 0; c < cells.size(); c++) {
            CodeCell cell = cells.get(c);
            cellStart[c] = py.length();
            elementStart[c] = new int[cell.segments().size()];
            for (int e = 0; e < cell.segments().size(); e++) {
                elementStart[c][e] = py.length();
                decode(cell.segments().get(e), c, e);
            }
            endsWithNewline[c] = py.length() > cellStart[c] && py.charAt(py.length() - 1) == '\n';
            if (!endsWithNewline[c]) {
                int at = cell.segments().isEmpty() ? -1 : cell.segments().get(cell.segments().size() - 1).close();
                synthetic.set(py.length());
                add('\n', at, at, c, Math.max(0, cell.segments().size() - 1));
            }
            cellEnd[c] = py.length();
            markIPythonLines(c);
        }
        shell.setLength(0);
        for (int i = 0; i < py.length(); i++) {
            shell.append(py.charAt(i) == '\n' ? '\n' : ' ');
        }
        markShell();
    }

    /** Decodes one JSON string literal, character by character, recording each one's escape range. */
    private void decode(Segment seg, int cell, int element) {
        for (int i = seg.open() + 1; i < seg.close(); ) {
            char c = json.charAt(i);
            if (c != '\\') {
                add(c, i, i + 1, cell, element);
                i++;
                continue;
            }
            char k = json.charAt(i + 1);
            switch (k) {
                case 'u' -> {
                    add((char) Integer.parseInt(json.substring(i + 2, i + 6), 16), i, i + 6, cell, element);
                    i += 6;
                }
                case 'n' -> { add('\n', i, i + 2, cell, element); i += 2; }
                case 't' -> { add('\t', i, i + 2, cell, element); i += 2; }
                case 'r' -> { add('\r', i, i + 2, cell, element); i += 2; }
                case 'b' -> { add('\b', i, i + 2, cell, element); i += 2; }
                case 'f' -> { add('\f', i, i + 2, cell, element); i += 2; }
                default -> { add(k, i, i + 2, cell, element); i += 2; }
            }
        }
    }

    private void add(char c, int start, int end, int cell, int element) {
        int n = py.length();
        if (n == from.length) {
            from = Arrays.copyOf(from, n * 2);
            to = Arrays.copyOf(to, n * 2);
            cellOf = Arrays.copyOf(cellOf, n * 2);
            elementOf = Arrays.copyOf(elementOf, n * 2);
        }
        from[n] = start;
        to[n] = end;
        cellOf[n] = cell;
        elementOf[n] = element;
        py.append(c);
        orig.append(c);
    }

    /** Lines IPython handles itself: their first non-blank character becomes a comment marker. */
    private void markIPythonLines(int c) {
        boolean shellCell = false;
        int line = cellStart[c];
        boolean first = true;
        while (line < cellEnd[c]) {
            int end = py.indexOf("\n", line);
            end = end < 0 || end >= cellEnd[c] ? cellEnd[c] - 1 : end;
            int i = line;
            while (i < end && (py.charAt(i) == ' ' || py.charAt(i) == '\t')) {
                i++;
            }
            String content = orig.substring(i, end);
            if (first && content.matches("%%(bash|sh|script\\b.*|system)\\s*")) {
                shellCell = true;
            }
            if (i < end && (shellCell || content.startsWith("!") || content.startsWith("%") || HELP.matcher(content).matches())) {
                magic.set(line, end);
                py.setCharAt(i, '#');
            }
            first = false;
            line = end + 1;
        }
    }

    /** Lays shell lines out in {@link #shell}: {@code !cmd}, {@code %pip}, {@code %conda}, and shell cells. */
    private void markShell() {
        for (int c = 0; c < cells.size(); c++) {
            boolean shellCell = false;
            boolean first = true;
            for (int line = cellStart[c]; line < cellEnd[c]; ) {
                int end = py.indexOf("\n", line);
                end = end < 0 || end >= cellEnd[c] ? cellEnd[c] - 1 : end;
                String original = original(line, end).strip();
                boolean cellMagic = first && original.matches("%%(bash|sh|script\\b.*|system)");
                shellCell |= cellMagic;
                String lower = original.toLowerCase(Locale.ROOT);
                int skip = -1;
                if (!cellMagic && shellCell) {
                    skip = 0;
                } else if (original.startsWith("!")) {
                    skip = 1;
                } else if (lower.startsWith("%pip ") || lower.startsWith("%conda ") || lower.startsWith("%uv ")) {
                    skip = 1;
                } else if (lower.matches("%(set_)?env\\s+\\w+\\s*=.*")) {
                    // %env NAME=value sets a variable as a shell assignment does: read as one.
                    skip = original.indexOf(' ') + 1;
                }
                if (skip < 0 && original.startsWith("#")) {
                    // Comment lines stay in the shell text too, so a TODO already written above an
                    // IPython line is seen there and not written twice.
                    skip = 0;
                }
                if (skip >= 0) {
                    String text = original(line, end);
                    int lead = text.length() - text.stripLeading().length();
                    for (int i = line; i < end; i++) {
                        shell.setCharAt(i, i - line < lead + skip ? ' ' : text.charAt(i - line));
                    }
                }
                first = false;
                line = end + 1;
            }
        }
    }

    /** The characters of {@code [start, end)} as the notebook holds them (before any '#' marking). */
    private String original(int start, int end) {
        return orig.substring(start, end);
    }

    String python() {
        return py.toString();
    }

    String shell() {
        return shell.toString();
    }

    int length() {
        return py.length();
    }

    List<CodeCell> cells() {
        return cells;
    }

    /** JSON offset of a Python offset (a synthetic character points where it would be). */
    int jsonOffset(int pyOffset) {
        if (py.length() == 0) {
            return 0;
        }
        int i = Math.max(0, Math.min(pyOffset, py.length() - 1));
        return from[i] >= 0 ? from[i] : 0;
    }

    String raw(int i) {
        return json.substring(from[i], to[i]);
    }

    boolean isSynthetic(int i) {
        return synthetic.get(i);
    }

    boolean isMagic(int i) {
        return magic.get(i);
    }

    char charAt(int i) {
        return py.charAt(i);
    }

    int cellOf(int i) {
        return cellOf[i];
    }

    int elementOf(int i) {
        return elementOf[i];
    }

    int cellStart(int cell) {
        return cellStart[cell];
    }

    int cellEnd(int cell) {
        return cellEnd[cell];
    }

    boolean endsWithNewline(int cell) {
        return endsWithNewline[cell];
    }

    /** Python offset where element {@code e} of cell {@code c} starts. */
    int elementStart(int c, int e) {
        return elementStart[c][e];
    }

    /** Python offset just past element {@code e} of cell {@code c} (its last element takes the synthetic break). */
    int elementEnd(int c, int e) {
        return e + 1 < elementStart[c].length ? elementStart[c][e + 1] : cellEnd[c];
    }
}
