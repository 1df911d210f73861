package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.BinaryExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.migrateportkey.lang.ProjectIndex;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Works out the string value of an expression where the source pins it down: literals,
 * concatenations, constants of this file, local variables initialised with a literal, and
 * constants of other files through the {@link ProjectIndex} ({@code PortkeyHeaders.API_KEY} or a
 * static import).
 */
final class StringResolver {
    private final ProjectIndex index;
    private final Map<String, Expression> fields = new HashMap<>();
    private final Set<String> resolving = new HashSet<>();

    StringResolver(CompilationUnit cu, ProjectIndex index) {
        this.index = index;
        for (FieldDeclaration f : JavaNodes.all(cu, FieldDeclaration.class)) {
            if (!f.isFinal() && !f.isStatic() && !JavaNodes.isInterfaceField(f)) {
                continue;
            }
            String owner = f.findAncestor(TypeDeclaration.class).map(t -> t.getNameAsString()).orElse(null);
            for (VariableDeclarator v : f.getVariables()) {
                v.getInitializer().ifPresent(init -> {
                    fields.putIfAbsent(v.getNameAsString(), init);
                    if (owner != null) {
                        fields.putIfAbsent(owner + "." + v.getNameAsString(), init);
                    }
                });
            }
        }
    }

    Optional<String> resolve(Expression e) {
        if (e instanceof StringLiteralExpr s) {
            return Optional.of(s.asString());
        }
        if (e instanceof TextBlockLiteralExpr tb) {
            return Optional.of(tb.asString());
        }
        if (e instanceof EnclosedExpr en) {
            return resolve(en.getInner());
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            Optional<String> l = resolve(b.getLeft());
            Optional<String> r = l.isPresent() ? resolve(b.getRight()) : Optional.empty();
            return l.isPresent() && r.isPresent() ? Optional.of(l.get() + r.get()) : Optional.empty();
        }
        if (e instanceof NameExpr n) {
            return resolveName(n.getNameAsString(), e);
        }
        if (e instanceof FieldAccessExpr fa) {
            String q = fa.getScope() + "." + fa.getNameAsString();
            String shortQ = lastSegment(fa.getScope().toString()) + "." + fa.getNameAsString();
            Optional<String> local = field(shortQ);
            if (local.isPresent()) {
                return local;
            }
            return index.constant(shortQ).or(() -> index.constant(q));
        }
        return Optional.empty();
    }

    /** The known leading part of a concatenation, such as {@code "x-portkey-"} in {@code "x-portkey-" + name}. */
    Optional<String> prefix(Expression e) {
        Optional<String> whole = resolve(e);
        if (whole.isPresent()) {
            return whole;
        }
        if (e instanceof BinaryExpr b && b.getOperator() == BinaryExpr.Operator.PLUS) {
            return prefix(b.getLeft());
        }
        return Optional.empty();
    }

    private Optional<String> resolveName(String name, Node at) {
        Optional<Expression> localInit = localVariable(name, at);
        if (localInit.isPresent()) {
            return guarded(name + "@local", localInit.get());
        }
        Optional<String> f = field(name);
        if (f.isPresent()) {
            return f;
        }
        return index.constant(name);
    }

    private Optional<String> field(String name) {
        Expression init = fields.get(name);
        return init == null ? Optional.empty() : guarded(name, init);
    }

    private Optional<String> guarded(String key, Expression init) {
        if (!resolving.add(key)) {
            return Optional.empty();
        }
        try {
            return resolve(init);
        } finally {
            resolving.remove(key);
        }
    }

    /** A local variable of the enclosing method or lambda declared with an initializer. */
    private static Optional<Expression> localVariable(String name, Node at) {
        Node scope = at.findAncestor(n -> n instanceof CallableDeclaration<?> || n instanceof LambdaExpr, Node.class)
                .orElse(null);
        if (scope == null) {
            return Optional.empty();
        }
        return scope.findAll(VariableDeclarator.class).stream()
                .filter(v -> v.getNameAsString().equals(name) && v.getInitializer().isPresent()
                        && v.getParentNode().filter(p -> !(p instanceof FieldDeclaration)).isPresent())
                .map(v -> v.getInitializer().get())
                .findFirst();
    }

    private static String lastSegment(String s) {
        int dot = s.lastIndexOf('.');
        return dot < 0 ? s : s.substring(dot + 1);
    }
}
