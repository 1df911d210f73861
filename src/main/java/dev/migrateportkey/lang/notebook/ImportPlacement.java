package dev.migrateportkey.lang.notebook;

import dev.migrateportkey.edit.TextEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Moves an import the Python migrator adds to the cell that first needs it. Over the joined cells
 * the migrator puts {@code import os} after the last import of the whole notebook, which can be a
 * cell below the one that now reads {@code os.environ[...]}: run top to bottom, that cell would fail.
 * The import then goes into the first cell whose new code uses the name, after that cell's own
 * imports (or at its top).
 */
final class ImportPlacement {
    private static final Pattern IMPORT = Pattern.compile("\\s*(?:import\\s+([\\w.]+)(?:\\s+as\\s+(\\w+))?|from\\s+[\\w.]+\\s+import\\s+([\\w, ]+))\\s*");

    private ImportPlacement() {
    }

    static List<TextEdit> place(NotebookText nb, List<TextEdit> edits) {
        List<TextEdit> out = new ArrayList<>(edits.size());
        for (TextEdit e : edits) {
            out.add(e.isInsertion() ? moved(nb, e, edits) : e);
        }
        return out;
    }

    private static TextEdit moved(NotebookText nb, TextEdit insert, List<TextEdit> edits) {
        Matcher m = IMPORT.matcher(insert.replacement());
        if (!m.matches() || nb.length() == 0) {
            return insert;
        }
        List<String> names = new ArrayList<>();
        if (m.group(1) != null) {
            names.add(m.group(2) != null ? m.group(2) : m.group(1).split("\\.")[0]);
        } else {
            for (String n : m.group(3).split(",")) {
                names.add(n.strip());
            }
        }
        int firstUse = -1;
        for (TextEdit e : edits) {
            if (e != insert && uses(e.replacement(), names) && e.start() < nb.length() && (firstUse < 0 || e.start() < firstUse)) {
                firstUse = e.start();
            }
        }
        int target = insert.start() >= nb.length() ? nb.cellOf(nb.length() - 1) : nb.cellOf(insert.start());
        if (insert.start() == nb.cellStart(target) && target > 0) {
            target--; // at a cell boundary, the latest it can run is the end of the cell above
        }
        if (firstUse < 0 || nb.cellOf(firstUse) >= target) {
            return insert;
        }
        int cell = nb.cellOf(firstUse);
        String py = nb.python();
        int at = nb.cellStart(cell);
        // After the cell's own top-level imports above the use, else at the cell's top.
        for (int line = nb.cellStart(cell); line < firstUse; ) {
            int end = py.indexOf('\n', line);
            end = end < 0 ? py.length() : end;
            String l = py.substring(line, end);
            if (l.startsWith("import ") || l.startsWith("from ")) {
                at = Math.min(end + 1, nb.cellEnd(cell));
            }
            line = end + 1;
        }
        String text = insert.replacement().strip() + "\n";
        return TextEdit.insert(at, text, insert.ruleId());
    }

    private static boolean uses(String code, List<String> names) {
        for (String n : names) {
            if (Pattern.compile("(?<![\\w.])" + Pattern.quote(n) + "\\s*[.(\\[]").matcher(code).find()) {
                return true;
            }
        }
        return false;
    }
}
