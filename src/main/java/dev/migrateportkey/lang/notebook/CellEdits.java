package dev.migrateportkey.lang.notebook;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.notebook.NotebookJson.CodeCell;
import dev.migrateportkey.lang.notebook.NotebookJson.Segment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Maps edits of the joined Python text back into the notebook's JSON. Characters the edits leave
 * alone are copied as the JSON had them (escapes included); only replacement text is escaped. In a
 * {@code source} array, the elements an edit touches are written again split after each line break,
 * so inserted lines become elements of their own ({@code "import os\n",}) in the array's own layout.
 * An edit that spans two cells, or lands on an IPython line, cannot be mapped: it is handed back to
 * the caller to report instead of being applied.
 */
final class CellEdits {
    private final NotebookText nb;
    private final String json;

    CellEdits(NotebookText nb, SourceText jsonText) {
        this.nb = nb;
        this.json = jsonText.text();
    }

    /** The JSON edits; every Python edit that could not be mapped is added to {@code unmapped}. */
    List<TextEdit> map(List<TextEdit> sorted, List<TextEdit> unmapped, java.util.function.Predicate<TextEdit> allowMagic) {
        Map<Integer, List<TextEdit>> byCell = new TreeMap<>();
        for (TextEdit e : sorted) {
            int cell = cellOf(e);
            if (cell < 0 || (!allowMagic.test(e) && touchesMagic(e))) {
                unmapped.add(e);
            } else {
                byCell.computeIfAbsent(cell, k -> new ArrayList<>()).add(e);
            }
        }
        List<TextEdit> out = new ArrayList<>();
        for (Map.Entry<Integer, List<TextEdit>> c : byCell.entrySet()) {
            out.addAll(cell(c.getKey(), c.getValue()));
        }
        return out;
    }

    /** The cell an edit belongs to, or -1 when it spans cells. */
    private int cellOf(TextEdit e) {
        int n = nb.length();
        if (n == 0) {
            return -1;
        }
        if (e.isInsertion()) {
            int s = e.start();
            if (s >= n) {
                return nb.cellOf(n - 1);
            }
            int c = nb.cellOf(s);
            // At a cell boundary an added import joins the imports it follows when the cell above
            // ends with imports; anything else (a TODO above a line) stays with the line after it.
            if (c > 0 && s == nb.cellStart(c) && isImport(e.replacement()) && endsWithImport(c - 1)) {
                return c - 1;
            }
            return c;
        }
        int first = nb.cellOf(e.start());
        int last = nb.cellOf(Math.min(n, e.end()) - 1);
        return first == last ? first : -1;
    }

    /** Whether the last non-blank line of a cell is an import statement. */
    private boolean endsWithImport(int cell) {
        String text = nb.python().substring(nb.cellStart(cell), nb.cellEnd(cell)).stripTrailing();
        return isImport(text.substring(text.lastIndexOf('\n') + 1));
    }

    private static boolean isImport(String text) {
        String t = text.stripLeading();
        return t.startsWith("import ") || t.startsWith("from ");
    }

    private boolean touchesMagic(TextEdit e) {
        for (int i = e.start(); i < e.end(); i++) {
            if (nb.isMagic(i)) {
                return true;
            }
        }
        // An insertion counts when it falls inside an IPython line (not at its start, where a
        // comment line may go above it).
        int s = e.start();
        return e.isInsertion() && s > 0 && s < nb.length() && nb.isMagic(s) && nb.isMagic(s - 1);
    }

    /** The JSON edits for one cell's Python edits (sorted, not overlapping). */
    private List<TextEdit> cell(int c, List<TextEdit> edits) {
        CodeCell cell = nb.cells().get(c);
        int elements = cell.segments().size();
        if (elements == 0) {
            return List.of();
        }
        // Each edit's element range; overlapping or adjacent ranges are written as one group.
        List<int[]> groups = new ArrayList<>();
        List<List<TextEdit>> groupEdits = new ArrayList<>();
        for (TextEdit e : edits) {
            int[] r = cell.array() ? elementRange(c, e) : new int[] {0, elements - 1};
            if (!groups.isEmpty() && r[0] <= groups.get(groups.size() - 1)[1] + 1) {
                int[] g = groups.get(groups.size() - 1);
                g[1] = Math.max(g[1], r[1]);
                groupEdits.get(groupEdits.size() - 1).add(e);
            } else {
                groups.add(r);
                groupEdits.add(new ArrayList<>(List.of(e)));
            }
        }
        List<TextEdit> out = new ArrayList<>();
        for (int g = 0; g < groups.size(); g++) {
            out.add(group(c, cell, groups.get(g)[0], groups.get(g)[1], groupEdits.get(g)));
        }
        return out;
    }

