package dev.migrateportkey.lang.treesitter;

import org.treesitter.TSNode;
import org.treesitter.TSTreeCursor;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A syntax node of a {@link SyntaxTree}, with offsets in {@code char}s of the parsed text (what
 * {@link dev.migrateportkey.edit.TextEdit} wants) and checks that keep callers away from the
 * natives' aborting assertions: every call first checks that its tree is open and on its owning
 * thread, a null node is never handed out (absent children are {@code null}), and indexes are
 * bounds-checked before they reach C.
 */
public final class Node {
    private final SyntaxTree tree;
    private final TSNode raw;
    private final int startByte;
    private final int endByte;
    private final String type;
    private List<Node> children;

    Node(SyntaxTree tree, TSNode raw) {
        this.tree = tree;
        this.raw = raw;
        this.startByte = raw.getStartByte();
        this.endByte = raw.getEndByte();
        this.type = raw.getType();
    }

    public SyntaxTree tree() {
        return tree;
    }

    /** The grammar's name for this node ({@code call}, {@code identifier}, {@code "("}, {@code ERROR}). */
    public String type() {
        return type;
    }

    public boolean is(String t) {
        return type.equals(t);
    }

    public boolean isNamed() {
        tree.check();
        return raw.isNamed();
    }

    /** An ERROR node: text the grammar could not place. */
    public boolean isError() {
        return "ERROR".equals(type);
    }

    /** A token tree-sitter inserted to recover from an error (it has no text). */
    public boolean isMissing() {
        tree.check();
        return raw.isMissing();
    }

    /** Whether this node or a descendant is an ERROR or MISSING node. */
    public boolean hasError() {
        tree.check();
        return raw.hasError();
    }

    public int startByte() {
        return startByte;
    }

    public int endByte() {
        return endByte;
    }

    /** Start offset in {@code char}s of the parsed text. */
    public int start() {
        return tree.offsets().charOffset(startByte);
    }

    /** End offset (exclusive) in {@code char}s of the parsed text. */
    public int end() {
        return tree.offsets().charOffset(endByte);
    }

    /** This node's source text. */
    public String text() {
        return tree.text().substring(start(), end());
    }

    public int childCount() {
        tree.check();
        return raw.getChildCount();
    }

    /** The {@code i}th child (named or not), or null when there is none. */
    public Node child(int i) {
        tree.check();
        if (i < 0 || i >= raw.getChildCount()) {
            return null;
        }
        return tree.wrap(raw.getChild(i));
    }

    /** The field name the grammar gives the {@code i}th child ({@code function}, {@code arguments}...), or null. */
    public String fieldNameOfChild(int i) {
        tree.check();
        if (i < 0 || i >= raw.getChildCount()) {
            return null;
        }
        return raw.getFieldNameForChild(i);
    }

    /**
     * The children (named or not), in order. Walked with a tree cursor: asking a node for child
     * {@code i} or for its next sibling costs O(i) in tree-sitter, which made wide nodes (an ERROR
     * node over 20,000 stray brackets) quadratic.
     */
    public List<Node> children() {
        tree.check();
        if (children == null) {
            List<Node> out = new ArrayList<>();
            try (TSTreeCursor c = new TSTreeCursor(raw)) {
                if (c.gotoFirstChild()) {
                    do {
                        out.add(new Node(tree, c.currentNode()));
                    } while (c.gotoNextSibling());
                }
            }
            children = List.copyOf(out);
        }
        return children;
    }

    /** Children that are named nodes (not punctuation or keywords); comments included. */
    public List<Node> namedChildren() {
        List<Node> out = new ArrayList<>();
        for (Node c : children()) {
            if (c.isNamed()) {
                out.add(c);
            }
        }
        return out;
    }

    /** The child in the grammar field {@code name}, or null. */
    public Node field(String name) {
        tree.check();
        return tree.wrap(raw.getChildByFieldName(name));
    }

    public Node parent() {
        tree.check();
        return tree.wrap(raw.getParent());
    }

    public Node nextSibling() {
        tree.check();
        return tree.wrap(raw.getNextSibling());
    }

    public Node previousSibling() {
        tree.check();
        return tree.wrap(raw.getPrevSibling());
    }

    public Node nextNamedSibling() {
        tree.check();
        return tree.wrap(raw.getNextNamedSibling());
    }

    public Node previousNamedSibling() {
        tree.check();
        return tree.wrap(raw.getPrevNamedSibling());
    }

    /** The nearest ancestor of one of {@code types}, or null. */
    public Node ancestor(Set<String> types) {
        Node p = parent();
        while (p != null && !types.contains(p.type())) {
            p = p.parent();
        }
        return p;
    }

    /**
     * This node and every descendant, in document order (pre-order). One tree cursor walks the
     * whole subtree, iteratively, so neither width nor depth costs more than linear time or any
     * Java stack.
     */
    public List<Node> descendants() {
        tree.check();
        List<Node> out = new ArrayList<>();
        out.add(this);
        try (TSTreeCursor c = new TSTreeCursor(raw)) {
            int depth = 0;
            if (!c.gotoFirstChild()) {
                return out;
            }
            depth++;
            while (true) {
                // A cursor's current node is never null: no isNull round trip through JNI.
                out.add(new Node(tree, c.currentNode()));
                if (c.gotoFirstChild()) {
                    depth++;
                    continue;
                }
                while (!c.gotoNextSibling()) {
                    if (depth == 1 || !c.gotoParent()) {
                        return out;
                    }
                    depth--;
                }
            }
        }
    }

    /** Descendants (this node included) whose type is one of {@code types}, in document order. */
    public List<Node> descendantsOfType(Set<String> types) {
        List<Node> out = new ArrayList<>();
        for (Node n : descendants()) {
            if (types.contains(n.type())) {
                out.add(n);
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && n.tree == tree && n.startByte == startByte && n.endByte == endByte
                && n.type.equals(type);
    }

    @Override
    public int hashCode() {
        return (startByte * 31 + endByte) * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return type + "[" + start() + ", " + end() + ")";
    }
}
