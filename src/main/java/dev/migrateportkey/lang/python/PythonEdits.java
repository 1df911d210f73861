package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns intentions on Python syntax (remove these elements of an argument list or dict, insert an
 * argument, find the statement to put a comment above) into text edits. Removals are line-aware:
 * an element alone on its line takes the line (and its trailing comment) with it; elements sharing
 * a line take their comma and the space after it, so no dangling comma is left.
 */
final class PythonEdits {
    private static final Set<String> STATEMENT_PARENTS = Set.of("module", "block");

    private final SourceText text;

    PythonEdits(SourceText text) {
        this.text = text;
    }

    SourceText text() {
        return text;
    }

    static TextEdit replace(Node n, String replacement, String ruleId) {
        return TextEdit.replace(n.start(), n.end(), replacement, ruleId);
    }

    /** The elements of an argument list or dict: everything named but comments. */
    static List<Node> elements(Node container) {
        List<Node> out = new ArrayList<>();
        for (Node c : container.namedChildren()) {
            if (!c.is("comment")) {
                out.add(c);
            }
        }
        return out;
    }

    /** The start of the statement holding {@code n}: a TODO comment goes on its own line above it. */
    static int anchor(Node n) {
        Node cur = n;
        while (cur.parent() != null && !STATEMENT_PARENTS.contains(cur.parent().type())) {
            cur = cur.parent();
        }
        return cur.start();
    }

    /** End of {@code element} including a comma that directly follows it (blanks allowed between). */
    private int endWithComma(Node element) {
        Node next = element.nextSibling();
        if (next != null && next.is(",")) {
            return next.end();
        }
        return element.end();
    }

    /** Whether the element (with its comma) has its line(s) to itself, a trailing comment aside. */
    private boolean aloneOnLines(Node element) {
        return text.onlyBlankBefore(element.start()) && text.onlyBlankOrCommentAfter(endWithComma(element), "#");
    }

    /** Edits removing {@code remove} (a subset of {@code container}'s elements). */
    List<TextEdit> removeElements(Node container, Set<Node> remove, String ruleId) {
        List<Node> all = elements(container);
        List<TextEdit> out = new ArrayList<>();
        if (container.is("dictionary") && !all.isEmpty() && remove.containsAll(all)
                && container.namedChildren().size() == all.size() && container.text().startsWith("{") && container.text().endsWith("}")) {
            // A dict emptied of every entry (and holding no comment) becomes {}, not a { } spread over lines.
            out.add(TextEdit.delete(container.start() + 1, container.end() - 1, ruleId));
            return out;
        }
        boolean[] gone = new boolean[all.size()];
        for (int i = 0; i < all.size(); i++) {
            gone[i] = remove.contains(all.get(i));
        }
        int i = 0;
        while (i < all.size()) {
            if (!gone[i]) {
                i++;
                continue;
            }
            Node e = all.get(i);
            if (aloneOnLines(e)) {
                out.add(TextEdit.delete(text.lineStart(e.start()), text.nextLineStart(endWithComma(e)), ruleId));
                i++;
                continue;
            }
            // A run of removed elements sharing lines with others.
            int j = i;
            while (j + 1 < all.size() && gone[j + 1] && !aloneOnLines(all.get(j + 1))) {
                j++;
            }
            Node first = all.get(i);
            Node last = all.get(j);
            if (j + 1 < all.size() && !gone[j + 1]) {
                out.add(TextEdit.delete(first.start(), all.get(j + 1).start(), ruleId));
            } else if (i > 0 && !gone[i - 1]) {
                out.add(TextEdit.delete(all.get(i - 1).end(), last.end(), ruleId));
            } else {
                out.add(TextEdit.delete(first.start(), endWithComma(last), ruleId));
            }
            i = j + 1;
        }
        return out;
    }

    /** Inserts {@code code} as a new element before {@code before}, in the list's own layout. */
    TextEdit insertBefore(Node before, String code, String ruleId) {
        if (text.onlyBlankBefore(before.start())) {
            int ls = text.lineStart(before.start());
            return TextEdit.insert(ls, text.indentation(before.start()) + code + "," + text.lineSeparator(), ruleId);
        }
        return TextEdit.insert(before.start(), code + ", ", ruleId);
    }

    /** Inserts {@code code} as a new element after {@code after}, in the list's own layout. */
    TextEdit insertAfter(Node after, String code, String ruleId) {
        int end = endWithComma(after);
        boolean hasComma = end != after.end();
        if (hasComma && aloneOnLines(after)) {
            return TextEdit.insert(text.nextLineStart(end), text.indentation(after.start()) + code + "," + text.lineSeparator(), ruleId);
        }
        if (hasComma) {
            return TextEdit.insert(end, " " + code + ",", ruleId);
        }
        return TextEdit.insert(after.end(), ", " + code, ruleId);
    }

    /** Inserts into an empty {@code ()} or {@code {}}. */
    static TextEdit insertIntoEmpty(Node container, String code, String ruleId) {
        return TextEdit.insert(container.start() + 1, code, ruleId);
    }
}
