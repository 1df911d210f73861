package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.comments.Comment;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.OpenTodos;
import dev.migrateportkey.plan.Finding;

import java.util.BitSet;

/**
 * Java's side of {@link OpenTodos}: a {@code // TODO(concentrate-migration)} comment already in the
 * file is a manual item unless a manual finding of this run lies in the code it sits above (the
 * statement, declaration or parameter starting on the next code line, as {@link JavaEdits#anchor}
 * placed it). So a manual item whose Portkey text went away (a conditional Authorization header,
 * a Config placeholder filled in) keeps {@code check} failing until a human deletes the TODO.
 */
final class JavaOpenTodos {
    private final FileMigration work;
    private final CompilationUnit cu;
    private final SourceText text;

    JavaOpenTodos(FileMigration work, CompilationUnit cu) {
        this.work = work;
        this.cu = cu;
        this.text = work.text();
    }

    /** Runs after every other pass, so the manual findings of this run are all known. */
    void run() {
        BitSet manualLines = new BitSet();
        for (Finding f : work.findings()) {
            if (f.kind() == Finding.Kind.MANUAL) {
                manualLines.set(f.line());
            }
        }
        for (Comment c : cu.getAllComments()) {
            if (!OpenTodos.isTodo(c.getContent()) || c.getRange().isEmpty()) {
                continue;
            }
            int endLine = c.getRange().get().end.line;
            int[] span = codeBelow(endLine);
            if (span != null && manualLines.nextSetBit(span[0]) >= 0 && manualLines.nextSetBit(span[0]) <= span[1]) {
                continue;
            }
            int offset = text.offset(c.getRange().get().begin.line, c.getRange().get().begin.column);
            OpenTodos.report(work, offset, c.getContent());
        }
    }

    /**
     * The lines of the code a comment ending on {@code commentEnd} sits above: from the next line
     * that holds code to the end of the statement, field or parameter starting there; for a type
     * or method, only its header (its body has TODOs of its own). Null when nothing follows.
     */
    private int[] codeBelow(int commentEnd) {
        int line = commentEnd + 1;
        while (line <= text.lineCount()) {
            String l = text.lineText(line).strip();
            if (!l.isEmpty() && !l.startsWith("//") && !l.startsWith("/*") && !l.startsWith("*")) {
                break;
            }
            line++;
        }
        if (line > text.lineCount()) {
            return null;
        }
        int first = line;
        Node site = null;
        for (Node n : JavaNodes.all(cu, Node.class)) {
            if (n.getRange().isEmpty() || n.getRange().get().begin.line != first || n instanceof Comment) {
                continue;
            }
            boolean anchorLike = n instanceof Statement && !(n instanceof BlockStmt)
                    || n instanceof BodyDeclaration<?> || n instanceof Parameter;
            if (anchorLike && (site == null || n.getRange().get().end.isAfter(site.getRange().get().end))) {
                site = n;
            }
        }
        if (site == null) {
            return new int[] {first, first};
        }
        int last = site.getRange().get().end.line;
        if (site instanceof TypeDeclaration<?> || site instanceof CallableDeclaration<?>) {
            last = headerEnd(site);
        }
        return new int[] {first, last};
    }

    /** The line of a type's name, or the line where a method's body opens (its last line when it has none). */
    private static int headerEnd(Node declaration) {
        if (declaration instanceof TypeDeclaration<?> t) {
            return t.getName().getRange().map(r -> r.end.line).orElse(t.getRange().get().begin.line);
        }
        for (Node child : declaration.getChildNodes()) {
            if (child instanceof BlockStmt) {
                return child.getRange().map(r -> r.begin.line).orElse(declaration.getRange().get().end.line);
            }
        }
        return declaration.getRange().get().end.line;
    }
}
