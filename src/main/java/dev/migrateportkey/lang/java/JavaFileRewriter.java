package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.NodeList;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.LiteralStringValueExpr;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import com.github.javaparser.ast.expr.TextBlockLiteralExpr;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Portkey sites of one Java file and records what each becomes. It knows Java shapes
 * (calls that set or read headers, key/value lists, client builder chains, literals); the rule
 * table decides what happens to each header, parameter, URL and variable.
 */
final class JavaFileRewriter {
    private static final String COMMENT = "//";
    /** Calls that set a request header from (name, value). */
    private static final Set<String> HEADER_SETTERS = Set.of("header", "headers", "addHeader", "setHeader", "putHeader",
            "defaultHeader", "putAdditionalHeader", "set", "add", "put", "putIfAbsent", "addRequestProperty",
            "setRequestProperty", "append", "withHeader", "addHeaderValue", "setHeaderValue",
            "setDefaultHeader", "addDefaultHeader");
    /** Calls that read a response header by name. */
    private static final Set<String> HEADER_GETTERS = Set.of("header", "getHeader", "firstValue", "allValues", "get",
            "getFirst", "getHeaderField", "getHeaders", "headers", "getValue", "values", "getFirstHeader",
            "getLastHeader", "getHeaderString");
    /** Calls that take alternating names and values. */
    private static final Set<String> PAIR_LISTS = Set.of("of", "headers", "copyOf");
    /** {@code @slug}, alone or as a placeholder default {@code ${name:@slug}}. */
    private static final Pattern CATALOG_PROVIDER = Pattern.compile("(\\$\\{[^:{}]+:)?(@[A-Za-z0-9][A-Za-z0-9_.-]*)(\\})?");
    private static final Pattern PORTKEY_VAR = RuleTable.PORTKEY_VARIABLE;

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;
    private final StringResolver strings;
    private final RuleTable rules;
    /** Nodes whose text an edit already removes or replaces: nothing inside them is reported again. */
    private final Set<Node> consumed = Collections.newSetFromMap(new IdentityHashMap<>());
    private final Set<MethodCallExpr> consumedCalls = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Lists of {@code Map.entry(...)} already handled as a whole. */
    private final Set<MethodCallExpr> entryOwners = Collections.newSetFromMap(new IdentityHashMap<>());
    /** Authorization headers already rewritten to carry the Concentrate key. */
    private final Set<Node> authorizationRewritten = Collections.newSetFromMap(new IdentityHashMap<>());
    private final String keyVariable;
    /** Model slugs (provider pins folded in) and Portkey Configs: see those classes. */
    private final JavaModelSlugs slugs;
    private final JavaImports imports;
    private final JavaConfigEmitter configs;
    private final KeyedClients keyed;

    JavaFileRewriter(FileMigration work, CompilationUnit cu) {
        this.work = work;
        this.cu = cu;
        this.edits = new JavaEdits(work.text());
        this.strings = new StringResolver(cu, work.index());
        this.rules = work.rules();
        this.keyVariable = rules.envVar("PORTKEY_API_KEY").map(Rule::to).filter(t -> t != null).orElse("CONCENTRATE_API_KEY");
        this.slugs = new JavaModelSlugs(work, cu, edits, strings);
        this.imports = new JavaImports(cu, work.text(), edits);
        this.configs = new JavaConfigEmitter(work, cu, edits, strings, slugs, imports);
        this.keyed = new KeyedClients(work, cu, edits, strings, this::isKeyMethod, keyVariable);
    }

