package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.DataKey;
import com.github.javaparser.ast.Node;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * {@code cu.findAll(type)} answered from one walk of the compilation unit. The rewriters ask for
 * the nodes of a type over the whole file a dozen times each; every {@code findAll} walks the whole
 * tree again (an iterator that copies each node's child list), which cost more than a third of
 * the time spent beyond parsing (docs/performance.md). The tree is never modified (the migrators
 * record text edits), so the pre-order list of its nodes stays valid. Results are in the same
 * pre-order as {@code findAll}'s and are read-only.
 */
final class JavaNodes {
    private static final DataKey<Index> KEY = new DataKey<>() {
    };

    private JavaNodes() {
    }

    /** Same nodes, in the same order, as {@code cu.findAll(type)}. */
    static <T extends Node> List<T> all(CompilationUnit cu, Class<T> type) {
        return index(cu).of(type);
    }

    /** Same nodes, in the same order, as {@code cu.findAll(type, test)}. */
    static <T extends Node> List<T> all(CompilationUnit cu, Class<T> type, Predicate<? super T> test) {
        List<T> out = new ArrayList<>();
        for (T n : all(cu, type)) {
            if (test.test(n)) {
                out.add(n);
            }
        }
        return out;
    }

    /** A field declared in an interface: a constant (public static final) without saying so. */
    static boolean isInterfaceField(com.github.javaparser.ast.body.FieldDeclaration f) {
        return f.getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.ClassOrInterfaceDeclaration c
                && c.isInterface();
    }

    private static Index index(CompilationUnit cu) {
        if (cu.containsData(KEY)) {
            return cu.getData(KEY);
        }
        Index i = new Index(cu);
        cu.setData(KEY, i);
        return i;
    }

    /** One pre-order list of a tree's nodes, and the per-type lists asked for so far. */
    private static final class Index {
        private final List<Node> preorder = new ArrayList<>();
        private final Map<Class<?>, List<? extends Node>> byType = new HashMap<>();

        Index(Node root) {
            add(root);
        }

        // Pre-order, children in getChildNodes() order: what Node.walk(PREORDER, ...) visits.
        // An explicit stack, since deeply nested code must not overflow here either.
        private void add(Node root) {
            java.util.ArrayDeque<Node> stack = new java.util.ArrayDeque<>();
            stack.push(root);
            while (!stack.isEmpty()) {
                Node n = stack.pop();
                preorder.add(n);
                List<Node> kids = n.getChildNodes();
                for (int k = kids.size() - 1; k >= 0; k--) {
                    stack.push(kids.get(k));
                }
            }
        }

        @SuppressWarnings("unchecked")
        <T extends Node> List<T> of(Class<T> type) {
            List<? extends Node> cached = byType.get(type);
            if (cached == null) {
                List<T> out = new ArrayList<>();
                for (Node n : preorder) {
                    if (type.isInstance(n)) {
                        out.add((T) n);
                    }
                }
                cached = Collections.unmodifiableList(out);
                byType.put(type, cached);
            }
            return (List<T>) cached;
        }
    }
}
