package dev.migrateportkey.lang.notebook;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.json.JsonCursor;

import java.util.ArrayList;
import java.util.List;

/**
 * Finds the code cells of a Jupyter notebook in its JSON text without building a document: every
 * offset points into the original text, so edits can be spliced into the string contents and the
 * rest of the file (outputs, metadata, whitespace, line endings) stays byte for byte.
 *
 * <p>Strict JSON (nbformat writes nothing else). A value the notebook shape does not expect is
 * skipped, not refused: only malformed JSON is an error.
 */
final class NotebookJson extends JsonCursor {
    /** One JSON string literal of a cell's {@code source}: offsets of its opening and closing quotes. */
    record Segment(int open, int close) {
    }

    /**
     * A code cell's {@code source}: its string literals in order, and whether they stand in an array
     * (one element per line, by nbformat's convention) or are one string.
     */
    record CodeCell(int number, boolean array, List<Segment> segments) {
    }

    private NotebookJson(SourceText text) {
        super(text);
    }

    /** The code cells, in notebook order, numbered from 1 among all cells (as Jupyter shows them). */
    static List<CodeCell> codeCells(SourceText text) throws UnparseableFileException {
        NotebookJson sc = new NotebookJson(text);
        List<CodeCell> out = new ArrayList<>();
        sc.skip();
        if (sc.pos >= sc.s.length() || sc.s.charAt(sc.pos) != '{') {
            throw sc.error("a notebook is a JSON object ('{' was expected)");
        }
        sc.object((name, depthPos) -> {
            if (name.equals("cells") && sc.s.charAt(sc.pos) == '[') {
                sc.cells(out);
                return true;
            }
            return false;
        });
        sc.skip();
        if (sc.pos < sc.s.length()) {
            throw sc.error("unexpected text after the notebook's JSON object");
        }
        return out;
    }

    /** Called for each member once the position is at its value; returns true when it read the value. */
    private interface MemberReader {
        boolean read(String name, int valueStart) throws UnparseableFileException;
    }

    private void cells(List<CodeCell> out) throws UnparseableFileException {
        int[] number = {0};
        items(() -> {
            if (s.charAt(pos) == '{') {
                cell(++number[0], out);
            } else {
                skipValue();
            }
        });
    }

    private void cell(int number, List<CodeCell> out) throws UnparseableFileException {
        String[] type = {null};
        Object[] source = {null};
        object((name, at) -> {
            if (name.equals("cell_type") && s.charAt(pos) == '"') {
                int close = stringEnd(pos);
                type[0] = s.substring(pos + 1, close);
                pos = close + 1;
                return true;
            }
            if (name.equals("source")) {
                if (s.charAt(pos) == '"') {
                    int close = stringEnd(pos);
                    source[0] = new CodeCell(number, false, List.of(new Segment(pos, close)));
                    pos = close + 1;
                    return true;
                }
                if (s.charAt(pos) == '[') {
                    source[0] = new CodeCell(number, true, stringArray());
                    return true;
                }
            }
            return false;
        });
        if ("code".equals(type[0]) && source[0] != null) {
            out.add((CodeCell) source[0]);
        }
    }

    /** An array of strings; any other item makes the source unusable (an empty list is returned). */
    private List<Segment> stringArray() throws UnparseableFileException {
        List<Segment> segments = new ArrayList<>();
        boolean[] strings = {true};
        items(() -> {
            if (s.charAt(pos) == '"') {
                int close = stringEnd(pos);
                segments.add(new Segment(pos, close));
                pos = close + 1;
            } else {
                strings[0] = false;
                skipValue();
            }
        });
        return strings[0] ? segments : List.of();
    }

    private void object(MemberReader reader) throws UnparseableFileException {
        members((nameStart, nameEnd) -> {
            if (!reader.read(s.substring(nameStart, nameEnd), pos)) {
                skipValue();
            }
        });
    }
}
