package dev.migrateportkey.lang.treesitter;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.UnparseableFileException;
import org.treesitter.TSNode;
import org.treesitter.TSTree;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * A parsed text. It owns native memory: close it (try-with-resources) when done, and use it and
 * its {@link Node}s only on the thread that parsed it. Both rules are checked on every node call
 * and broken ones throw {@link IllegalStateException}, because the natives would otherwise read
 * freed memory or race, and their C assertions abort the JVM.
 */
public final class SyntaxTree implements AutoCloseable {
    private static final int SNIPPET = 30;

    private final Grammar grammar;
    private final TSTree tree;
    private final String text;
    private final Utf8Offsets offsets;
    private final Thread owner = Thread.currentThread();
    private boolean closed;
    private SourceText lines;

    SyntaxTree(Grammar grammar, TSTree tree, String text, Utf8Offsets offsets) {
        this.grammar = grammar;
        this.tree = tree;
        this.text = text;
        this.offsets = offsets;
    }

    public Grammar grammar() {
        return grammar;
    }

    /** The text that was parsed. */
    public String text() {
        return text;
    }

    public Utf8Offsets offsets() {
        return offsets;
    }

    public Node root() {
        check();
        return wrap(tree.getRootNode());
    }

    /**
     * Every place the parser could not make sense of, in document order: each outermost ERROR
     * node (what it holds is not examined further) and each MISSING token.
     */
    public List<SyntaxError> errors() {
        List<SyntaxError> out = new ArrayList<>();
        Node root = root();
        if (!root.hasError()) {
            return out;
        }
        Deque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            Node n = stack.pop();
            if (n.isError()) {
                out.add(error(n.start(), "unexpected " + snippet(n)));
                continue;
            }
            if (n.isMissing()) {
                out.add(error(n.start(), "missing " + n.type()));
                continue;
            }
            if (!n.hasError()) {
                continue;
            }
            List<Node> kids = n.children();
            for (int i = kids.size() - 1; i >= 0; i--) {
                stack.push(kids.get(i));
            }
        }
        return out;
    }

    /** Throws, naming the first error's line and column, when the text did not parse cleanly. */
    public void requireNoErrors() throws UnparseableFileException {
        List<SyntaxError> errors = errors();
        if (!errors.isEmpty()) {
            SyntaxError first = errors.get(0);
            String more = errors.size() > 1 ? " (and " + (errors.size() - 1) + " more)" : "";
            throw new UnparseableFileException(first.line(), first.column(), first.problem() + more);
        }
    }

    private SyntaxError error(int offset, String problem) {
        if (lines == null) {
            lines = new SourceText(text);
        }
        return new SyntaxError(offset, lines.line(offset), lines.column(offset), problem);
    }

    private static String snippet(Node n) {
        String t = n.text().strip();
        int nl = t.indexOf('\n');
        if (nl >= 0) {
            t = t.substring(0, nl).strip();
        }
        if (t.isEmpty()) {
            return "end of input";
        }
        return "'" + (t.length() > SNIPPET ? t.substring(0, SNIPPET) + "..." : t) + "'";
    }

    /** Wraps a native node; null for an absent (null) node. */
    Node wrap(TSNode raw) {
        if (raw == null || raw.isNull()) {
            return null;
        }
        return new Node(this, raw);
    }

    void check() {
        if (closed) {
            throw new IllegalStateException("syntax tree used after close()");
        }
        if (Thread.currentThread() != owner) {
            throw new IllegalStateException("syntax tree used on thread " + Thread.currentThread().getName()
                    + " but parsed on " + owner.getName() + "; trees are not thread-safe");
        }
    }

    @Override
    public void close() {
        if (!closed) {
            check();
            closed = true;
            tree.close();
        }
    }
}
