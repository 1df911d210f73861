package dev.migrateportkey.lang.treesitter;

import org.treesitter.TSInputEncoding;
import org.treesitter.TSParser;
import org.treesitter.TSTree;

import java.util.EnumMap;
import java.util.Map;

/**
 * The one door to the tree-sitter natives: parses text with a {@link Grammar} into a
 * {@link SyntaxTree}.
 *
 * <p><b>Threads.</b> A tree-sitter parser is not thread-safe, and the natives are built with C
 * assertions live, so a race aborts the whole JVM rather than throwing. Each thread therefore gets
 * its own parser per grammar ({@link ThreadLocal}); migrators run on many threads at once and never
 * share one. A parser lives as long as its thread (the bindings free it with a {@code Cleaner}
 * once the thread and its locals are gone). Trees are confined the same way: see {@link SyntaxTree}.
 * {@code TreeSitterConcurrencyTest} proves the choice by parsing on many threads at once and
 * comparing every tree with a single-threaded parse.
 *
 * <p><b>Offsets.</b> The parser is fed the exact UTF-8 bytes of the text through a reader (not the
 * bindings' {@code parseString}, which passes JNI modified UTF-8), so node byte offsets are true UTF-8
 * offsets, and {@link Utf8Offsets} maps them back to the {@code char} offsets edits use.
 */
public final class TreeSitter {
    /** Bytes handed to the native side per read callback. */
    private static final int READ_CHUNK = 64 * 1024;

    private static final ThreadLocal<Map<Grammar, TSParser>> PARSERS = ThreadLocal.withInitial(() -> new EnumMap<>(Grammar.class));

    private TreeSitter() {
    }

    /**
     * Parses {@code text}. The tree may contain ERROR and MISSING nodes (tree-sitter always
     * produces a tree); ask {@link SyntaxTree#errors()} or {@link SyntaxTree#requireNoErrors()}.
     * The caller must close the tree, on this thread.
     */
    public static SyntaxTree parse(Grammar grammar, String text) {
        Utf8Offsets utf8 = new Utf8Offsets(text);
        byte[] source = utf8.bytes();
        TSParser parser = parser(grammar);
        byte[] chunk = new byte[Math.max(1, Math.min(source.length, READ_CHUNK))];
        // The callback must never throw (a pending Java exception inside a native call is undefined
        // behaviour) and must never return more than chunk.length bytes (the native copy buffer is
        // that size): both hold by construction.
        TSTree tree = parser.parse(chunk, null, (buf, offset, point) -> {
            if (offset < 0 || offset >= source.length) {
                return 0;
            }
            int n = Math.min(buf.length, source.length - offset);
            System.arraycopy(source, offset, buf, 0, n);
            return n;
        }, TSInputEncoding.TSInputEncodingUTF8);
        if (tree == null) {
            // Only possible when parsing is cancelled or timed out, which this class never asks for.
            parser.reset();
            throw new IllegalStateException("tree-sitter returned no tree for " + grammar.label() + " input");
        }
        return new SyntaxTree(grammar, tree, text, utf8);
    }

    private static TSParser parser(Grammar grammar) {
        Map<Grammar, TSParser> mine = PARSERS.get();
        TSParser p = mine.get(grammar);
        if (p == null) {
            p = new TSParser();
            if (!p.setLanguage(grammar.newLanguage())) {
                throw new IllegalStateException("the " + grammar.label()
                        + " grammar's ABI version is not supported by this tree-sitter core; check the pom versions");
            }
            mine.put(grammar, p);
        }
        return p;
    }
}
