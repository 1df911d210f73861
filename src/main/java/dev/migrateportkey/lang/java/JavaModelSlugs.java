package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.CallableDeclaration;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LambdaExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.config.ProviderResolver;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Model slugs in Java (guide, Step 5). The rewriter reports the provider pins it removes (an
 * {@code x-portkey-provider} or virtual key header, an SDK {@code provider(...)}, an
 * {@code x-portkey-aws-*} header); this class then finds the model strings ({@code .model("...")},
 * {@code .modelName("...")}, {@code "model"} keys of JSON bodies, the constants and variables they
 * come from) and folds the nearest pin into each: the pin of the same builder chain, else of the
 * same method, else of the same class, else of the file. Where the nearest level holds two different
 * providers, the model is left bare (a bare slug works on Concentrate; routing picks the provider).
 * Every model string met is recorded for the report.
 */
final class JavaModelSlugs {
    private static final Set<String> MODEL_METHODS = Set.of("model", "modelName");
    /** A "model" key of a JSON body, in a text block or (escaped) in a string literal. */
    private static final Pattern JSON_MODEL = Pattern.compile("\\\\?\"model\\\\?\"\\s*:\\s*\\\\?\"([^\"\\\\]+)\\\\?\"");
    /** Keys that make a JSON text a Portkey Config rather than a request body. */
    private static final Pattern CONFIG_KEYS = Pattern.compile("\\\\?\"(override_params|targets|strategy|virtual_key)\\\\?\"");

    /** A provider pin at {@code site}; {@code pin} is null where the code chose a provider the tool cannot read. */
    private record Pin(Node site, ProviderPin pin, Rule rule) {
    }

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;
    private final StringResolver strings;
    private final ProviderResolver providers;
    private final ModelSlugs slugs;
    private final List<Pin> pins = new ArrayList<>();
    private final Map<Node, ProviderPin> explicit = new IdentityHashMap<>();
    private final Set<Node> claimed = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Literals already given a slug, and which: one literal feeding two different slugs is left to a human. */
    private final Map<Node, String> rewritten = new IdentityHashMap<>();