    void run() {
        ConstantCleanup constants = new ConstantCleanup(work, cu, edits, strings, this::consume);
        constants.unusedDeclarations();
        new HeaderParameterRewriter(work, cu, edits, strings, this::consume, this::isConsumed).run();
        new StaticHeaderAnnotations(work, cu, edits, this::consume).run();
        RestClientConfigKeys.report(work, cu, edits, COMMENT);
        List<MethodCallExpr> calls = JavaNodes.all(cu, MethodCallExpr.class);
        for (MethodCallExpr call : calls) {
            if (isOutermost(call)) {
                clientChain(call);
                portkeyApiCall(call);
            }
        }
        Optional<Rule> keyRule = rules.sdkParam("apiKey");
        keyRule.ifPresent(r -> keyed.constructorsPointedAtPortkey(r, this::consume, this::isConsumed));
        for (MethodCallExpr call : calls) {
            if (!isConsumed(call)) {
                headerCall(call);
            }
        }
        for (Node lit : JavaNodes.all(cu, Node.class, n -> n instanceof StringLiteralExpr || n instanceof TextBlockLiteralExpr)) {
            if (!isConsumed(lit)) {
                literal((LiteralStringValueExpr) lit);
            }
        }
        keyRule.ifPresent(r -> keyed.reportLiteralKeys(r, this::isConsumed, COMMENT));
        new EmptiedLambdas(work, cu, edits).run();
        new EmptiedIfs(work, cu, edits).run();
        PortkeySdkImports.report(work, cu, edits, keyVariable, COMMENT);
        constants.staleStaticImports();
        Set<String> keyRules = new HashSet<>();
        rules.requestHeader("x-portkey-api-key").ifPresent(r -> keyRules.add(r.id()));
        keyRule.ifPresent(r -> keyRules.add(r.id()));
        constants.spentKeyConstants(keyRules);
        slugs.run();
        imports.edits("header-config").forEach(work::edit);
    }

    // ---------------------------------------------------------------- client builder chains

    /** A builder chain pointed at Portkey: its key and base-URL calls follow the sdk-param rules. */
    private void clientChain(MethodCallExpr outermost) {
        List<MethodCallExpr> chain = chain(outermost);
        if (chain.size() < 2 || !mentionsPortkey(chain)) {
            return;
        }
        for (MethodCallExpr call : chain) {
            if (call.getArguments().size() != 1) {
                continue;
            }
            Optional<Rule> rule = rules.sdkParam(call.getNameAsString())
                    .filter(r -> r.match().contains(call.getNameAsString()));
            if (rule.isEmpty()) {
                continue;
            }
            Rule r = rule.get();
            Expression arg = call.getArgument(0);
            String subject = call.getNameAsString() + "(...) of a client pointed at Portkey";
            switch (r.action()) {
                case TO_AUTHORIZATION -> {
                    String env = "System.getenv(\"" + keyVariable + "\")";
                    if (!edits.source(arg).equals(env)) {
                        work.fix(edits.start(call.getName()), r, subject, edits.replace(arg, env, r.id()));
                        consume(arg);
                    }
                }
                case REPLACE_URL -> {
                    if (!containsRewritableLiteral(arg)) {
                        Optional<String> v = strings.resolve(arg);
                        if (v.isEmpty() || rules.rewriteUrls(v.get()).equals(v.get()) && !v.get().contains("concentrate")) {
                            work.manualWithTodo(edits.start(arg), edits.anchor(call), r,
                                    "base URL from '" + edits.source(arg) + "'", COMMENT);
                        }
                    }
                }
                case DROP, TO_MODEL_PREFIX -> {
                    slugs.pin(call, r, arg);
                    remove(call, r, call.getNameAsString() + "(...)");
                }
                case DECOMPOSE_CONFIG -> config(call, arg, r, call.getNameAsString() + "(...)");
                case KEEP, CHECKLIST -> {
                }
                default -> manual(call, r, call.getNameAsString() + "(...)");
            }
        }
    }

    private boolean containsRewritableLiteral(Expression arg) {
        for (Node n : arg.findAll(Node.class, x -> x instanceof StringLiteralExpr)) {
            String v = ((StringLiteralExpr) n).asString();
            if (!rules.rewriteUrls(v).equals(v) || PORTKEY_VAR.matcher(v).find()) {
                return true;
            }
        }
        Optional<String> resolved = strings.resolve(arg);
        return resolved.isPresent() && !arg.isStringLiteralExpr() && !rules.rewriteUrls(resolved.get()).equals(resolved.get());
    }

