package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.treesitter.Grammar;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.lang.treesitter.SyntaxTree;
import dev.migrateportkey.lang.treesitter.TreeSitter;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;

/**
 * Parses TypeScript, TSX and JavaScript through the shared tree-sitter layer and copies the tree
 * into plain {@link JsNode}s. The native tree is closed before this returns, on the thread that
 * parsed it; the rewriter then works on Java objects only (no native call, no thread rule, and
 * node identity is stable). Offsets are already {@code char} offsets of the text.
 */
final class JsParsing {
    /**
     * Asking tree-sitter for the field name of child {@code i} costs O(i); above this many children
     * (a program, an array or object literal thousands of entries long) field names are not copied.
     * The grammars give no field names to the children of such list-like nodes anyway.
     */
    private static final int FIELD_NAME_LIMIT = 256;

    private JsParsing() {
    }

    /** The grammar a file name needs: TSX and JSX need their own, plain JavaScript the JS one. */
    static Grammar grammarFor(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".tsx")) {
            return Grammar.TSX;
        }
        if (n.endsWith(".ts") || n.endsWith(".mts") || n.endsWith(".cts")) {
            return Grammar.TYPESCRIPT;
        }
        return Grammar.JAVASCRIPT;
    }

    /**
     * The file's syntax tree, or an {@link UnparseableFileException} naming the first place the
     * grammar could not make sense of (nothing in such a file is changed).
     */
    static JsNode parse(String text, Grammar grammar) throws UnparseableFileException {
        try (SyntaxTree tree = TreeSitter.parse(grammar, text)) {
            tree.requireNoErrors();
            return copy(tree.root(), text);
        }
    }

    /** Copies a tree without recursion (deep trees exist). */
    private static JsNode copy(Node root, String text) {
        JsNode top = new JsNode(root.type(), null, true, root.start(), root.end(), text);
        Deque<Node> natives = new ArrayDeque<>();
        Deque<JsNode> copies = new ArrayDeque<>();
        natives.push(root);
        copies.push(top);
        while (!natives.isEmpty()) {
            Node n = natives.pop();
            JsNode c = copies.pop();
            List<Node> kids = n.children();
            boolean fields = kids.size() <= FIELD_NAME_LIMIT;
            JsNode[] made = new JsNode[kids.size()];
            for (int i = 0; i < kids.size(); i++) {
                Node k = kids.get(i);
                made[i] = new JsNode(k.type(), fields ? n.fieldNameOfChild(i) : null, k.isNamed(), k.start(), k.end(), text);
                c.add(made[i]);
            }
            for (int i = kids.size() - 1; i >= 0; i--) {
                natives.push(kids.get(i));
                copies.push(made[i]);
            }
        }
        return top;
    }
}
