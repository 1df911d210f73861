package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builder chains ({@code X.builder().a(..).b(..).build()}): their links and their ends. */
final class JavaChains {
    private JavaChains() {
    }

    static boolean isOutermost(MethodCallExpr call) {
        return call.getParentNode()
                .filter(p -> p instanceof MethodCallExpr m && m.getScope().filter(s -> s == call).isPresent())
                .isEmpty();
    }

    /** The outermost call of the chain {@code call} is a link of. */
    static MethodCallExpr top(MethodCallExpr call) {
        MethodCallExpr top = call;
        while (!isOutermost(top)) {
            top = (MethodCallExpr) top.getParentNode().orElseThrow();
        }
        return top;
    }

    /** Calls of the chain ending in {@code outermost}, innermost first. */
    static List<MethodCallExpr> links(MethodCallExpr outermost) {
        List<MethodCallExpr> out = new ArrayList<>();
        Expression cur = outermost;
        while (cur instanceof MethodCallExpr m) {
            out.add(0, m);
            cur = m.getScope().orElse(null);
        }
        return out;
    }

    /** The one-argument link named {@code name}, if the chain has one. */
    static Optional<MethodCallExpr> link(List<MethodCallExpr> links, String name) {
        return links.stream().filter(c -> c.getNameAsString().equals(name) && c.getArguments().size() == 1).findFirst();
    }

    /** The chain that holds {@code n} (as a link or inside a link's arguments), if any. */
    static Optional<MethodCallExpr> enclosingChain(Node n) {
        Node cur = n;
        MethodCallExpr found = null;
        while (cur != null) {
            if (cur instanceof MethodCallExpr m) {
                found = top(m);
                break;
            }
            cur = cur.getParentNode().orElse(null);
        }
        return Optional.ofNullable(found);
    }

    /** Whether {@code inner} lies within {@code outer} (or is it). */
    static boolean within(Node inner, Node outer) {
        for (Node cur = inner; cur != null; cur = cur.getParentNode().orElse(null)) {
            if (cur == outer) {
                return true;
            }
        }
        return false;
    }
}
