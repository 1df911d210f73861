package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.UnparseableFileException;
import org.treesitter.TSLanguage;
import org.treesitter.TSNode;
import org.treesitter.TSParser;
import org.treesitter.TSTree;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;
import org.treesitter.TSInputEncoding;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Parses TypeScript, TSX and JavaScript with tree-sitter and copies the tree into {@link JsNode}s.
 *
 * <p>Tree-sitter parsers and trees are not thread-safe and its native code aborts the JVM on
 * misuse, so each thread gets its own parser per grammar (a {@link ThreadLocal}); the native tree
 * lives only inside {@link #parse} and is closed before it returns. Node offsets come from
 * tree-sitter as UTF-8 byte offsets; they are turned into {@code char} offsets of the decoded text
 * here, once, through a byte-to-char table built while encoding the text.
 */
final class JsParsing {

    /** The grammar a file name needs: TSX and JSX need their own, plain JavaScript the JS one. */
    enum Grammar {
        TYPESCRIPT(TreeSitterTypescript::new),
        TSX(TreeSitterTsx::new),
        JAVASCRIPT(TreeSitterJavascript::new);

        private final ThreadLocal<TSParser> parser;

        Grammar(Supplier<TSLanguage> language) {
            this.parser = ThreadLocal.withInitial(() -> {
                TSParser p = new TSParser();
                p.setLanguage(language.get());
                return p;
            });
        }

        static Grammar forFile(String fileName) {
            String n = fileName.toLowerCase(Locale.ROOT);
            if (n.endsWith(".tsx")) {
                return TSX;
            }
            if (n.endsWith(".ts") || n.endsWith(".mts") || n.endsWith(".cts")) {
                return TYPESCRIPT;
            }
            return JAVASCRIPT;
        }
    }

    private JsParsing() {
    }

    /**
     * The file's syntax tree, or an {@link UnparseableFileException} naming the first place the
     * grammar could not make sense of (nothing in such a file is changed).
     */
    static JsNode parse(String text, Grammar grammar) throws UnparseableFileException {
        Utf8 utf8 = Utf8.encode(text);
        TSParser parser = grammar.parser.get();
        byte[] buffer = new byte[8192];
        byte[] bytes = utf8.bytes;
        TSTree tree = parser.parse(buffer, null, (buf, offset, point) -> {
            if (offset < 0 || offset >= bytes.length) {
                return 0;
            }
            int n = Math.min(buf.length, bytes.length - offset);
            System.arraycopy(bytes, offset, buf, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8);
        if (tree == null) {
            parser.reset();
            throw new UnparseableFileException(1, 1, "the parser gave up on this file");
        }
        try {
            TSNode root = tree.getRootNode();
            if (root.hasError()) {
                TSNode bad = firstError(root);
                SourceText st = new SourceText(text);
                int at = utf8.charOffset(bad.getStartByte());
                String what = bad.isMissing() ? "missing " + bad.getType() : "unexpected syntax";
                throw new UnparseableFileException(st.line(at), st.column(at), what);
            }
            return copy(root, text, utf8);
        } finally {
            tree.close();
        }
    }

    /** The first ERROR or MISSING node in source order. */
    private static TSNode firstError(TSNode root) {
        Deque<TSNode> stack = new ArrayDeque<>();
        stack.push(root);
        while (!stack.isEmpty()) {
            TSNode n = stack.pop();
            if (n.isError() || n.isMissing()) {
                return n;
            }
            if (!n.hasError()) {
                continue;
            }
            for (int i = n.getChildCount() - 1; i >= 0; i--) {
                stack.push(n.getChild(i));
            }
        }
        return root;
    }

    /** Copies the native tree into plain Java nodes, without recursion (deep trees exist). */
    private static JsNode copy(TSNode root, String text, Utf8 utf8) {
        JsNode top = node(root, null, text, utf8);
        Deque<TSNode> natives = new ArrayDeque<>();
        Deque<JsNode> copies = new ArrayDeque<>();
        natives.push(root);
        copies.push(top);
        while (!natives.isEmpty()) {
            TSNode n = natives.pop();
            JsNode c = copies.pop();
            int count = n.getChildCount();
            JsNode[] kids = new JsNode[count];
            for (int i = 0; i < count; i++) {
                TSNode k = n.getChild(i);
                kids[i] = node(k, n.getFieldNameForChild(i), text, utf8);
                c.add(kids[i]);
            }
            for (int i = count - 1; i >= 0; i--) {
                natives.push(n.getChild(i));
                copies.push(kids[i]);
            }
        }
        return top;
    }

    private static JsNode node(TSNode n, String field, String text, Utf8 utf8) {
        return new JsNode(n.getType(), field, n.isNamed(), utf8.charOffset(n.getStartByte()),
                utf8.charOffset(n.getEndByte()), text);
    }

    /** A text's UTF-8 bytes and, for every byte offset, the char offset it falls in. */
    static final class Utf8 {
        final byte[] bytes;
        private final int[] charAt;

        private Utf8(byte[] bytes, int[] charAt) {
            this.bytes = bytes;
            this.charAt = charAt;
        }

        /**
         * Encodes by hand so that the table and the bytes agree exactly (a lone surrogate, which
         * the JDK encoder would turn into '?', is written the same way here: one byte, one char).
         */
        static Utf8 encode(String s) {
            byte[] out = new byte[s.length() * 3 + 1];
            int[] map = new int[s.length() * 3 + 2];
            int b = 0;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                int start = b;
                if (c < 0x80) {
                    out[b++] = (byte) c;
                } else if (c < 0x800) {
                    out[b++] = (byte) (0xC0 | (c >> 6));
                    out[b++] = (byte) (0x80 | (c & 0x3F));
                } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(i + 1));
                    out[b++] = (byte) (0xF0 | (cp >> 18));
                    out[b++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    out[b++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    out[b++] = (byte) (0x80 | (cp & 0x3F));
                    for (int k = start; k < b; k++) {
                        map[k] = i;
                    }
                    i++;
                    continue;
                } else if (Character.isSurrogate(c)) {
                    out[b++] = (byte) '?';
                } else {
                    out[b++] = (byte) (0xE0 | (c >> 12));
                    out[b++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    out[b++] = (byte) (0x80 | (c & 0x3F));
                }
                for (int k = start; k < b; k++) {
                    map[k] = i;
                }
            }
            map[b] = s.length();
            byte[] bytes = java.util.Arrays.copyOf(out, b);
            return new Utf8(bytes, java.util.Arrays.copyOf(map, b + 1));
        }

        /** The char offset of a byte offset (a byte inside a character maps to that character). */
        int charOffset(int byteOffset) {
            if (byteOffset <= 0) {
                return 0;
            }
            return byteOffset >= charAt.length ? charAt[charAt.length - 1] : charAt[byteOffset];
        }
    }
}
