package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.treesitter.Grammar;
import dev.migrateportkey.lang.treesitter.SyntaxTree;
import dev.migrateportkey.lang.treesitter.TreeSitter;

/**
 * Python sources: parsed with tree-sitter, rewritten with text edits at node ranges. A file with a
 * syntax error is reported with its position and left unchanged.
 */
public final class PythonMigrator implements Migrator {

    @Override
    public String language() {
        return "python";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.endsWith(".py") || fileName.endsWith(".pyi");
    }

    @Override
    public void migrate(FileMigration work) throws UnparseableFileException {
        try (SyntaxTree tree = TreeSitter.parse(Grammar.PYTHON, work.text().text())) {
            tree.requireNoErrors();
            new PythonFileRewriter(work, tree.root()).run();
        }
    }
}
