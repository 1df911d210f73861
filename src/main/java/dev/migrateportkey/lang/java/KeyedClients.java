package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.BodyDeclaration;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.InitializerDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.CastExpr;
import com.github.javaparser.ast.expr.EnclosedExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.ObjectCreationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.ThisExpr;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.report.SecretMasker;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Clients that carry an API key of their own ({@code OpenAiApi.builder().apiKey(k)}, Spring AI's
 * {@code new OpenAiApi(baseUrl, key, ...)}): such a client sends {@code Authorization: Bearer key}
 * on every request, over any Authorization header set by hand (Spring AI adds its own unless the
 * request already has one, and a request's header wins over a client builder's default). So when
 * the Portkey key header reaches such a client, the header goes and the client's own key becomes
 * the Concentrate key; a placeholder key ({@code "DUMMY_KEY"}) left in a Portkey file is reported.
 */
final class KeyedClients {
    /**
     * Constructors that take the API key positionally: simple type name to the key's argument
     * index (after the base URL). Spring AI wraps it in {@code new SimpleApiKey(...)} since 1.0.
     */
    private static final Map<String, Integer> KEY_ARGUMENT = Map.of("OpenAiApi", 1);
    /** How far a header map or consumer is followed through variables and builders. */
    private static final int MAX_DEPTH = 8;

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;
    private final StringResolver strings;
    private final Predicate<MethodCallExpr> isKeyMethod;
    private final String keyExpression;

