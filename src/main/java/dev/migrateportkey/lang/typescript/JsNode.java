package dev.migrateportkey.lang.typescript;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Predicate;

/**
 * One node of a parsed TypeScript or JavaScript file, copied out of the native tree-sitter tree
 * into plain Java right after parsing: the native tree is then closed, so nothing native is
 * touched while the file is analysed. Offsets are {@code char} offsets into the decoded text
 * (tree-sitter's UTF-8 byte offsets are converted once, in {@link JsParsing}).
 */
final class JsNode {
    private final String type;
    private final String field;
    private final boolean named;
    private final int start;
    private final int end;
    private final String source;
    private JsNode parent;
    private final List<JsNode> children = new ArrayList<>();

    JsNode(String type, String field, boolean named, int start, int end, String source) {
        this.type = type;
        this.field = field;
        this.named = named;
        this.start = start;
        this.end = end;
        this.source = source;
    }

    void add(JsNode child) {
        child.parent = this;
        children.add(child);
    }

    /** The grammar's node type, such as {@code call_expression}, or the token for anonymous nodes. */
    String type() {
        return type;
    }

    boolean is(String t) {
        return type.equals(t);
    }

    /** The field this node fills in its parent ({@code function}, {@code arguments}...), or null. */
    String field() {
        return field;
    }

    boolean named() {
        return named;
    }

    int start() {
        return start;
    }

    int end() {
        return end;
    }

    String text() {
        return source.substring(start, end);
    }

    /** Whether this node lies wholly within one of {@code ranges} (each {@code {start, end}}). */
    boolean insideAny(List<int[]> ranges) {
        for (int[] r : ranges) {
            if (r[0] <= start && end <= r[1]) {
                return true;
            }
        }
        return false;
    }

    JsNode parent() {
        return parent;
    }

    List<JsNode> children() {
        return Collections.unmodifiableList(children);
    }

    /** Named children that are not comments. */
    List<JsNode> namedChildren() {
        List<JsNode> out = new ArrayList<>();
        for (JsNode c : children) {
            if (c.named && !c.type.equals("comment")) {
                out.add(c);
            }
        }
        return out;
    }

    /** The first child filling {@code fieldName}, or null. */
    JsNode child(String fieldName) {
        for (JsNode c : children) {
            if (fieldName.equals(c.field)) {
                return c;
            }
        }
        return null;
    }

    /** The first named child of the given type, or null. */
    JsNode childOfType(String t) {
        for (JsNode c : children) {
            if (c.type.equals(t)) {
                return c;
            }
        }
        return null;
    }

    /** Every node of this subtree (this one first) that satisfies {@code test}, in source order. */
    List<JsNode> findAll(Predicate<JsNode> test) {
        List<JsNode> out = new ArrayList<>();
        ArrayList<JsNode> stack = new ArrayList<>();
        stack.add(this);
        while (!stack.isEmpty()) {
            JsNode n = stack.remove(stack.size() - 1);
            if (test.test(n)) {
                out.add(n);
            }
            for (int i = n.children.size() - 1; i >= 0; i--) {
                stack.add(n.children.get(i));
            }
        }
        return out;
    }

    /** The nearest ancestor (not this node) of one of the given types, or null. */
    JsNode ancestor(Predicate<JsNode> test) {
        for (JsNode p = parent; p != null; p = p.parent) {
            if (test.test(p)) {
                return p;
            }
        }
        return null;
    }

    boolean contains(JsNode other) {
        return start <= other.start && other.end <= end;
    }

    @Override
    public String toString() {
        return type + "[" + start + "," + end + ")";
    }
}
