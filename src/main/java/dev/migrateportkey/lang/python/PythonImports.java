package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;
import static dev.migrateportkey.lang.python.PythonFileContext.PORTKEY_MODULE;

/**
 * The file's import statements: reads what {@code from portkey_ai import ...} brings in before
 * anything else is rewritten, flags imports of Portkey modules that have no OpenAI equivalent, and
 * at the end replaces each portkey_ai import with what the rewritten file still needs (OpenAI
 * classes, Portkey names left for a human) and adds {@code import os} when an edit reads the key
 * from the environment. It owns imports only: how names are used is recorded in
 * {@link PortkeyNames} by the other handlers.
 */
final class PythonImports extends PythonShapeHandler {
    private final PortkeyNames names;
    private final List<Node> portkeyImports = new ArrayList<>();

    PythonImports(PythonFileContext ctx) {
        super(ctx);
        this.names = ctx.names();
    }

    /** Records the names each portkey_ai import brings in; Portkey submodules are manual items. */
    void collect(List<Node> all) {
        for (Node n : all) {
            if (n.is("import_from_statement")) {
                Node module = n.field("module_name");
                String m = module == null ? "" : module.text();
                if (m.equals(PORTKEY_MODULE)) {
                    portkeyImports.add(n);
                    for (Node name : importedNames(n)) {
                        String orig = name.is("aliased_import") ? name.field("name").text() : name.text();
                        String local = name.is("aliased_import") ? name.field("alias").text() : orig;
                        names.imported(local, orig);
                    }
                    ctx.consume(n);
                } else if (m.startsWith(PORTKEY_MODULE + ".")) {
                    importWithoutEquivalent(n, m);
                }
            } else if (n.is("import_statement")) {
                for (Node name : importedNames(n)) {
                    String orig = name.is("aliased_import") ? name.field("name").text() : name.text();
                    if (orig.equals(PORTKEY_MODULE) || orig.startsWith(PORTKEY_MODULE + ".")) {
                        importWithoutEquivalent(n, orig);
                    }
                }
            }
        }
    }

    private void importWithoutEquivalent(Node stmt, String what) {
        Rule r = ctx.dependencyRule();
        work.manual(stmt.start(), r.id(), "import of " + what + ": " + r.note()
                + " Rewrite its uses by hand (from openai import OpenAI).");
        work.todoAbove(stmt.start(), COMMENT, "replace " + what + " with the OpenAI SDK (from openai import OpenAI) pointed at "
                + baseUrlRule.to(), r.id());
        ctx.consume(stmt);
    }

