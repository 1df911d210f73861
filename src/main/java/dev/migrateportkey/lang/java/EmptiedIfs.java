package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.expr.UnaryExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.Statement;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * An {@code if} whose only job was setting Portkey headers ({@code if (props.getVirtualKey() != null)
 * { headers.set("x-portkey-virtual-key", ...); }}) is left testing a condition for nothing once
 * they are removed: the whole {@code if} goes, provided it has no {@code else}, no comment of its
 * own inside, and a condition that only reads values (names, fields, getters, comparisons), so
 * nothing the program did is lost. The edits inside are subsumed by the larger removal. Run after
 * all other edits of the file are recorded (and after {@link EmptiedLambdas}).
 */
final class EmptiedIfs {
    /** Calls that only read: besides get/is/has getters. */
    private static final Set<String> READERS = Set.of("equals", "equalsIgnoreCase", "isEmpty", "isBlank",
            "trim", "strip", "length", "size", "contains", "containsKey", "startsWith", "endsWith");

    /** Prefixes of no-argument calls that change something ({@code it.next()}, {@code n.incrementAndGet()}). */
    private static final List<String> MUTATORS = List.of("next", "poll", "pop", "remove", "take", "clear",
            "increment", "decrement", "getAnd", "reset", "close", "read", "create", "build", "new", "start",
            "stop", "run", "call", "execute", "send", "flush", "write", "load", "fetch", "compute", "generate",
            "random", "acquire", "release", "lock", "unlock", "await", "wait", "notify", "shutdown", "open",
            "connect", "init", "refresh", "update", "delete", "save", "put", "add", "set", "apply", "accept");

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;

    EmptiedIfs(FileMigration work, CompilationUnit cu, JavaEdits edits) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
    }

    void run() {
        List<IfStmt> ifs = new ArrayList<>(JavaNodes.all(cu, IfStmt.class));
        // Innermost first, so an outer if holding only an emptied inner one goes too.
        for (int i = ifs.size() - 1; i >= 0; i--) {
            IfStmt s = ifs.get(i);
            if (s.getElseStmt().isPresent() || s.getParentNode().orElse(null) instanceof IfStmt
                    || !isPure(s.getCondition()) || !emptied(s.getThenStmt())) {
                continue;
            }
            edits.removeStatement(s, "header-if").forEach(work::edit);
        }
    }

    /** Whether the migration removed everything {@code body} did. */
    private boolean emptied(Statement body) {
        if (!body.getAllContainedComments().isEmpty()) {
            return false;
        }
        if (body instanceof BlockStmt block) {
            return !block.getStatements().isEmpty() && block.getStatements().stream().allMatch(this::removed);
        }
        return removed(body) || replacedByEmptyBlock(body);
    }

    private boolean removed(Statement s) {
        int start = edits.start(s);
        int end = edits.end(s);
        return work.edits().stream().anyMatch(t -> !t.isInsertion() && t.replacement().isEmpty()
                && t.start() <= start && end <= t.end());
    }

    /** An unbraced body that {@link JavaEdits#removeStatement} turned into {@code { }}. */
    private boolean replacedByEmptyBlock(Statement s) {
        int start = edits.start(s);
        int end = edits.end(s);
        return work.edits().stream().anyMatch(t -> t.start() == start && t.end() == end
                && t.replacement().strip().equals("{ }"));
    }

    /** An expression whose evaluation changes nothing: it only reads values. */
    static boolean isPure(Expression e) {
        if (e instanceof NameExpr || e instanceof ThisExpr || e instanceof LiteralExpr) {
            return true;
        }
        if (e instanceof EnclosedExpr en) {
            return isPure(en.getInner());
        }
        if (e instanceof FieldAccessExpr f) {
            return isPure(f.getScope());
        }
        if (e instanceof UnaryExpr u) {
            return (u.getOperator() == UnaryExpr.Operator.LOGICAL_COMPLEMENT || u.getOperator() == UnaryExpr.Operator.MINUS
                    || u.getOperator() == UnaryExpr.Operator.PLUS) && isPure(u.getExpression());
        }
        if (e instanceof BinaryExpr b) {
            return isPure(b.getLeft()) && isPure(b.getRight());
        }
        if (e instanceof MethodCallExpr m) {
            String name = m.getNameAsString();
            // No-argument calls read (getters, record accessors) unless named like a mutation.
            boolean reader = READERS.contains(name) || (m.getArguments().isEmpty()
                    && MUTATORS.stream().noneMatch(name::startsWith));
            return reader && m.getScope().map(EmptiedIfs::isPure).orElse(true)
                    && m.getArguments().stream().allMatch(EmptiedIfs::isPure);
        }
        return false;
    }
}