    JavaModelSlugs(FileMigration work, CompilationUnit cu, JavaEdits edits, StringResolver strings) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
        this.strings = strings;
        this.providers = new ProviderResolver(work.rules(), work.options().virtualKeys());
        this.slugs = new ModelSlugs(work.rules(), providers, work.options().pinProvider());
    }

    ProviderResolver providers() {
        return providers;
    }

    ModelSlugs slugs() {
        return slugs;
    }

    /**
     * A header or SDK parameter that pinned a provider, at {@code site}: a rule with a prefix
     * ({@code x-portkey-aws-*}) pins that prefix; otherwise {@code value} names the provider or virtual key.
     */
    void pin(Node site, Rule rule, Expression value) {
        if (rule.action() != Action.TO_MODEL_PREFIX) {
            return;
        }
        if (rule.prefix() != null) {
            pins.add(new Pin(site, new ProviderPin(rule.prefix(), rule.primaryMatch(), false), rule));
            return;
        }
        Optional<String> name = value == null ? Optional.empty() : strings.resolve(value);
        if (name.isEmpty()) {
            if (value != null) {
                work.manual(edits.start(value), rule.id(), "the provider comes from '" + edits.source(value) + "', which the"
                        + " tool cannot read, so the model slugs it served stay bare (routing picks a provider); to pin"
                        + " them, write provider/model-id (e.g. bedrock/claude-sonnet-4-6) where the model is chosen");
                // The code did choose a provider here: remember it as unknown, so models near it are not
                // given a provider pinned somewhere else in the class or file.
                pins.add(new Pin(site, null, rule));
            }
            return;
        }
        Optional<ProviderPin> pin = providers.resolve(name.get());
        if (pin.isPresent()) {
            pins.add(new Pin(site, pin.get(), rule));
        } else {
            work.manual(edits.start(value), rule.id(), "'" + name.get() + "' names no provider the tool knows, so the model"
                    + " slugs it served stay bare (routing picks a provider). To keep the pin, run again with --virtual-key "
                    + name.get() + "=PROVIDER (e.g. bedrock)");
            pins.add(new Pin(site, null, rule));
        }
    }

    /** The model at {@code modelArg} is served by {@code pin} (a Config's first target). */
    void pinModel(Expression modelArg, ProviderPin pin) {
        explicit.put(modelArg, pin);
    }

    /** A model argument another part of the migration already set: leave it alone. */
    void claim(Node modelArg) {
        claimed.add(modelArg);
    }

    void run() {
        for (MethodCallExpr call : JavaNodes.all(cu, MethodCallExpr.class)) {
            if (MODEL_METHODS.contains(call.getNameAsString()) && call.getArguments().size() == 1
                    && !claimed.contains(call.getArgument(0))) {
                modelArgument(call.getArgument(0));
            }
            Expression bodyModel = bodyModelValue(call);
            if (bodyModel != null && !claimed.contains(bodyModel)) {
                modelArgument(bodyModel);
            }
        }
        for (Node n : JavaNodes.all(cu, Node.class, x -> x instanceof StringLiteralExpr || x instanceof TextBlockLiteralExpr)) {
            jsonBody((LiteralStringValueExpr) n);
        }
    }

    private void modelArgument(Expression arg) {
        Optional<String> value = strings.resolve(arg);
        if (value.isEmpty()) {
            return;
        }
        ProviderPin pin = explicit.containsKey(arg) ? explicit.get(arg) : pinFor(arg);
        ModelSlugs.Slug slug = slugs.slug(value.get(), pin);
        int at = edits.start(arg);
        work.model(at, value.get(), slug.slug());
        if (slug.slug().equals(value.get())) {
            return;
        }
        Optional<LiteralStringValueExpr> literal = literalOf(arg);
        String subject = "model '" + value.get() + "' becomes '" + slug.slug() + "'" + guessNote(slug);
        Rule rule = ruleFor(slug);
        if (literal.isEmpty() || !(literal.get() instanceof StringLiteralExpr)) {
            work.manual(at, rule.id(), subject + ", but its value comes from elsewhere ('" + edits.source(arg)
                    + "'): change it there. " + rule.note());
            return;
        }
        String before = rewritten.putIfAbsent(literal.get(), slug.slug());
        if (before != null && !before.equals(slug.slug())) {
            work.manual(at, rule.id(), subject + ", but '" + edits.source(arg) + "' also feeds '" + before
                    + "' elsewhere: give each use its own constant");
            return;
        }
        work.fix(at, rule, subject, edits.replace(literal.get(), JavaStrings.quote(slug.slug()), rule.id()));
        reportGuess(at, slug, rule);
    }

    /**
     * The value put under a {@code "model"} key of a body built in code: {@code body.put("model", v)}
     * (Jackson's {@code ObjectNode}, a {@code Map}), {@code Map.of(..., "model", v, ...)} and
     * {@code Map.entry("model", v)}. Such a body is sent by the request next to it, so its model takes
     * that request's provider pin like a {@code .model(...)} argument does; null for any other call.
     */
    private Expression bodyModelValue(MethodCallExpr call) {
        List<Expression> args = call.getArguments();
        String name = call.getNameAsString();
        if ((name.equals("put") || name.equals("entry")) && args.size() == 2) {
            return isModelKey(args.get(0)) ? args.get(1) : null;
        }
        if (name.equals("of") && args.size() % 2 == 0 && call.getScope().filter(s -> s.toString().endsWith("Map")).isPresent()) {
            for (int i = 0; i < args.size(); i += 2) {
                if (isModelKey(args.get(i))) {
                    return args.get(i + 1);
                }
            }
        }
        return null;
    }

    private static boolean isModelKey(Expression key) {
        return key instanceof StringLiteralExpr s && s.getValue().equals("model");
    }

    /** {@code "model": "..."} inside a JSON request body written as a literal. */
    private void jsonBody(LiteralStringValueExpr lit) {
        String source = edits.source(lit);
        if (!source.contains("model") || CONFIG_KEYS.matcher(source).find()) {
            return;
        }
        Matcher m = JSON_MODEL.matcher(source);
        int base = edits.start(lit);
        while (m.find()) {
            String model = m.group(1);
            ModelSlugs.Slug slug = slugs.slug(model, pinFor(lit));
            int at = base + m.start(1);
            work.model(at, model, slug.slug());
            if (!slug.slug().equals(model)) {
                Rule rule = ruleFor(slug);
                work.fix(at, rule, "model '" + model + "' of a JSON body becomes '" + slug.slug() + "'" + guessNote(slug),
                        TextEdit.replace(at, base + m.end(1), slug.slug(), rule.id()));
                reportGuess(at, slug, rule);
            }
        }
    }

    /** Guessed pins already reported, by the name they were guessed from. */
    private final Set<String> guessesReported = new java.util.HashSet<>();

    /**
     * A slug built on a guessed provider is written, and also reported as needing a look (printed by
     * {@code rewrite}), once per virtual key name: the guess must be confirmed by a human.
     */
    private void reportGuess(int at, ModelSlugs.Slug slug, Rule rule) {
        if (slug.guessed() && guessesReported.add(slug.pin().from())) {
            work.manual(at, rule.id(), "model slugs here use the provider " + slug.pin().describe()
                    + "; if the guess is wrong, fix the slug (e.g. '" + slug.slug() + "') by hand");
        }
    }

    private static String guessNote(ModelSlugs.Slug slug) {
        return slug.guessed() ? " (provider " + slug.pin().describe() + ")" : "";
    }

    /** The provider rule behind a slug's prefix, for the finding; the header rule when no provider rule names it. */
    private Rule ruleFor(ModelSlugs.Slug slug) {
        String prefix = slug.pin() != null ? slug.pin().prefix() : slug.slug().substring(0, Math.max(0, slug.slug().indexOf('/')));
        return work.rules().provider(prefix)
                .or(() -> work.rules().requestHeader("x-portkey-provider"))
                .orElseThrow();
    }

    /**
     * The nearest provider pin: same chain, then method, then class, then file; none when that level is
     * ambiguous or holds a provider the tool cannot read. Beyond its own chain, a pin made in a chain that
     * also sets a model is that request's alone: another method's client does not inherit it.
     */
    private ProviderPin pinFor(Node n) {
        Node ownRequest = requestChain(n);
        List<Function<Node, Node>> levels = List.of(
                x -> JavaChains.enclosingChain(x).orElse(null),
                x -> x.findAncestor(a -> a instanceof CallableDeclaration<?> || a instanceof LambdaExpr, Node.class).orElse(null),
                x -> x.findAncestor(TypeDeclaration.class).orElse(null),
                x -> cu);
        boolean chainLevel = true;
        for (Function<Node, Node> level : levels) {
            Node scope = level.apply(n);
            boolean ownLevel = chainLevel;
            chainLevel = false;
            if (scope == null) {
                continue;
            }
            Set<String> prefixes = new LinkedHashSet<>();
            ProviderPin first = null;
            boolean unknown = false;
            for (Pin p : pins) {
                if (!JavaChains.within(p.site(), scope) || (!ownLevel && belongsToOtherRequest(p.site(), ownRequest))) {
                    continue;
                }
                if (p.pin() == null) {
                    unknown = true;
                    continue;
                }
                prefixes.add(p.pin().prefix());
                first = first == null ? p.pin() : first;
            }
            if (unknown || prefixes.size() > 1) {
                return null;
            }
            if (prefixes.size() == 1) {
                return first;
            }
        }
        return null;
    }

    /** Whether a pin sits in a request's builder chain, other than {@code ownRequest}, that sets a model of its own. */
    private static boolean belongsToOtherRequest(Node site, Node ownRequest) {
        Node chain = requestChain(site);
        if (chain == null || chain == ownRequest) {
            return false;
        }
        return chain.findAll(MethodCallExpr.class).stream()
                .anyMatch(c -> MODEL_METHODS.contains(c.getNameAsString()) && c.getArguments().size() == 1);
    }

    /**
     * The outermost chain holding {@code n} within its statement or field ({@code Map.of(...)} inside
     * {@code .customHeaders(...)} of a client builder gives the builder's chain); none outside any call.
     */
    private static Node requestChain(Node n) {
        Node found = null;
        for (Node cur = n; cur != null; cur = cur.getParentNode().orElse(null)) {
            if (cur instanceof com.github.javaparser.ast.stmt.Statement || cur instanceof LambdaExpr
                    || cur instanceof FieldDeclaration || cur instanceof CallableDeclaration<?>) {
                break;
            }
            if (cur instanceof MethodCallExpr m) {
                found = JavaChains.top(m);
            }
        }
        return found;
    }

    /** The string literal a model argument's value is spelled in: itself, or a constant's or local's initializer in this file. */
    private Optional<LiteralStringValueExpr> literalOf(Expression arg) {
        if (arg instanceof LiteralStringValueExpr l) {
            return Optional.of(l);
        }
        String name;
        if (arg instanceof NameExpr ne) {
            name = ne.getNameAsString();
        } else if (arg instanceof FieldAccessExpr fa) {
            name = fa.getNameAsString();
        } else {
            return Optional.empty();
        }
        Node callable = arg.findAncestor(a -> a instanceof CallableDeclaration<?> || a instanceof LambdaExpr, Node.class).orElse(null);
        if (arg instanceof NameExpr && callable != null) {
            for (VariableDeclarator v : callable.findAll(VariableDeclarator.class)) {
                if (v.getNameAsString().equals(name) && !(v.getParentNode().orElse(null) instanceof FieldDeclaration)) {
                    return v.getInitializer().filter(i -> i instanceof LiteralStringValueExpr).map(i -> (LiteralStringValueExpr) i);
                }
            }
        }
        for (FieldDeclaration f : JavaNodes.all(cu, FieldDeclaration.class)) {
            for (VariableDeclarator v : f.getVariables()) {
                if (v.getNameAsString().equals(name) && f.isFinal()) {
                    return v.getInitializer().filter(i -> i instanceof LiteralStringValueExpr).map(i -> (LiteralStringValueExpr) i);
                }
            }
        }
        return Optional.empty();
    }
}
