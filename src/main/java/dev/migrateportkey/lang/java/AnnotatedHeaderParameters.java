package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.migrateportkey.lang.ProjectIndex;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Method parameters that send an {@code x-portkey-*} header by annotation: Retrofit
 * {@code @Header("x-portkey-...")}, Spring {@code @RequestHeader("x-portkey-...")} and JAX-RS
 * (MicroProfile/Quarkus REST client) {@code @HeaderParam("x-portkey-...")} (also
 * {@code name =} / {@code value =}). The index pass records, per method, the parameters that can
 * go without breaking the method (abstract, or unused in its body), so that the declaration and
 * every call site in the tree drop the same positions.
 */
final class AnnotatedHeaderParameters {
    /** Annotation simple names that bind a parameter to a request header. */
    static final Set<String> ANNOTATIONS = Set.of("Header", "RequestHeader", "HeaderParam");

    private AnnotatedHeaderParameters() {
    }

    /** Cheap test before parsing a file in the index pass. */
    static boolean mayDeclare(String text) {
        return (text.contains("@Header") || text.contains("@RequestHeader"))
                && text.toLowerCase(Locale.ROOT).contains("x-portkey-");
    }

    /** Records the methods of {@code cu} with removable Portkey header parameters. */
    static void index(java.nio.file.Path file, CompilationUnit cu, ProjectIndex index) {
        for (MethodDeclaration m : JavaNodes.all(cu, MethodDeclaration.class)) {
            Map<Integer, String> headers = new LinkedHashMap<>();
            for (int i = 0; i < m.getParameters().size(); i++) {
                Parameter p = m.getParameter(i);
                Optional<String> header = literalHeader(p);
                if (header.isPresent() && !usedInBody(m, p)) {
                    headers.put(i, header.get());
                }
            }
            if (!headers.isEmpty()) {
                String owner = m.findAncestor(TypeDeclaration.class).map(t -> t.getNameAsString()).orElse("");
                index.headerParameters(new ProjectIndex.HeaderParameters(owner, m.getNameAsString(),
                        m.getParameters().size(), Map.copyOf(headers)));
                index.headerParameterDeclaredIn(m.getNameAsString(), m.getParameters().size(), file);
            }
        }
    }

    /** The header annotation of a parameter, if it has one. */
    static Optional<AnnotationExpr> headerAnnotation(Parameter p) {
        return p.getAnnotations().stream().filter(a -> ANNOTATIONS.contains(a.getName().getIdentifier())).findFirst();
    }

    /** The expression naming the header in {@code @Header(x)}, {@code @RequestHeader(name = x)} or {@code (value = x)}. */
    static Optional<Expression> headerNameExpression(AnnotationExpr a) {
        if (a instanceof SingleMemberAnnotationExpr s) {
            return Optional.of(s.getMemberValue());
        }
        if (a instanceof NormalAnnotationExpr n) {
            for (MemberValuePair pair : n.getPairs()) {
                String key = pair.getNameAsString();
                if (key.equals("value") || key.equals("name")) {
                    return Optional.of(pair.getValue());
                }
            }
        }
        return Optional.empty();
    }

    /** A header name written as a literal in the parameter's annotation, when it is an x-portkey-* one. */
    private static Optional<String> literalHeader(Parameter p) {
        return headerAnnotation(p).flatMap(AnnotatedHeaderParameters::headerNameExpression)
                .filter(e -> e instanceof StringLiteralExpr)
                .map(e -> ((StringLiteralExpr) e).asString())
                .filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
    }

    private static boolean usedInBody(MethodDeclaration m, Parameter p) {
        return m.getBody().map(b -> !b.findAll(NameExpr.class, n -> n.getNameAsString().equals(p.getNameAsString())).isEmpty())
                .orElse(false);
    }

    /**
     * Whether {@code call} looks like a call of the indexed method: same name and arity, and the
     * calling file declares or names the owner type (an import, a field, {@code create(ChatApi.class)}).
     */
    static boolean isCallOf(MethodCallExpr call, ProjectIndex.HeaderParameters p, CompilationUnit cu, String text) {
        if (!call.getNameAsString().equals(p.method()) || call.getArguments().size() != p.arity()) {
            return false;
        }
        if (call.findAncestor(MethodDeclaration.class).filter(d -> d.getNameAsString().equals(p.method())
                && d.getParameters().size() == p.arity()).isPresent() && call.getScope().isEmpty()) {
            return true; // a recursive or sibling call inside the owner itself
        }
        return mentionsWord(text, p.owner()) || cu.getTypes().stream().anyMatch(t -> t.getNameAsString().equals(p.owner()));
    }

    private static boolean mentionsWord(String text, String word) {
        int i = text.indexOf(word);
        while (i >= 0) {
            boolean before = i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1));
            int end = i + word.length();
            boolean after = end >= text.length() || !Character.isJavaIdentifierPart(text.charAt(end));
            if (before && after) {
                return true;
            }
            i = text.indexOf(word, i + 1);
        }
        return false;
    }

    /** The method a parameter belongs to, if it is a method's (not a lambda's or a constructor's). */
    static Optional<MethodDeclaration> method(Node parameter) {
        return parameter.getParentNode().filter(n -> n instanceof MethodDeclaration).map(n -> (MethodDeclaration) n);
    }
}