    private int[] elementRange(int c, TextEdit e) {
        int cellEnd = nb.cellEnd(c);
        int last = nb.cells().get(c).segments().size() - 1;
        int first = e.start() >= cellEnd ? last : nb.elementOf(Math.max(e.start(), nb.cellStart(c)));
        int end = e.isInsertion() ? first : nb.elementOf(Math.min(e.end(), cellEnd) - 1);
        return new int[] {first, Math.max(first, end)};
    }

    /** Writes elements {@code a..b} of a cell again with {@code edits} applied. */
    private TextEdit group(int c, CodeCell cell, int a, int b, List<TextEdit> edits) {
        int p0 = nb.elementStart(c, a);
        int p1 = nb.elementEnd(c, b);
        int last = cell.segments().size() - 1;
        List<String> raw = new ArrayList<>();
        List<Boolean> newline = new ArrayList<>();
        int cursor = p0;
        String ruleId = edits.get(0).ruleId();
        for (TextEdit e : edits) {
            copy(Math.max(cursor, p0), Math.min(e.start(), p1), raw, newline);
            for (char ch : e.replacement().toCharArray()) {
                raw.add(escape(ch));
                newline.add(ch == '\n');
            }
            cursor = Math.max(cursor, e.end());
        }
        copy(cursor, p1, raw, newline);
        if (b == last && !nb.endsWithNewline(c) && !raw.isEmpty() && newline.get(newline.size() - 1)) {
            // The cell had no final line break (Jupyter writes none): it keeps having none.
            raw.remove(raw.size() - 1);
            newline.remove(newline.size() - 1);
        }
        Segment first = cell.segments().get(a);
        Segment end = cell.segments().get(b);
        if (!cell.array()) {
            return TextEdit.replace(first.open() + 1, end.close(), String.join("", raw), ruleId);
        }
        List<String> items = new ArrayList<>();
        StringBuilder item = new StringBuilder();
        for (int i = 0; i < raw.size(); i++) {
            item.append(raw.get(i));
            if (newline.get(i)) {
                items.add(item.toString());
                item.setLength(0);
            }
        }
        if (item.length() > 0) {
            items.add(item.toString());
        }
        if (items.isEmpty()) {
            if (a > 0) {
                return TextEdit.delete(cell.segments().get(a - 1).close() + 1, end.close() + 1, ruleId);
            }
            if (b < last) {
                return TextEdit.delete(first.open(), cell.segments().get(b + 1).open(), ruleId);
            }
            return TextEdit.delete(first.open(), end.close() + 1, ruleId);
        }
        String sep = separator(cell);
        StringBuilder joined = new StringBuilder();
        for (int i = 0; i < items.size(); i++) {
            joined.append(i == 0 ? "" : sep).append('"').append(items.get(i)).append('"');
        }
        return TextEdit.replace(first.open(), end.close() + 1, joined.toString(), ruleId);
    }

    /** Copies original characters {@code [from, to)} as the JSON wrote them. */
    private void copy(int from, int to, List<String> raw, List<Boolean> newline) {
        for (int i = from; i < to; i++) {
            raw.add(nb.isSynthetic(i) ? "\\n" : nb.raw(i));
            newline.add(nb.isSynthetic(i) || nb.charAt(i) == '\n');
        }
    }

    /**
     * What stands between two elements of this cell's array: its own, or a comma and the blank that
     * stands before its only element (a line break and indentation, or nothing in a compact file).
     */
    private String separator(CodeCell cell) {
        List<Segment> segs = cell.segments();
        if (segs.size() > 1) {
            return json.substring(segs.get(0).close() + 1, segs.get(1).open());
        }
        int open = segs.get(0).open();
        int i = open;
        while (i > 0 && " \t\r\n".indexOf(json.charAt(i - 1)) >= 0) {
            i--;
        }
        return "," + json.substring(i, open);
    }

    /** One character as a JSON string writes it (non-ASCII stays as it is, as Jupyter writes it). */
    static String escape(char ch) {
        return switch (ch) {
            case '"' -> "\\\"";
            case '\\' -> "\\\\";
            case '\n' -> "\\n";
            case '\r' -> "\\r";
            case '\t' -> "\\t";
            case '\b' -> "\\b";
            case '\f' -> "\\f";
            default -> ch < 0x20 ? String.format("\\u%04x", (int) ch) : String.valueOf(ch);
        };
    }
}
