package dev.migrateportkey.lang.java;

import com.github.javaparser.Range;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import com.github.javaparser.ast.stmt.BlockStmt;
import com.github.javaparser.ast.stmt.ExpressionStmt;
import com.github.javaparser.ast.stmt.Statement;
import com.github.javaparser.ast.stmt.SwitchEntry;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Turns AST-level intentions (remove this call, these arguments, this statement; replace this
 * node) into text edits on the original text. Removals are line-aware: a call or statement alone
 * on its line takes the line with it, and no dangling {@code .} or {@code ,} is left. The
 * comments of lines that stay are never cut.
 */
final class JavaEdits {
    private final SourceText text;

    JavaEdits(SourceText text) {
        this.text = text;
    }

    int start(Node n) {
        Range r = n.getRange().orElseThrow();
        return text.offset(r.begin.line, r.begin.column);
    }

    /** Exclusive end offset. */
    int end(Node n) {
        Range r = n.getRange().orElseThrow();
        return text.offset(r.end.line, r.end.column) + 1;
    }

    String source(Node n) {
        return text.text().substring(start(n), end(n));
    }

    TextEdit replace(Node n, String replacement, String ruleId) {
        return TextEdit.replace(start(n), end(n), replacement, ruleId);
    }

    /**
     * Edits that make {@code call} disappear: a whole statement, a link of a builder chain, or the
     * body of a one-line lambda. Empty when the call cannot be removed on its own.
     */
    List<TextEdit> removeCall(MethodCallExpr call, String ruleId) {
        Node parent = call.getParentNode().orElse(null);
        // An expression lambda's body is an ExpressionStmt too: h -> h.set(...) is handled as a lambda.
        if (parent instanceof ExpressionStmt stmt && stmt.getParentNode().orElse(null) instanceof LambdaExpr lambda) {
            parent = lambda;
        }
        if (parent instanceof ExpressionStmt stmt) {
            Optional<Expression> scope = call.getScope();
            if (scope.isEmpty() || isInert(scope.get())) {
                return removeStatement(stmt, ruleId);
            }
        }
        if (parent instanceof LambdaExpr lambda && lambda.getBody() instanceof ExpressionStmt) {
            Node lp = lambda.getParentNode().orElse(null);
            if (lp instanceof MethodCallExpr owner && isRemovableLink(owner)) {
                return removeCall(owner, ruleId);
            }
            return List.of(replace(call, "{ }", ruleId));
        }
        if (call.getScope().isPresent()) {
            return removeChainLink(call, ruleId);
        }
        return List.of();
    }

    /**
     * A one-argument call that can go whole because its value is not used: a link of a builder
     * chain ({@code .defaultHeaders(h -> ...)} followed by more calls) or a statement of its own.
     * {@code Future f = pool.submit(() -> ...)} is neither.
     */
    static boolean isRemovableLink(MethodCallExpr owner) {
        if (owner.getArguments().size() != 1 || owner.getScope().isEmpty()) {
            return false;
        }
        Node parent = owner.getParentNode().orElse(null);
        return parent instanceof ExpressionStmt
                || parent instanceof MethodCallExpr next && next.getScope().filter(sc -> sc == owner).isPresent()
                || fluentHeaderLinkUsedAsValue(owner, parent);
    }

    /**
     * {@code .restClientBuilder(RestClient.builder().defaultHeaders(h -> ...))}, or such a chain held
     * by a variable or returned: a header link of a builder chain returns the builder it was called
     * on, so the chain without it is the same value.
     */
    private static boolean fluentHeaderLinkUsedAsValue(MethodCallExpr owner, Node parent) {
        boolean valuePosition = parent instanceof MethodCallExpr m && m.getArguments().stream().anyMatch(a -> a == owner)
                || parent instanceof com.github.javaparser.ast.body.VariableDeclarator
                || parent instanceof com.github.javaparser.ast.stmt.ReturnStmt;
        return valuePosition && owner.getScope().get() instanceof MethodCallExpr
                && owner.getNameAsString().toLowerCase(java.util.Locale.ROOT).contains("header");
    }

    /**
     * A scope whose evaluation has no effect worth keeping, so the statement can go whole: a name,
     * {@code this}, a field, or a no-argument getter on one ({@code request.getHeaders()}).
     */
    private static boolean isInert(Expression e) {
        return e instanceof NameExpr || e instanceof ThisExpr
                || (e instanceof FieldAccessExpr f && isInert(f.getScope()))
                || (e instanceof MethodCallExpr m && m.getArguments().isEmpty() && isGetterName(m.getNameAsString())
                && m.getScope().filter(JavaEdits::isInert).isPresent());
    }

    private static boolean isGetterName(String name) {
        return name.startsWith("get") || name.equals("headers");
    }

