package dev.migrateportkey.lang.json;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.text.ScannedFile;
import dev.migrateportkey.lang.text.Setting;
import dev.migrateportkey.lang.text.VariableReferences;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Reads a JSON file (comments and trailing commas allowed, as in {@code .vscode/settings.json},
 * {@code devcontainer.json} or {@code .claude/settings.json}) into {@link Setting}s for the shared
 * {@code SettingsRewriter}, without building a tree: every offset points into the original text.
 * It emits:
 *
 * <ul>
 *   <li>each member with a scalar value, with its dotted path ({@code env.ANTHROPIC_BASE_URL});</li>
 *   <li>each {@code {"name": "X", "value": "Y"}} array item (ECS task definitions, Kubernetes
 *       manifests written as JSON) as the variable {@code X};</li>
 *   <li>each string array item, as a bare value.</li>
 * </ul>
 *
 * JSON has no comments, so nothing is ever commented out. A member owns its lines (and may be
 * removed with them) only when it is alone on them and a comma follows it: removing it then leaves
 * valid JSON. Any other member is edited in place or left to a human.
 */
final class JsonScanner extends JsonCursor {
    private final List<Setting> out = new ArrayList<>();
    private final BitSet comments = new BitSet();

    private JsonScanner(SourceText text) {
        super(text);
    }

    @Override
    protected void commentLines(int fromLine, int toLine) {
        comments.set(fromLine, toLine + 1);
    }

    static ScannedFile scan(SourceText text) throws UnparseableFileException {
        JsonScanner sc = new JsonScanner(text);
        sc.skip();
        if (sc.pos < sc.s.length()) {
            sc.value("", -1, -1);
        }
        sc.skip();
        if (sc.pos < sc.s.length()) {
            throw sc.error("unexpected text after the JSON value");
        }
        return new ScannedFile(sc.out, sc.comments, new BitSet());
    }

    /** Reads one value; a scalar member or item becomes a setting. */
    private void value(String path, int keyStart, int keyEnd) throws UnparseableFileException {
        char c = s.charAt(pos);
        if (c == '{') {
            object(path);
        } else if (c == '[') {
            array(path);
        } else if (c == '"') {
            int start = pos + 1;
            int end = stringEnd(pos);
            pos = end + 1;
            add(path, keyStart, keyEnd, start, end);
        } else {
            int start = pos;
            while (pos < s.length() && ",}] \t\r\n/".indexOf(s.charAt(pos)) < 0) {
                pos++;
            }
            if (pos == start) {
                throw error("a value was expected");
            }
            add(path, keyStart, keyEnd, start, pos);
        }
    }

    private void object(String path) throws UnparseableFileException {
        members((keyStart, keyEnd) -> {
            String name = s.substring(keyStart, keyEnd);
            value(path.isEmpty() ? name : path + "." + name, keyStart, keyEnd);
        });
    }

    private void array(String path) throws UnparseableFileException {
        items(() -> {
            // An {"name": ..., "value": ...} item is read as one variable.
            if (s.charAt(pos) != '{' || !envItem(path)) {
                value(path, -1, -1);
            }
        });
    }

    /**
     * {@code {"name": "X", "value": "Y"}}: the variable X with value Y, the whole object being the
     * entry. Any other object is read as usual (the position is restored).
     */
    private boolean envItem(String path) throws UnparseableFileException {
        int at = pos;
        int mark = out.size();
        object(path + ".\u0000");
        List<Setting> members = new ArrayList<>(out.subList(mark, out.size()));
        Setting name = null;
        Setting value = null;
        for (Setting m : members) {
            String n = m.name();
            if (n.equals("name")) {
                name = m;
            } else if (n.equals("value")) {
                value = m;
            } else {
                name = null;
                break;
            }
        }
        out.subList(mark, out.size()).clear();
        if (name == null || value == null || !VariableReferences.isEnvName(s.substring(name.valueStart(), name.valueEnd()))) {
            pos = at;
            return false;
        }
        String var = s.substring(name.valueStart(), name.valueEnd());
        int[] lines = ownLines(at, pos);
        out.add(new Setting(path.isEmpty() ? var : path + "." + var, name.valueStart(), name.valueEnd(),
                value.valueStart(), value.valueEnd(), false, lines[0], lines[1], 0));
        return true;
    }

    private void add(String path, int keyStart, int keyEnd, int valueStart, int valueEnd) {
        String p = path.replace(".\u0000", "");
        int from = keyStart >= 0 ? keyStart - 1 : s.charAt(valueStart - 1) == '"' ? valueStart - 1 : valueStart;
        int to = valueEnd < s.length() && s.charAt(valueEnd) == '"' ? valueEnd + 1 : valueEnd;
        int[] lines = ownLines(from, to);
        out.add(new Setting(p, keyStart, keyEnd, valueStart, valueEnd, false, lines[0], lines[1], 0));
    }

    /**
     * The whole lines of an entry from {@code from} to {@code to}, when it is alone on them and a
     * comma follows it on its last line (so removing those lines leaves valid JSON); else {-1, -1}.
     */
    private int[] ownLines(int from, int to) {
        if (!text.onlyBlankBefore(from)) {
            return new int[] {-1, -1};
        }
        int i = to;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        if (i >= s.length() || s.charAt(i) != ',') {
            return new int[] {-1, -1};
        }
        i++;
        int lineEnd = text.lineEnd(i);
        if (!s.substring(i, lineEnd).isBlank()) {
            return new int[] {-1, -1};
        }
        return new int[] {text.lineStart(from), text.nextLineStart(i)};
    }
}
