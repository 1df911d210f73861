package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.OpenTodos;
import dev.migrateportkey.plan.Finding;

import java.util.BitSet;
import java.util.List;

/**
 * TypeScript/JavaScript's side of {@link OpenTodos}: a {@code // TODO(concentrate-migration)}
 * comment already in the file is a manual item unless a manual finding of this run lies in the code
 * it sits above (the statement, declaration, import or object entry that follows it, where
 * {@link JsFileContext#anchor} placed it). So a TODO whose Portkey code a human already changed
 * (a Config value filled in, a metadata header renamed) keeps {@code check} failing until the human
 * deletes it, and a TODO above a site still reported is not counted twice.
 */
final class JsOpenTodos {
    private final FileMigration work;
    private final SourceText text;

    JsOpenTodos(FileMigration work) {
        this.work = work;
        this.text = work.text();
    }

    /** Runs after every other pass of the file, so the manual findings of this run are all known. */
    void report(List<JsNode> all) {
        BitSet manualLines = new BitSet();
        for (Finding f : work.findings()) {
            if (f.kind() == Finding.Kind.MANUAL) {
                manualLines.set(f.line());
            }
        }
        for (JsNode c : all) {
            if (!c.is("comment") || !OpenTodos.isTodo(c.text())) {
                continue;
            }
            JsNode below = codeBelow(c);
            if (below != null) {
                int first = manualLines.nextSetBit(text.line(below.start()));
                if (first >= 0 && first <= lastLine(below)) {
                    continue;
                }
            }
            OpenTodos.report(work, c.start(), c.text());
        }
    }

    /** The first sibling after the comment that is not itself a comment, or null when none follows. */
    private static JsNode codeBelow(JsNode comment) {
        JsNode parent = comment.parent();
        if (parent == null) {
            return null;
        }
        boolean after = false;
        for (JsNode sibling : parent.children()) {
            if (sibling == comment) {
                after = true;
            } else if (after && sibling.named() && !sibling.is("comment")) {
                return sibling;
            }
        }
        return null;
    }

    /**
     * The last line a TODO above {@code site} speaks for: the whole statement or entry, but only the
     * header of a function or class (its body holds TODOs of its own).
     */
    private int lastLine(JsNode site) {
        JsNode declaration = site.is("export_statement") && site.child("declaration") != null ? site.child("declaration") : site;
        JsNode body = declaration.child("body");
        if (body != null && (declaration.type().contains("function") || declaration.type().contains("class")
                || declaration.type().contains("method"))) {
            return text.line(body.start());
        }
        return text.line(Math.max(site.start(), site.end() - 1));
    }
}