    /** Cuts {@code .name(args)} out of {@code scope.name(args)}. */
    List<TextEdit> removeChainLink(MethodCallExpr call, String ruleId) {
        int s = end(call.getScope().orElseThrow());
        int e = end(call);
        int d = dotBefore(start(call.getName()));
        if (d < s) {
            return List.of();
        }
        String t = text.text();
        if (text.onlyBlankBefore(d)) {
            if (text.onlyBlankOrCommentAfter(e, "//")) {
                return List.of(TextEdit.delete(text.lineStart(d), text.nextLineStart(e), ruleId));
            }
            int restAt = skipBlanks(e);
            boolean restIsCall = restAt < t.length() && t.charAt(restAt) == '.';
            boolean gapHasComment = hasComment(s, text.lineStart(d));
            if (restIsCall || gapHasComment) {
                return List.of(TextEdit.delete(d, e, ruleId));
            }
        }
        if (hasComment(s, d)) {
            // A comment between the scope and this link ("/* why */ .putHeader(...)") is the user's and
            // stays; only the link goes, with the blanks right before it. Cutting from the scope's end
            // would also reach into a neighbouring link's whole-line removal.
            int from = d;
            while (from > s && (t.charAt(from - 1) == ' ' || t.charAt(from - 1) == '\t')) {
                from--;
            }
            return List.of(TextEdit.delete(from, e, ruleId));
        }
        return List.of(TextEdit.delete(s, e, ruleId));
    }

    /**
     * Removes a statement. Where Java needs a statement to stay (the body of an unbraced
     * {@code if}/loop, or of a {@code case X ->} arm), it becomes an empty block {@code { }}
     * instead, so the code around keeps its meaning.
     */
    List<TextEdit> removeStatement(Statement stmt, String ruleId) {
        Node parent = stmt.getParentNode().orElse(null);
        boolean inList = parent instanceof BlockStmt
                || (parent instanceof SwitchEntry entry && entry.getType() == SwitchEntry.Type.STATEMENT_GROUP);
        if (!inList) {
            return List.of(replace(stmt, "{ }", ruleId));
        }
        return removeLines(start(stmt), end(stmt), ruleId);
    }

    /** Removes {@code [s, e)}, with its whole lines when nothing else stands on them. */
    List<TextEdit> removeLines(int s, int e, String ruleId) {
        if (text.onlyBlankBefore(s) && text.onlyBlankOrCommentAfter(e, "//")) {
            return List.of(TextEdit.delete(text.lineStart(s), text.nextLineStart(e), ruleId));
        }
        int after = e;
        while (after < text.length() && text.text().charAt(after) == ' ') {
            after++;
        }
        return List.of(TextEdit.delete(s, after, ruleId));
    }

    /**
     * Removes the arguments at {@code indices} from an argument list, with their commas; whole lines
     * go when the removed arguments fill them.
     */
    List<TextEdit> removeArguments(NodeList<? extends Node> args, Set<Integer> indices, String ruleId) {
        List<TextEdit> out = new ArrayList<>();
        int n = args.size();
        int i = 0;
        while (i < n) {
            if (!indices.contains(i)) {
                i++;
                continue;
            }
            int first = i;
            while (i < n && indices.contains(i)) {
                i++;
            }
            int last = i - 1;
            int s = start(args.get(first));
            int e = end(args.get(last));
            if (last + 1 < n) {
                int next = start(args.get(last + 1));
                if (text.onlyBlankBefore(s) && text.line(next) > text.line(e)) {
                    int commaEnd = afterComma(e);
                    if (commaEnd > 0 && text.onlyBlankOrCommentAfter(commaEnd, "//")) {
                        out.add(TextEdit.delete(text.lineStart(s), text.nextLineStart(commaEnd), ruleId));
                        continue;
                    }
                }
                out.add(TextEdit.delete(s, next, ruleId));
            } else if (first > 0) {
                int prevEnd = end(args.get(first - 1));
                out.add(TextEdit.delete(prevEnd, e, ruleId));
            } else {
                out.add(TextEdit.delete(s, e, ruleId));
            }
        }
        return out;
    }

    /** Offset just past the comma that follows {@code e} (blanks allowed), or -1. */
    private int afterComma(int e) {
        int i = skipBlanks(e);
        return i < text.length() && text.text().charAt(i) == ',' ? i + 1 : -1;
    }

    private int skipBlanks(int i) {
        String t = text.text();
        while (i < t.length() && (t.charAt(i) == ' ' || t.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    private int dotBefore(int nameStart) {
        String t = text.text();
        int i = nameStart - 1;
        while (i >= 0 && Character.isWhitespace(t.charAt(i))) {
            i--;
        }
        if (i >= 0 && t.charAt(i) == '>') { // explicit type arguments: .<T>name(
            int depth = 0;
            for (; i >= 0; i--) {
                char c = t.charAt(i);
                if (c == '>') {
                    depth++;
                } else if (c == '<' && --depth == 0) {
                    i--;
                    break;
                }
            }
            while (i >= 0 && Character.isWhitespace(t.charAt(i))) {
                i--;
            }
        }
        return i >= 0 && t.charAt(i) == '.' ? i : -1;
    }

    private boolean hasComment(int s, int e) {
        String gap = text.text().substring(s, Math.max(s, e));
        return gap.contains("//") || gap.contains("/*");
    }

    /** The offset whose line a TODO comment goes above: the statement or declaration holding {@code n}. */
    int anchor(Node n) {
        Node cur = n;
        Node best = null;
        while (cur != null) {
            if (cur instanceof Statement && !(cur instanceof BlockStmt)) {
                best = cur;
                break;
            }
            if (cur instanceof BodyDeclaration<?> || cur instanceof Parameter) {
                best = cur;
                break;
            }
            cur = cur.getParentNode().orElse(null);
        }
        return start(best == null ? n : best);
    }
}
