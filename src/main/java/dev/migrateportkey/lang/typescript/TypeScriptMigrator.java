package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.UnparseableFileException;

import java.util.Locale;
import java.util.Set;

/**
 * TypeScript and JavaScript sources ({@code .ts}, {@code .tsx}, {@code .js}, {@code .jsx},
 * {@code .mjs}, {@code .cjs}, {@code .mts}, {@code .cts}): parsed with tree-sitter, rewritten with
 * text edits at node ranges.
 */
public final class TypeScriptMigrator implements Migrator {
    private static final Set<String> EXTENSIONS = Set.of(".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs");

    @Override
    public String language() {
        return "typescript";
    }

    @Override
    public boolean accepts(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (n.endsWith(".d.ts") || n.endsWith(".min.js")) {
            return false;
        }
        int dot = n.lastIndexOf('.');
        return dot >= 0 && EXTENSIONS.contains(n.substring(dot));
    }

    @Override
    public void migrate(FileMigration work) throws UnparseableFileException {
        JsNode root = JsParsing.parse(work.file().text(), JsParsing.grammarFor(work.file().fileName()));
        new JsFileRewriter(work, root).run();
    }
}