    KeyedClients(FileMigration work, CompilationUnit cu, JavaEdits edits, StringResolver strings,
                 Predicate<MethodCallExpr> isKeyMethod, String keyVariable) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
        this.strings = strings;
        this.isKeyMethod = isKeyMethod;
        this.keyExpression = "System.getenv(\"" + keyVariable + "\")";
    }

    /** {@code new OpenAiApi("https://api.portkey.ai", key, ...)}: the key becomes the Concentrate key, as {@code apiKey(...)} does in a chain. */
    void constructorsPointedAtPortkey(Rule keyRule, Consumer<Node> consume, Predicate<Node> consumed) {
        for (ObjectCreationExpr o : JavaNodes.all(cu, ObjectCreationExpr.class)) {
            Optional<Expression> key = constructorKey(o);
            if (key.isEmpty() || consumed.test(key.get())) {
                continue;
            }
            Optional<String> url = strings.resolve(o.getArgument(0));
            if (url.isPresent() && url.get().toLowerCase(Locale.ROOT).contains("portkey")) {
                useConcentrateKey(key.get(), keyRule, "API key of new " + o.getTypeAsString() + "(...) pointed at Portkey", consume);
            }
        }
    }

    /**
     * The key arguments of the keyed clients a header container reaches, when every use of it
     * that the tool can follow ends at one; empty when any use goes elsewhere (a plain
     * RestTemplate, a method of another class) or it cannot be followed.
     */
    List<Expression> reachedBy(MethodCallExpr headerCall) {
        if (headerCall.getScope().isEmpty() || !(headerCall.getScope().get() instanceof NameExpr container)) {
            return List.of();
        }
        String name = container.getNameAsString();
        List<Expression> keys = new ArrayList<>();
        Optional<LambdaExpr> lambda = headerCall.findAncestor(LambdaExpr.class)
                .filter(l -> l.getParameters().stream().anyMatch(p -> p.getNameAsString().equals(name)));
        boolean all;
        if (lambda.isPresent()) {
            all = flow(lambda.get(), 0, keys);
        } else {
            Optional<VariableDeclarator> local = declaration(headerCall, name);
            all = local.isPresent() && flowName(local.get(), 0, keys);
        }
        return all ? keys : List.of();
    }

    /** Replaces a client's own key with the Concentrate key (unless it already is), as a fix of {@code rule}. */
    void useConcentrateKey(Expression key, Rule rule, String subject, Consumer<Node> consume) {
        if (!edits.source(key).equals(keyExpression)) {
            work.fix(edits.start(key), rule, subject, edits.replace(key, keyExpression, rule.id()));
        }
        consume.accept(key);
    }

    /**
     * A keyed client whose key is a string literal ({@code "DUMMY_KEY"}, {@code "unused"}) in a
     * file that uses Portkey, and that nothing above rewrote: it overrides the Concentrate key.
     */
    void reportLiteralKeys(Rule keyRule, Predicate<Node> consumed, String commentPrefix) {
        if (!work.text().text().toLowerCase(Locale.ROOT).contains("portkey")) {
            return;
        }
        List<Expression> keys = new ArrayList<>();
        for (MethodCallExpr m : JavaNodes.all(cu, MethodCallExpr.class, isKeyMethod)) {
            keys.add(unwrap(m.getArgument(0)));
        }
        for (ObjectCreationExpr o : JavaNodes.all(cu, ObjectCreationExpr.class)) {
            constructorKey(o).ifPresent(keys::add);
        }
        for (Expression key : keys) {
            if (key instanceof StringLiteralExpr lit && !consumed.test(key)) {
                work.manualWithTodo(edits.start(key), edits.anchor(key), keyRule.id(), "this client sends its own key '"
                        + SecretMasker.maskSecret(lit.asString()) + "' as Authorization: Bearer on every request, over any"
                        + " Authorization header set by hand, and Concentrate refuses it: pass " + keyExpression
                        + " here and drop the Authorization (formerly x-portkey-api-key) header", commentPrefix);
            }
        }
    }

    /** The key argument of a keyed constructor, inside {@code new SimpleApiKey(...)} when wrapped. */
    private static Optional<Expression> constructorKey(ObjectCreationExpr o) {
        Integer at = KEY_ARGUMENT.get(o.getType().getNameAsString());
        if (at == null || o.getArguments().size() <= at) {
            return Optional.empty();
        }
        Expression key = unwrap(o.getArgument(at));
        if (key instanceof ObjectCreationExpr noop && noop.getType().getNameAsString().equals("NoopApiKey")) {
            return Optional.empty();
        }
        return Optional.of(key);
    }

    private static Expression unwrap(Expression key) {
        if (key instanceof ObjectCreationExpr w && w.getType().getNameAsString().equals("SimpleApiKey")
                && w.getArguments().size() == 1) {
            return w.getArgument(0);
        }
        return key;
    }

    /** Follows a value to where it is used; true when every path ends at a keyed client. */
    private boolean flow(Node value, int depth, List<Expression> keys) {
        if (depth > MAX_DEPTH) {
            return false;
        }
        Node parent = value.getParentNode().orElse(null);
        if (parent instanceof EnclosedExpr || parent instanceof CastExpr) {
            return flow(parent, depth + 1, keys);
        }
        if (parent instanceof MethodCallExpr m && (m.getScope().filter(s -> s == value).isPresent() || holds(m.getArguments(), value))) {
            return chainEnd(JavaChains.top(m), depth, keys);
        }
        if (parent instanceof ObjectCreationExpr o && holds(o.getArguments(), value)) {
            Optional<Expression> key = constructorKey(o);
            if (key.isPresent()) {
                keys.add(key.get());
                return true;
            }
            return flow(o, depth + 1, keys);
        }
        if (parent instanceof VariableDeclarator vd && vd.getInitializer().filter(i -> i == value).isPresent()) {
            return flowName(vd, depth + 1, keys);
        }
        return false;
    }

    private boolean chainEnd(MethodCallExpr top, int depth, List<Expression> keys) {
        Optional<MethodCallExpr> key = JavaChains.links(top).stream().filter(isKeyMethod).findFirst();
        if (key.isPresent()) {
            keys.add(unwrap(key.get().getArgument(0)));
            return true;
        }
        return flow(top, depth + 1, keys);
    }

    /** Every use of a variable or field as a value (not as the receiver of a call on it) must reach a keyed client. */
    private boolean flowName(VariableDeclarator vd, int depth, List<Expression> keys) {
        String name = vd.getNameAsString();
        Node scope = vd.getParentNode().orElse(null) instanceof FieldDeclaration
                ? vd.findAncestor(TypeDeclaration.class).orElse(null)
                : vd.findAncestor(n -> n instanceof CallableDeclaration<?> || n instanceof LambdaExpr
                        || n instanceof InitializerDeclaration, Node.class).orElse(null);
        if (scope == null) {
            return false;
        }
        List<Expression> uses = new ArrayList<>();
        for (Expression e : scope.findAll(Expression.class, x -> x instanceof NameExpr n && n.getNameAsString().equals(name)
                || x instanceof FieldAccessExpr f && f.getScope() instanceof ThisExpr && f.getNameAsString().equals(name))) {
            boolean receiver = e.getParentNode().filter(p -> p instanceof MethodCallExpr m
                    && m.getScope().filter(s -> s == e).isPresent()).isPresent();
            if (!receiver) {
                uses.add(e);
            }
        }
        if (uses.isEmpty()) {
            return false;
        }
        for (Expression use : uses) {
            if (!flow(use, depth, keys)) {
                return false;
            }
        }
        return true;
    }

    /** The local variable {@code name} declared in the body around {@code at}. */
    private static Optional<VariableDeclarator> declaration(Node at, String name) {
        Node body = at.findAncestor(n -> n instanceof CallableDeclaration<?> || n instanceof InitializerDeclaration
                || n instanceof LambdaExpr, Node.class).orElse(null);
        if (body == null) {
            return Optional.empty();
        }
        return body.findAll(VariableDeclarator.class, v -> v.getNameAsString().equals(name)
                && !(v.getParentNode().orElse(null) instanceof BodyDeclaration<?>)).stream().findFirst();
    }

    private static boolean holds(List<Expression> args, Node value) {
        for (Expression a : args) {
            if (a == value) {
                return true;
            }
        }
        return false;
    }
}
