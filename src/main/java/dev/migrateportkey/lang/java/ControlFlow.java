package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.ConditionalExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.stmt.CatchClause;
import com.github.javaparser.ast.stmt.DoStmt;
import com.github.javaparser.ast.stmt.ForEachStmt;
import com.github.javaparser.ast.stmt.ForStmt;
import com.github.javaparser.ast.stmt.IfStmt;
import com.github.javaparser.ast.stmt.SwitchEntry;
import com.github.javaparser.ast.stmt.WhileStmt;
import com.github.javaparser.ast.expr.SwitchExpr;
import com.github.javaparser.ast.stmt.SwitchStmt;

import java.util.ArrayList;
import java.util.List;

/**
 * Whether two statements of one method run together. Real code sets a provider's auth header per
 * branch ({@code case "PORTKEY": x-portkey-api-key ... default: Authorization: Bearer providerKey});
 * an {@code Authorization} header in another branch belongs to another provider and must not be
 * taken for the Portkey request's own.
 */
final class ControlFlow {
    private ControlFlow() {
    }

    /**
     * Whether {@code a} and {@code b} can never both run for one request: they sit in different
     * branches of one {@code if}/{@code else}, {@code switch} or {@code ?:}.
     */
    static boolean exclusive(Node a, Node b) {
        List<Node> pathA = ancestors(a);
        List<Node> pathB = ancestors(b);
        Node common = null;
        int i = pathA.size() - 1;
        int j = pathB.size() - 1;
        while (i >= 0 && j >= 0 && pathA.get(i) == pathB.get(j)) {
            common = pathA.get(i);
            i--;
            j--;
        }
        if (common == null || i < 0 || j < 0) {
            return false;
        }
        Node childA = pathA.get(i);
        Node childB = pathB.get(j);
        if (common instanceof IfStmt s) {
            return isBranch(s, childA) && isBranch(s, childB);
        }
        if (common instanceof SwitchStmt || common instanceof SwitchExpr) {
            return childA instanceof SwitchEntry && childB instanceof SwitchEntry;
        }
        if (common instanceof ConditionalExpr c) {
            return childA != c.getCondition() && childB != c.getCondition();
        }
        return false;
    }

    /**
     * Whether {@code n} runs whenever the innermost statement list holding both it and
     * {@code other} runs: no branch, loop, lambda or catch lies between that list and {@code n}.
     */
    static boolean unconditionalRelativeTo(Node n, Node other) {
        List<Node> pathOther = ancestors(other);
        for (Node cur = n; cur != null; cur = cur.getParentNode().orElse(null)) {
            if (pathOther.contains(cur)) {
                return true;
            }
            Node parent = cur.getParentNode().orElse(null);
            if (parent instanceof IfStmt s && isBranch(s, cur)
                    || parent instanceof SwitchEntry
                    || parent instanceof ConditionalExpr c && cur != c.getCondition()
                    || parent instanceof ForStmt || parent instanceof ForEachStmt
                    || parent instanceof WhileStmt || parent instanceof DoStmt
                    || parent instanceof LambdaExpr || parent instanceof CatchClause) {
                if (!pathOther.contains(parent)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isBranch(IfStmt s, Node child) {
        return child == s.getThenStmt() || s.getElseStmt().filter(e -> e == child).isPresent();
    }

    /** {@code n} and its ancestors, innermost first. */
    private static List<Node> ancestors(Node n) {
        List<Node> out = new ArrayList<>();
        for (Node cur = n; cur != null; cur = cur.getParentNode().orElse(null)) {
            out.add(cur);
        }
        return out;
    }
}
