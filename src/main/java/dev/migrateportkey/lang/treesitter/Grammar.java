package dev.migrateportkey.lang.treesitter;

import org.treesitter.TSLanguage;
import org.treesitter.TreeSitterJavascript;
import org.treesitter.TreeSitterPython;
import org.treesitter.TreeSitterTsx;
import org.treesitter.TreeSitterTypescript;

import java.util.function.Supplier;

/** The tree-sitter grammars the tool parses with, each from its own {@code io.github.bonede} artifact. */
public enum Grammar {
    PYTHON("python", TreeSitterPython::new),
    /** {@code .ts}, {@code .mts}, {@code .cts}: TypeScript without JSX. */
    TYPESCRIPT("typescript", TreeSitterTypescript::new),
    /** {@code .tsx}: TypeScript with JSX (a separate grammar: {@code <T>x} casts parse differently). */
    TSX("tsx", TreeSitterTsx::new),
    /** {@code .js}, {@code .mjs}, {@code .cjs}, {@code .jsx}: the JavaScript grammar includes JSX. */
    JAVASCRIPT("javascript", TreeSitterJavascript::new);

    private final String label;
    private final Supplier<TSLanguage> language;

    Grammar(String label, Supplier<TSLanguage> language) {
        this.label = label;
        this.language = language;
    }

    /** A short name for messages. */
    public String label() {
        return label;
    }

    /** A new handle on the grammar (loads its native library on first use). */
    TSLanguage newLanguage() {
        return language.get();
    }
}