    private boolean mentionsPortkey(List<MethodCallExpr> chain) {
        for (MethodCallExpr call : chain) {
            for (Expression arg : call.getArguments()) {
                for (Expression e : arg.findAll(Expression.class,
                        x -> x instanceof StringLiteralExpr || x instanceof NameExpr || x instanceof FieldAccessExpr)) {
                    Optional<String> v = strings.resolve(e);
                    if (v.isPresent() && v.get().toLowerCase(Locale.ROOT).contains("portkey")) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- Portkey-only APIs

    private void portkeyApiCall(MethodCallExpr outermost) {
        String path = dottedPath(outermost);
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            for (String m : r.match()) {
                if (m.startsWith("/")) {
                    continue;
                }
                String p = m.toLowerCase(Locale.ROOT);
                String lp = path.toLowerCase(Locale.ROOT);
                if (lp.equals(p) || lp.endsWith("." + p)) {
                    manual(outermost, r, path + "(...)");
                    return;
                }
            }
        }
    }

    private static String dottedPath(Expression e) {
        if (e instanceof MethodCallExpr m) {
            return m.getScope().map(s -> dottedPath(s) + ".").orElse("") + m.getNameAsString();
        }
        if (e instanceof FieldAccessExpr f) {
            return dottedPath(f.getScope()) + "." + f.getNameAsString();
        }
        if (e instanceof NameExpr n) {
            return n.getNameAsString();
        }
        return "";
    }

    // ---------------------------------------------------------------- header calls

    private void headerCall(MethodCallExpr call) {
        String name = call.getNameAsString();
        NodeList<Expression> args = call.getArguments();
        if (args.size() == 2 && name.equals("entry")) {
            if (call.getParentNode().orElse(null) instanceof MethodCallExpr owner && indexOf(owner.getArguments(), call) >= 0) {
                if (entryOwners.add(owner)) {
                    entryList(owner);
                }
            } else {
                mapEntry(call);
            }
        } else if (args.size() == 2 && HEADER_SETTERS.contains(name)) {
            headerSetter(call);
        } else if (args.size() >= 2 && args.size() % 2 == 0 && PAIR_LISTS.contains(name)) {
            pairList(call);
        } else if (args.size() == 1 && HEADER_GETTERS.contains(name)) {
            headerGetter(call);
        }
    }

    /** The x-portkey-* header an expression names, if it names one. */
    private Optional<String> portkeyHeader(Expression e) {
        return strings.resolve(e).filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
    }

    private boolean namesPartialPortkeyHeader(Expression e) {
        return strings.resolve(e).isEmpty()
                && strings.prefix(e).filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-")).isPresent();
    }

    private void headerSetter(MethodCallExpr call) {
        Expression nameArg = call.getArgument(0);
        Optional<String> header = portkeyHeader(nameArg);
        if (header.isEmpty()) {
            if (namesPartialPortkeyHeader(nameArg)) {
                Rule r = rules.requestHeader("x-portkey-*").orElseThrow();
                work.manualWithTodo(edits.start(nameArg), edits.anchor(call), r,
                        "header name built at run time ('" + edits.source(nameArg) + "')", COMMENT);
                consume(nameArg);
            }
            return;
        }
        Optional<Rule> rule = rules.requestHeader(header.get());
        if (rule.isEmpty()) {
            return;
        }
        Rule r = rule.get();
        String subject = header.get() + " header";
        switch (r.action()) {
            case DROP, TO_MODEL_PREFIX -> {
                slugs.pin(call, r, call.getArgument(1));
                remove(call, r, subject);
            }
            case DECOMPOSE_CONFIG -> config(call, call.getArgument(1), r, subject);
            case RENAME_HEADER -> {
                work.fix(edits.start(nameArg), r, subject, edits.replace(nameArg, JavaStrings.quote(r.to()), r.id()));
                consume(nameArg);
            }
            case TO_AUTHORIZATION -> toAuthorization(call, r, subject);
            default -> manual(call, r, subject);
        }
    }

    /** The Portkey key header: the Concentrate key travels as Authorization: Bearer instead. */
    private void toAuthorization(MethodCallExpr call, Rule r, String subject) {
        List<MethodCallExpr> chain = chainOrSiblings(call);
        boolean hasKeyMethod = chain.stream().anyMatch(this::isKeyMethod);
        if (!hasKeyMethod) {
            // A header map or consumer handed (through variables and builders) to clients that
            // carry a key of their own: they send that key, so it must be the Concentrate key.
            List<Expression> keys = keyed.reachedBy(call);
            Optional<Rule> keyRule = rules.sdkParam("apiKey");
            if (!keys.isEmpty() && keyRule.isPresent()) {
                for (Expression key : keys) {
                    if (!isConsumed(key)) {
                        keyed.useConcentrateKey(key, keyRule.get(), "API key of the client the " + header(call)
                                + " header reaches", this::consume);
                    }
                }
                hasKeyMethod = true;
            }
        }
        // An Authorization header in another branch (switch case, else) serves another provider.
        MethodCallExpr authorization = chain.stream()
                .filter(c -> c != call && isAuthorizationSetter(c) && !ControlFlow.exclusive(c, call))
                .findFirst().orElse(null);
        if (authorization != null && !(ControlFlow.unconditionalRelativeTo(authorization, call)
                && ControlFlow.unconditionalRelativeTo(call, authorization))) {
            // Set on another path than the key header (BYOK: a provider key, only sometimes): the
            // key header becomes Authorization where it stands, and the other one is for a human.
            if (!authorizationRewritten.contains(authorization)) {
                conditionalAuthorization(authorization, call, r);
            }
            authorization = null;
            hasKeyMethod = false;
        }
        String bearer = bearerExpression();
        if (authorization != null && isBearerSetter(authorization)) {
            // Spring's HttpHeaders.setBearerAuth(token): the token alone, "Bearer " is added for us.
            bearer = "System.getenv(\"" + keyVariable + "\")";
        }
        if (authorization != null) {
            List<TextEdit> out = new ArrayList<>(edits.removeCall(call, r.id()));
            if (out.isEmpty()) {
                manual(call, r, subject);
                return;
            }
            if (authorizationRewritten.add(authorization)) {
                Expression value = authorization.getArgument(authorization.getArguments().size() - 1);
                if (!edits.source(value).equals(bearer)) {
                    out.add(edits.replace(value, bearer, r.id()));
                    consume(value);
                }
            }
            work.fix(edits.start(call.getName()), r, subject, out);
            consume(call);
        } else if (hasKeyMethod) {
            remove(call, r, subject);
        } else {
            int s = edits.start(call.getArgument(0));
            int e = edits.end(call.getArgument(1));
            work.fix(s, r, subject, TextEdit.replace(s, e, "\"Authorization\", " + bearer, r.id()));
            call.getArguments().forEach(this::consume);
        }
    }

    private String header(MethodCallExpr call) {
        return portkeyHeader(call.getArgument(0)).orElse("key");
    }

    private boolean isAuthorizationSetter(MethodCallExpr c) {
        return isBearerSetter(c) || c.getArguments().size() == 2 && HEADER_SETTERS.contains(c.getNameAsString())
                && strings.resolve(c.getArgument(0)).filter(v -> v.equalsIgnoreCase("Authorization")).isPresent();
    }

    /**
     * An Authorization header set on the same request as the Portkey key header, but not always
     * together with it: in BYOK mode it carried the provider's key, which Concentrate refuses.
     */
    private void conditionalAuthorization(MethodCallExpr authorization, MethodCallExpr keyHeader, Rule r) {
        authorizationRewritten.add(authorization);
        Expression value = authorization.getArgument(authorization.getArguments().size() - 1);
        if (edits.source(value).contains(keyVariable)) {
            return;
        }
        int keyLine = work.text().line(edits.start(keyHeader.getName()));
        work.manualWithTodo(edits.start(authorization.getName()), edits.anchor(authorization), r.id(),
                "this Authorization header is set on another path than the Portkey key header on line "
                        + keyLine + " (which now sends the Concentrate key); a provider key sent here gets"
                        + " a 401 from Concentrate: remove it, or send System.getenv(\"" + keyVariable + "\")",
                COMMENT);
        consume(value);
    }

    /** {@code headers.setBearerAuth(token)}: an Authorization header already set (BYOK with Spring). */
    private static boolean isBearerSetter(MethodCallExpr c) {
        return c.getNameAsString().equals("setBearerAuth") && c.getArguments().size() == 1;
    }

    private void headerGetter(MethodCallExpr call) {
        Expression nameArg = call.getArgument(0);
        Optional<String> header = portkeyHeader(nameArg);
        if (header.isEmpty()) {
            return;
        }
        Optional<Rule> rule = rules.responseHeader(header.get());
        if (rule.isEmpty()) {
            return;
        }
        Rule r = rule.get();
        String subject = header.get() + " response header";
        switch (r.action()) {
            case RENAME_HEADER -> {
                work.fix(edits.start(nameArg), r, subject, edits.replace(nameArg, JavaStrings.quote(r.to()), r.id()));
                consume(nameArg);
            }
            case KEEP, CHECKLIST -> consume(nameArg);
            default -> manual(call, r, subject);
        }
    }

    /** One header of a key/value list: its name, its value, and the arguments of the list it takes up. */
    private record Pair(Expression key, Expression value, Node whole, Set<Integer> argIndices) {
    }

    /** {@code Map.of(k, v, ...)}, {@code Headers.of(...)}, {@code headers(k, v, ...)}. */
    private void pairList(MethodCallExpr call) {
        NodeList<Expression> args = call.getArguments();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 2) {
            pairs.add(new Pair(args.get(i), args.get(i + 1), null, Set.of(i, i + 1)));
        }
        pairs(call, pairs);
    }

    /** {@code Map.ofEntries(Map.entry(k, v), ...)}: all its entries are handled together. */
    private void entryList(MethodCallExpr owner) {
        NodeList<Expression> args = owner.getArguments();
        List<Pair> pairs = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i) instanceof MethodCallExpr e && e.getNameAsString().equals("entry") && e.getArguments().size() == 2) {
                pairs.add(new Pair(e.getArgument(0), e.getArgument(1), e, Set.of(i)));
            }
        }
        pairs(owner, pairs);
    }

    private void pairs(MethodCallExpr call, List<Pair> pairs) {
        NodeList<Expression> args = call.getArguments();
        Set<Integer> removed = new TreeSet<>();
        List<TextEdit> out = new ArrayList<>();
        List<Runnable> findings = new ArrayList<>();
        Pair authorizationPair = null;
        boolean any = false;
        for (Pair p : pairs) {
            if (strings.resolve(p.key()).filter(v -> v.equalsIgnoreCase("Authorization")).isPresent()) {
                authorizationPair = p;
            }
        }
        for (Pair p : pairs) {
            Expression key = p.key();
            Optional<String> header = portkeyHeader(key);
            if (header.isEmpty()) {
                continue;
            }
            any = true;
            Rule r = rules.requestHeader(header.get()).orElse(null);
            if (r == null) {
                continue;
            }
            String subject = header.get() + " header";
            int at = edits.start(key);
            switch (r.action()) {
                case DROP, TO_MODEL_PREFIX -> {
                    slugs.pin(key, r, p.value());
                    removed.addAll(p.argIndices());
                    findings.add(() -> work.fix(at, r, subject));
                }
                case DECOMPOSE_CONFIG -> {
                    if (configs.config(key, p.value(), r) == JavaConfigEmitter.Outcome.REMOVE) {
                        removed.addAll(p.argIndices());
                        findings.add(() -> work.fix(at, r, subject));
                    }
                }
                case RENAME_HEADER -> {
                    out.add(edits.replace(key, JavaStrings.quote(r.to()), r.id()));
                    findings.add(() -> work.fix(at, r, subject));
                }
                case TO_AUTHORIZATION -> {
                    String bearer = bearerExpression();
                    if (authorizationPair != null || clientHasKeyMethod(call)) {
                        removed.addAll(p.argIndices());
                        if (authorizationPair != null && !edits.source(authorizationPair.value()).equals(bearer)) {
                            out.add(edits.replace(authorizationPair.value(), bearer, r.id()));
                        }
                    } else {
                        out.add(TextEdit.replace(at, edits.end(p.value()), "\"Authorization\", " + bearer, r.id()));
                    }
                    findings.add(() -> work.fix(at, r, subject));
                }
                default -> findings.add(() -> work.manualWithTodo(at, edits.anchor(call), r, subject, COMMENT));
            }
            if (p.whole() != null) {
                consume(p.whole());
            }
            consume(key);
            consume(p.value());
        }
        if (!any) {
            return;
        }
        if (removed.size() == args.size()) {
            Optional<MethodCallExpr> owner = soleArgumentOf(call);
            if (owner.isPresent() && !(owner.get().getNameAsString().equals("of"))) {
                List<TextEdit> drop = edits.removeCall(owner.get(), "header-map");
                if (!drop.isEmpty()) {
                    findings.forEach(Runnable::run);
                    drop.forEach(work::edit);
                    consume(owner.get());
                    return;
                }
            }
            if (call.getNameAsString().equals("headers")) {
                List<TextEdit> drop = edits.removeCall(call, "header-map");
                if (!drop.isEmpty()) {
                    findings.forEach(Runnable::run);
                    drop.forEach(work::edit);
                    consume(call);
                    return;
                }
            }
        }
        out.addAll(edits.removeArguments(args, removed, "header-map"));
        findings.forEach(Runnable::run);
        out.forEach(work::edit);
    }

    /** {@code Map.entry("x-portkey-...", v)} inside {@code Map.ofEntries(...)}. */
    private void mapEntry(MethodCallExpr entry) {
        Expression key = entry.getArgument(0);
        Optional<String> header = portkeyHeader(key);
        if (header.isEmpty()) {
            return;
        }
        Rule r = rules.requestHeader(header.get()).orElse(null);
        if (r == null) {
            return;
        }
        String subject = header.get() + " header";
        Node parent = entry.getParentNode().orElse(null);
        switch (r.action()) {
            case DROP, TO_MODEL_PREFIX -> {
                slugs.pin(entry, r, entry.getArgument(1));
                if (parent instanceof MethodCallExpr owner && owner.getArguments().contains(entry)) {
                    int idx = indexOf(owner.getArguments(), entry);
                    work.fix(edits.start(key), r, subject, edits.removeArguments(owner.getArguments(), Set.of(idx), r.id()));
                    consume(entry);
                } else {
                    manual(entry, r, subject);
                }
            }
            case RENAME_HEADER -> {
                work.fix(edits.start(key), r, subject, edits.replace(key, JavaStrings.quote(r.to()), r.id()));
                consume(key);
            }
            case TO_AUTHORIZATION -> {
                String bearer = bearerExpression();
                int s = edits.start(key);
                work.fix(s, r, subject, TextEdit.replace(s, edits.end(entry.getArgument(1)), "\"Authorization\", " + bearer, r.id()));
                consume(entry);
            }
            default -> manual(entry, r, subject);
        }
    }

    private static int indexOf(NodeList<Expression> list, Node n) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i) == n) {
                return i;
            }
        }
        return -1;
    }

    private boolean clientHasKeyMethod(MethodCallExpr inner) {
        Node p = inner.getParentNode().orElse(null);
        while (p instanceof MethodCallExpr || p instanceof Expression) {
            if (p instanceof MethodCallExpr m && isOutermost(m)) {
                return chain(m).stream().anyMatch(this::isKeyMethod);
            }
            p = p.getParentNode().orElse(null);
        }
        return false;
    }

    /** The Authorization value that carries the Concentrate key. */
    private String bearerExpression() {
        return "\"Bearer \" + System.getenv(\"" + keyVariable + "\")";
    }

    /** A one-argument call named like an SDK key parameter ({@code apiKey(...)}): it carries the key itself. */
    private boolean isKeyMethod(MethodCallExpr c) {
        String name = c.getNameAsString();
        return c.getArguments().size() == 1 && rules.sdkParam(name)
                .filter(x -> x.action() == Action.TO_AUTHORIZATION && x.match().contains(name)).isPresent();
    }

    private static Optional<MethodCallExpr> soleArgumentOf(Expression e) {
        return e.getParentNode().filter(p -> p instanceof MethodCallExpr m && m.getArguments().size() == 1
                        && m.getArgument(0) == e && m.getScope().isPresent())
                .map(p -> (MethodCallExpr) p);
    }

    // ---------------------------------------------------------------- literals

    private void literal(LiteralStringValueExpr lit) {
        String value = lit instanceof StringLiteralExpr s ? s.asString() : ((TextBlockLiteralExpr) lit).asString();
        String lower = value.toLowerCase(Locale.ROOT);
        if (lit instanceof StringLiteralExpr && catalogProvider(lit, value)) {
            return;
        }
        if (!lower.contains("portkey")) {
            return;
        }
        String source = edits.source(lit);
        Rule urlRule = null;
        if (lower.contains("api.portkey.ai")) {
            Optional<Rule> api = portkeyApiPath(value);
            if (api.isPresent()) {
                manual(lit, api.get(), "Portkey-only endpoint");
                return;
            }
            String rewritten = rules.rewriteUrls(source);
            if (!rewritten.equals(source)) {
                urlRule = rules.baseUrl(value.substring(lower.indexOf("http"))).orElse(null);
                if (urlRule != null) {
                    source = rewritten;
                }
            }
        }
        if (lower.startsWith("x-portkey-")) {
            Rule r = rules.requestHeader(value).orElse(null);
            if (r != null && r.action() != Action.KEEP) {
                work.manualWithTodo(edits.start(lit), edits.anchor(lit),
                        r, value + " named outside a header call the tool recognises", COMMENT);
            }
            return;
        }
        // A literal can hold both a URL and a variable name: "${PORTKEY_BASE_URL:https://api.portkey.ai/v1}".
        RuleTable.VariableRenames renamed = rules.renameVariables(source);
        renamed.manual().forEach((name, r) ->
                work.manualWithTodo(edits.start(lit), edits.anchor(lit), r, name + " read here", COMMENT));
        List<Rule> applied = renamed.applied();
        source = renamed.text();
        if (urlRule == null && applied.isEmpty()) {
            return;
        }
        TextEdit edit = edits.replace(lit, source, (urlRule != null ? urlRule : applied.get(0)).id());
        if (urlRule != null) {
            work.fix(edits.start(lit), urlRule, "Portkey gateway URL", edit);
        }
        if (!applied.isEmpty()) {
            Rule r = applied.get(0);
            if (urlRule == null) {
                work.fix(edits.start(lit), r, "environment variable " + value.strip(), edit);
            } else {
                work.fix(edits.start(lit), r, "environment variable " + value.strip(), List.of());
            }
        }
    }

    /**
     * A Portkey Model Catalog provider on its own ({@code "@anthropic-eastus2"}, or the default of a
     * Spring placeholder {@code "${llm.provider:@anthropic-eastus2}"}): code joins it to a model at
     * run time ({@code provider + "/" + model}), which Concentrate refuses. The provider becomes its
     * Concentrate prefix, so the joined string is a {@code provider/model-id} slug.
     */
    private boolean catalogProvider(LiteralStringValueExpr lit, String value) {
        Matcher m = CATALOG_PROVIDER.matcher(value);
        if (!m.matches() || (m.group(1) == null) != (m.group(3) == null)
                || !work.text().text().toLowerCase(Locale.ROOT).contains("portkey")) {
            return false;
        }
        Rule r = rules.requestHeader("x-portkey-provider").orElse(null);
        if (r == null) {
            return false;
        }
        String slug = m.group(2);
        String subject = "Portkey catalog provider '" + slug + "' (joined to a model at run time)";
        Optional<dev.migrateportkey.config.ProviderPin> pin = slugs.providers().resolve(slug);
        if (pin.isEmpty()) {
            // Only where the code says it is a provider: "@here" in a chat message is not one.
            String holder = m.group(1) != null ? m.group(1)
                    : lit.findAncestor(VariableDeclarator.class).map(VariableDeclarator::getNameAsString).orElse("");
            if (!holder.toLowerCase(Locale.ROOT).contains("provider")) {
                return false;
            }
            work.manualWithTodo(edits.start(lit), edits.anchor(lit), r.id(), subject + " names no provider the tool"
                    + " knows: write the Concentrate provider prefix instead (e.g. anthropic, bedrock, azure), or run"
                    + " again with --virtual-key " + slug.substring(1) + "=PROVIDER", COMMENT);
            return true;
        }
        String replaced = (m.group(1) == null ? "" : m.group(1)) + pin.get().prefix() + (m.group(3) == null ? "" : m.group(3));
        work.fix(edits.start(lit), r, subject + " becomes the prefix " + pin.get().prefix(),
                edits.replace(lit, JavaStrings.quote(replaced), r.id()));
        if (pin.get().guessed()) {
            work.manual(edits.start(lit), r.id(), subject + ": the prefix " + pin.get().describe()
                    + "; if the guess is wrong, write the right prefix by hand");
        }
        return true;
    }

    private Optional<Rule> portkeyApiPath(String url) {
        int host = url.toLowerCase(Locale.ROOT).indexOf("api.portkey.ai");
        String path = url.substring(host + "api.portkey.ai".length());
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            if (r.specificity(path) >= 0 && r.match().stream().anyMatch(p -> p.startsWith("/"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- shared

    private void remove(MethodCallExpr call, Rule r, String subject) {
        List<TextEdit> out = edits.removeCall(call, r.id());
        if (out.isEmpty() && call.getScope().isEmpty()) {
            // A receiver-less header(...) is a value its caller uses: a test expectation
            // (.andExpect(header("x-portkey-provider", "openai"))) that goes with the header.
            Optional<MethodCallExpr> owner = call.getParentNode()
                    .filter(p -> p instanceof MethodCallExpr m && JavaEdits.isRemovableLink(m))
                    .map(p -> (MethodCallExpr) p);
            if (owner.isPresent()) {
                out = edits.removeCall(owner.get(), r.id());
            }
        }
        if (out.isEmpty()) {
            manual(call, r, subject + " (cannot be removed on its own here)");
            return;
        }
        work.fix(edits.start(call.getName()), r, subject, out);
        consume(call);
    }

    /** A Config passed at {@code call}: carried into the requests (and removed), or left to a human. */
    private void config(MethodCallExpr call, Expression value, Rule r, String subject) {
        if (configs.config(call, value, r) == JavaConfigEmitter.Outcome.REMOVE) {
            remove(call, r, subject);
        } else {
            consume(call);
        }
    }

    private void manual(Node at, Rule r, String subject) {
        work.manualWithTodo(edits.start(at), edits.anchor(at), r, subject, COMMENT);
        consume(at);
    }

    /**
     * Marks what an edit takes care of. For a call, that is its name and arguments, not its scope:
     * the scope of a removed chain link is the rest of the chain, which is still to be looked at.
     */
    private void consume(Node n) {
        if (n instanceof MethodCallExpr call) {
            consumedCalls.add(call);
            call.getArguments().forEach(this::consume);
            call.getScope().filter(JavaFileRewriter::isPlainName).ifPresent(consumed::add);
        } else {
            consumed.add(n);
        }
    }

    private static boolean isPlainName(Expression e) {
        return e instanceof NameExpr || e instanceof FieldAccessExpr;
    }

    private boolean isConsumed(Node n) {
        if (n instanceof MethodCallExpr m && consumedCalls.contains(m)) {
            return true;
        }
        for (Node cur = n; cur != null; cur = cur.getParentNode().orElse(null)) {
            if (consumed.contains(cur)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isOutermost(MethodCallExpr call) {
        return call.getParentNode()
                .filter(p -> p instanceof MethodCallExpr m && m.getScope().filter(s -> s == call).isPresent())
                .isEmpty();
    }

    /** Calls of the builder chain ending in {@code outermost}, innermost first. */
    private static List<MethodCallExpr> chain(MethodCallExpr outermost) {
        List<MethodCallExpr> out = new ArrayList<>();
        Expression cur = outermost;
        while (cur instanceof MethodCallExpr m) {
            out.add(0, m);
            cur = m.getScope().orElse(null);
        }
        return out;
    }

    /**
     * The calls that configure the same request as {@code call}: its builder chain, or, for
     * statements on one variable ({@code headers.put(...)}), that variable's calls in the same body.
     */
    private List<MethodCallExpr> chainOrSiblings(MethodCallExpr call) {
        MethodCallExpr top = call;
        while (!isOutermost(top)) {
            top = (MethodCallExpr) top.getParentNode().orElseThrow();
        }
        List<MethodCallExpr> chain = chain(top);
        String var;
        if (chain.size() > 1) {
            // var builder = RestClient.builder()...; later builder.defaultHeader(...) configure it too.
            var = top.getParentNode().filter(p -> p instanceof VariableDeclarator)
                    .map(p -> ((VariableDeclarator) p).getNameAsString()).orElse(null);
        } else {
            var = call.getScope().filter(s -> s instanceof NameExpr).map(s -> ((NameExpr) s).getNameAsString()).orElse(null);
        }
        Node body = call.findAncestor(n -> n instanceof com.github.javaparser.ast.body.CallableDeclaration<?>
                || n instanceof com.github.javaparser.ast.expr.LambdaExpr
                || n instanceof com.github.javaparser.ast.body.InitializerDeclaration, Node.class).orElse(null);
        if (var == null || body == null) {
            return chain;
        }
        List<MethodCallExpr> out = new ArrayList<>(chain.size() > 1 ? chain : List.of());
        out.addAll(body.findAll(MethodCallExpr.class, m -> m.getScope().filter(s -> s instanceof NameExpr n
                && n.getNameAsString().equals(var)).isPresent()));
        return out;
    }
}
