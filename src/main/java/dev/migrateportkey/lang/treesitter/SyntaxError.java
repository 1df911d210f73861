package dev.migrateportkey.lang.treesitter;

/**
 * Where tree-sitter could not make sense of the text.
 *
 * @param offset  {@code char} offset of the problem
 * @param line    1-based line
 * @param column  1-based column, in {@code char}s
 * @param problem what is wrong, for the user: an unexpected piece of text or a missing token
 */
public record SyntaxError(int offset, int line, int column, String problem) {
}