    private static List<Node> importedNames(Node stmt) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < stmt.childCount(); i++) {
            if ("name".equals(stmt.fieldNameOfChild(i))) {
                out.add(stmt.child(i));
            }
        }
        return out;
    }

    /** Replaces each portkey_ai import with what the file still needs: OpenAI names, and Portkey names left. */
    void rewrite() {
        Set<String> alreadyFromOpenai = openaiImports();
        Rule r = ctx.dependencyRule();
        for (Node stmt : portkeyImports) {
            List<String> openai = new ArrayList<>();
            List<String> portkey = new ArrayList<>();
            for (Node name : importedNames(stmt)) {
                String orig = name.is("aliased_import") ? name.field("name").text() : name.text();
                String local = name.is("aliased_import") ? name.field("alias").text() : orig;
                String alias = local.equals(orig) ? "" : " as " + local;
                if (PortkeyNames.isClientClass(orig)) {
                    if (names.isMigrated(local) || !names.kept(local)) {
                        String target = PortkeyNames.openaiClass(orig) + alias;
                        if (!alreadyFromOpenai.contains(target)) {
                            openai.add(target);
                        }
                    }
                    if (names.kept(local)) {
                        portkey.add(name.text());
                    }
                } else if (orig.equals(PortkeyNames.CREATE_HEADERS) || orig.equals(PortkeyNames.GATEWAY_URL)) {
                    if (names.kept(local)) {
                        portkey.add(name.text());
                    }
                } else {
                    portkey.add(name.text());
                    work.manual(name.start(), r.id(), "portkey_ai." + orig + " has no OpenAI SDK equivalent: " + r.note());
                    work.todoAbove(stmt.start(), COMMENT, "portkey_ai." + orig + " has no OpenAI SDK equivalent; replace its uses by hand", r.id());
                }
            }
            String sep = text.lineSeparator();
            String indent = text.indentation(stmt.start());
            List<String> lines = new ArrayList<>();
            if (!portkey.isEmpty()) {
                lines.add("from " + PORTKEY_MODULE + " import " + String.join(", ", portkey));
            }
            if (!openai.isEmpty()) {
                lines.add("from openai import " + String.join(", ", openai));
            }
            String replacement = String.join(sep + indent, lines);
            if (replacement.equals(stmt.text())) {
                continue;
            }
            List<TextEdit> out = new ArrayList<>();
            if (lines.isEmpty() && text.onlyBlankBefore(stmt.start()) && text.onlyBlankOrCommentAfter(stmt.end(), null)) {
                int end = text.nextLineStart(stmt.end());
                // An import set apart by blank lines inside a function would leave two blank lines
                // behind: the one after it goes too. (Not at module level, where import os may be
                // inserted right after the removed line.)
                if (stmt.parent() != null && stmt.parent().is("block") && blankLineBefore(stmt.start()) && blankLineAt(end)) {
                    end = text.nextLineStart(end);
                }
                out.add(TextEdit.delete(text.lineStart(stmt.start()), end, r.id()));
            } else if (lines.isEmpty()) {
                out.add(TextEdit.replace(stmt.start(), stmt.end(), "pass", r.id()));
            } else {
                out.add(TextEdit.replace(stmt.start(), stmt.end(), replacement, r.id()));
            }
            work.fix(stmt.start(), r, "import from portkey_ai", out);
        }
    }

    /** Whether the line above the one holding {@code offset} is blank. */
    private boolean blankLineBefore(int offset) {
        int line = text.line(offset);
        return line > 1 && text.lineText(line - 1).isBlank();
    }

    /** Whether {@code lineStart} starts a blank line (not the end of the text). */
    private boolean blankLineAt(int lineStart) {
        return lineStart < text.length() && text.lineText(text.line(lineStart)).isBlank();
    }

    /** Names (with {@code as} aliases) the file already imports from openai at module level. */
    private Set<String> openaiImports() {
        Set<String> out = new HashSet<>();
        for (Node stmt : ctx.root().namedChildren()) {
            if (stmt.is("import_from_statement") && stmt.field("module_name") != null
                    && stmt.field("module_name").text().equals("openai")) {
                for (Node name : importedNames(stmt)) {
                    out.add(name.is("aliased_import") ? name.field("name").text() + " as " + name.field("alias").text() : name.text());
                }
            }
        }
        return out;
    }

    /** Adds {@code import os} after the module's last top-level import, when the file has none. */
    void addImportOs() {
        Node lastImport = null;
        Node firstStatement = null;
        for (Node stmt : ctx.root().namedChildren()) {
            if (stmt.is("comment")) {
                continue;
            }
            if (stmt.is("import_statement")) {
                for (Node name : importedNames(stmt)) {
                    if (name.text().equals("os")) {
                        return;
                    }
                }
            }
            if (firstStatement == null && !(stmt.is("expression_statement") && stmt.namedChildren().size() == 1
                    && stmt.namedChildren().get(0).is("string"))) {
                firstStatement = stmt;
            }
            if (stmt.is("import_statement") || stmt.is("import_from_statement") || stmt.is("future_import_statement")) {
                lastImport = stmt;
            }
        }
        String sep = text.lineSeparator();
        Rule r = ctx.apiKeyRule();
        if (lastImport != null) {
            int at = text.nextLineStart(lastImport.end());
            String lead = at == text.length() && text.lineEnd(lastImport.end()) == text.length() ? sep : "";
            work.edit(TextEdit.insert(at, lead + "import os" + (lead.isEmpty() ? sep : ""), r.id()));
        } else {
            int at = firstStatement == null ? text.length() : text.lineStart(firstStatement.start());
            work.edit(TextEdit.insert(at, "import os" + sep, r.id()));
        }
    }
}
