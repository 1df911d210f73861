package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What happens to the entries of one object literal ({@code { a: 1, b: 2 }}): entries removed,
 * entries replaced, entries added at the front. Several sites may add to the same object (a
 * client's options, the header object inside them); {@link #edits} then turns everything into
 * text edits at once, so commas and lines come out right whichever entries go.
 *
 * <p>Layout is kept: in an object written one entry per line, a removed entry takes its lines
 * with it and an added entry gets a line of its own with the entries' indentation; in an object
 * on one line, entries and their commas are cut and added inline.
 */
final class ObjectRewrite {
    private final JsNode object;
    private final List<JsNode> entries = new ArrayList<>();
    /** The comma after each entry, or null. */
    private final Map<JsNode, JsNode> commaAfter = new LinkedHashMap<>();
    private final Set<JsNode> removed = new LinkedHashSet<>();
    private final Map<JsNode, String> replaced = new LinkedHashMap<>();
    private final List<String> prepended = new ArrayList<>();
    private final List<String> appended = new ArrayList<>();
    private String ruleId = "object";

    ObjectRewrite(JsNode object) {
        this.object = object;
        JsNode last = null;
        for (JsNode c : object.children()) {
            if (c.named() && !c.is("comment")) {
                entries.add(c);
                commaAfter.put(c, null);
                last = c;
            } else if (c.is(",") && last != null && commaAfter.get(last) == null) {
                commaAfter.put(last, c);
            }
        }
    }

    JsNode object() {
        return object;
    }

    List<JsNode> entries() {
        return entries;
    }

    void remove(JsNode entry, String rule) {
        removed.add(entry);
        replaced.remove(entry);
        ruleId = rule;
    }

    void replace(JsNode entry, String text, String rule) {
        if (!removed.contains(entry)) {
            replaced.put(entry, text);
            ruleId = rule;
        }
    }

    /** Adds entries before the first one, in the order given. */
    void prepend(String entryText, String rule) {
        prepended.add(entryText);
        ruleId = rule;
    }

    /** Adds entries after the last one, in the order given (for objects that lose no entry). */
    void append(String entryText, String rule) {
        appended.add(entryText);
        ruleId = rule;
    }

    boolean isRemoved(JsNode entry) {
        return removed.contains(entry);
    }

    /** True when nothing is left in the object after the rewrite. */
    boolean becomesEmpty() {
        return prepended.isEmpty() && appended.isEmpty() && removed.size() == entries.size();
    }

    boolean changes() {
        return !removed.isEmpty() || !replaced.isEmpty() || !prepended.isEmpty() || !appended.isEmpty();
    }

    List<TextEdit> edits(SourceText text) {
        List<TextEdit> out = new ArrayList<>();
        if (!changes()) {
            return out;
        }
        int n = entries.size();
        if (n == 0) {
            List<String> all = new ArrayList<>(prepended);
            all.addAll(appended);
            out.add(TextEdit.replace(object.start(), object.end(), "{ " + String.join(", ", all) + " }", ruleId));
            return out;
        }
        JsNode first = entries.get(0);
        boolean multiline = text.onlyBlankBefore(first.start()) && text.line(first.start()) > text.line(object.start());
        String indent = text.indentation(first.start());
        String sep = text.lineSeparator();
        if (removed.size() == n) {
            JsNode lastEntry = entries.get(n - 1);
            if (prepended.isEmpty()) {
                int open = object.children().get(0).end();
                int close = object.children().get(object.children().size() - 1).start();
                out.add(TextEdit.delete(open, close, ruleId));
            } else {
                boolean trailing = commaAfter.get(lastEntry) != null;
                String joiner = multiline ? "," + sep + indent : ", ";
                String body = String.join(joiner, prepended) + (multiline && trailing ? "," : "");
                out.add(TextEdit.replace(first.start(), endWithComma(lastEntry), body, ruleId));
            }
            return out;
        }
        if (!prepended.isEmpty()) {
            StringBuilder ins = new StringBuilder();
            for (String p : prepended) {
                ins.append(multiline ? indent + p + "," + sep : p + ", ");
            }
            out.add(TextEdit.insert(multiline ? text.lineStart(first.start()) : first.start(), ins.toString(), ruleId));
        }
        if (!appended.isEmpty() && removed.isEmpty()) {
            JsNode last = entries.get(n - 1);
            JsNode comma = commaAfter.get(last);
            boolean lastOnOwnLine = text.onlyBlankBefore(last.start());
            StringBuilder ins = new StringBuilder();
            for (String a : appended) {
                if (lastOnOwnLine && multiline) {
                    ins.append(comma != null ? sep + text.indentation(last.start()) + a + "," : "," + sep + text.indentation(last.start()) + a);
                } else {
                    ins.append(comma != null ? " " + a + "," : ", " + a);
                }
            }
            out.add(TextEdit.insert(comma != null ? comma.end() : last.end(), ins.toString(), ruleId));
        }
        for (Map.Entry<JsNode, String> e : replaced.entrySet()) {
            out.add(TextEdit.replace(e.getKey().start(), e.getKey().end(), e.getValue(), ruleId));
        }
        int i = 0;
        while (i < n) {
            if (!removed.contains(entries.get(i))) {
                i++;
                continue;
            }
            int j = i;
            while (j + 1 < n && removed.contains(entries.get(j + 1))) {
                j++;
            }
            out.addAll(removeRun(text, i, j));
            i = j + 1;
        }
        return out;
    }

    private List<TextEdit> removeRun(SourceText text, int i, int j) {
        JsNode from = entries.get(i);
        JsNode to = entries.get(j);
        List<TextEdit> out = new ArrayList<>();
        if (j + 1 < entries.size()) {
            JsNode next = entries.get(j + 1);
            if (text.onlyBlankBefore(from.start()) && text.onlyBlankBefore(next.start())) {
                out.add(TextEdit.delete(text.lineStart(from.start()), text.lineStart(next.start()), ruleId));
            } else {
                out.add(TextEdit.delete(from.start(), next.start(), ruleId));
            }
            return out;
        }
        // The run reaches the end; something is kept before it.
        JsNode before = entries.get(i - 1);
        int end = endWithComma(to);
        if (text.onlyBlankBefore(from.start())) {
            int stop = text.onlyBlankOrCommentAfter(end, "//") ? text.nextLineStart(end) : end;
            out.add(TextEdit.delete(text.lineStart(from.start()), stop, ruleId));
            JsNode keptComma = commaAfter.get(before);
            if (commaAfter.get(to) == null && keptComma != null) {
                out.add(TextEdit.delete(keptComma.start(), keptComma.end(), ruleId));
            }
        } else {
            // "{ a, b }" loses ", b"; "{ a, b, }" loses ", b" and keeps the trailing comma.
            out.add(TextEdit.delete(before.end(), to.end(), ruleId));
        }
        return out;
    }

    private int endWithComma(JsNode entry) {
        JsNode c = commaAfter.get(entry);
        return c == null ? entry.end() : c.end();
    }
}
