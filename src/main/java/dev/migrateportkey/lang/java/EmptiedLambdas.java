package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;

import java.util.List;

/**
 * A block lambda whose every statement the migration removed ({@code defaultHeaders(h -> { h.set(
 * "x-portkey-provider", ...); })}) configures nothing any more: the call it is the only argument of
 * goes with it, as a one-line lambda's does. The edits inside it are dropped by the larger removal.
 * Call after all other edits of the file are recorded.
 */
final class EmptiedLambdas {
    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;

    EmptiedLambdas(FileMigration work, CompilationUnit cu, JavaEdits edits) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
    }

    void run() {
        for (LambdaExpr lambda : JavaNodes.all(cu, LambdaExpr.class)) {
            if (!(lambda.getBody() instanceof BlockStmt block) || block.getStatements().isEmpty()
                    || !block.getStatements().stream().allMatch(this::removed)) {
                continue;
            }
            if (lambda.getParentNode().orElse(null) instanceof MethodCallExpr owner && JavaEdits.isRemovableLink(owner)) {
                List<TextEdit> out = edits.removeCall(owner, "header-lambda");
                out.forEach(work::edit);
            }
        }
    }

    private boolean removed(Statement s) {
        int start = edits.start(s);
        int end = edits.end(s);
        return work.edits().stream().anyMatch(t -> !t.isInsertion() && t.replacement().isEmpty()
                && t.start() <= start && end <= t.end());
    }
}
