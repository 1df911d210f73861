package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ConfigDecomposer;
import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.config.Decomposition;
import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.config.ProviderResolver;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.PublicEnvPrefixes;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Portkey sites of one TypeScript or JavaScript file and records what each becomes. It
 * knows JavaScript shapes (imports and {@code require}, {@code new X({...})} options, header
 * objects, {@code headers.set(...)}, string literals, {@code process.env} reads); the rule table
 * decides what happens to each SDK parameter, header, URL and variable.
 */
final class JsFileRewriter {
    private static final String COMMENT = "//";
    /** Keys whose object value is a set of HTTP headers. */
    private static final Set<String> HEADER_KEYS = Set.of("headers", "defaultHeaders");
    /** SDK methods whose first argument is a request body with a {@code model}. */
    private static final Set<String> REQUEST_METHODS = Set.of("create", "stream", "parse", "createAndPoll");
    private static final Pattern PORTKEY_VAR = RuleTable.PORTKEY_VARIABLE;

    private final FileMigration work;
    private final JsNode root;
    private final SourceText text;
    private final RuleTable rules;
    private final JsValues values;
    private final Imports imports;
    private final String keyVariable;
    /**
     * How this file reads the Concentrate key: {@code process.env.CONCENTRATE_API_KEY}, or in browser
     * code the file's own style ({@code import.meta.env.VITE_CONCENTRATE_API_KEY} for Vite,
     * {@code process.env.NEXT_PUBLIC_...} for Next.js), where a bare process.env name would be undefined.
     */
    private final String keyRead;
    private final char quote;
    private final Rule dependencyRule;
    private final ProviderResolver providers;
    private final ModelSlugs slugs;

    /** Ranges an edit already replaces or removes: nothing inside them is looked at again. */
    private final List<int[]> claimed = new ArrayList<>();
    private final Map<JsNode, ObjectRewrite> objects = new IdentityHashMap<>();
    /** Header objects already handled, and for each the entry of its owner to drop if it empties. */
    private final Map<JsNode, JsNode> headerOwners = new IdentityHashMap<>();
    private final Set<JsNode> handled = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
    /** Provider slug prefix known for a client variable ({@code const client = new Portkey({provider})}). */
    private final Map<String, ProviderPin> clientProviders = new HashMap<>();
    /** Variables (or fields) that hold a Portkey (or OpenAI) client made in this file. */
    private final Set<String> portkeyClientNames = new HashSet<>();
    /** Getter functions to the client variable they return. */
    private final Map<String, String> getterReturns = new HashMap<>();
    /** Variables that hold an OpenAI client calling OpenAI itself, never through Portkey. */
    private final Set<String> openAiDirectNames = new HashSet<>();
    /** Provider slug prefix known for one call ({@code fetch(url, {headers: {'x-portkey-provider': ...}})}). */
    private final Map<JsNode, ProviderPin> callProviders = new IdentityHashMap<>();
    private final Set<ProviderPin> providerHints = new LinkedHashSet<>();
    private final List<JsNode> requestCalls = new ArrayList<>();
    private boolean portkeyClients;
    /** Configs met during the walk; placed once every request of the file is known. */
    private final List<PendingConfig> pendingConfigs = new ArrayList<>();
    /** createHeaders calls with a Config, finished once the requests of the file are known. */
    private final List<Runnable> deferredHeaders = new ArrayList<>();
    /** Options and headers that become a request body param ({@code cacheNamespace}), placed likewise. */
    private final List<PendingConfig> pendingParams = new ArrayList<>();
    private final Map<JsNode, Set<String>> placedParams = new IdentityHashMap<>();
    /** The bound client whose options are being read (its header objects belong to it). */
    private JsNode currentClient;
    private final ConfigDecomposer decomposer;

    /**
     * A Portkey Config met as a client option or header: the entry holding it, its value, the
     * object it sits in, the rule, and where its requests are (a client, or one call).
     */
    private record PendingConfig(JsNode entry, JsNode value, ObjectRewrite holder, Rule rule, JsNode client, JsNode call) {
    }
    /** Variables holding a provider made by a migrated factory ({@code const portkey = createPortkey(...)}). */
    private final Map<String, Imports.Target> factoryVariables = new HashMap<>();

    JsFileRewriter(FileMigration work, JsNode root) {
        this.work = work;
        this.root = root;
        this.text = work.text();
        this.rules = work.rules();
        this.values = new JsValues(root);
        this.keyVariable = rules.envVar("PORTKEY_API_KEY").map(Rule::to).filter(t -> t != null).orElse("CONCENTRATE_API_KEY");
        this.keyRead = keyRead(root);
        this.quote = dominantQuote(root);
        this.dependencyRule = Imports.npmDependencyRule(rules);
        this.imports = new Imports(root, values, rules);
        this.providers = new ProviderResolver(rules, work.options().virtualKeys());
        this.slugs = new ModelSlugs(rules, providers, work.options().pinProvider());
        this.decomposer = new ConfigDecomposer(rules, providers, slugs);
    }

    void run() {
        List<JsNode> all = root.findAll(x -> true);
        collectGetters(all);
        // Client variables first: a Portkey-only namespace call may come before the client in the text.
        // OpenAI clients count too, so that check still reports such a call once rewrite made the client.
        for (JsNode n : all) {
            JsNode callee = n.is("new_expression") ? n.child("constructor") : n.is("call_expression") ? n.child("function") : null;
            if (callee != null && callee.is("identifier") && (imports.isClientClass(callee.text())
                    || imports.isClientFactory(callee.text()) || n.is("new_expression") && imports.isOpenAiClient(callee.text()))) {
                String variable = clientVariable(n);
                if (variable != null) {
                    portkeyClientNames.add(variable);
                }
            }
            if (callee != null && callee.is("identifier") && n.is("new_expression") && imports.isOpenAiName(callee.text())
                    && talksToOpenAi(n) && clientVariable(n) != null) {
                openAiDirectNames.add(clientVariable(n));
            }
        }
        for (JsNode n : all) {
            if (isClaimed(n) || imports.isImportSite(n)) {
                continue;
            }
            switch (n.type()) {
                case "new_expression" -> newExpression(n);
                case "call_expression" -> call(n);
                case "object" -> {
                    if (!handled.contains(n) && hasPortkeyHeaderKey(n)) {
                        headerObject(n, false);
                    }
                }
                case "string", "template_string" -> literal(n);
                case "identifier" -> identifier(n);
                case "assignment_expression" -> headerAssignment(n);
                case "member_expression" -> envRead(n);
                case "property_identifier" -> envDeclaration(n);
                default -> {
                }
            }
        }
        deferredHeaders.forEach(Runnable::run);
        pendingConfigs.forEach(this::config);
        // A request's own header wins over its client's default: per-call params are placed first.
        pendingParams.sort(Comparator.comparing(x -> x.call() == null));
        pendingParams.forEach(this::bodyParam);
        requestCalls.forEach(this::models);
        callProviders.forEach(this::jsonBodies);
        finishObjects();
        finishImports();
    }

    // ------------------------------------------------------------------ clients

    private void newExpression(JsNode n) {
        JsNode ctor = n.child("constructor");
        JsNode args = n.child("arguments");
        if (ctor == null) {
            return;
        }
        if (ctor.is("identifier") && imports.isClientClass(ctor.text())) {
            portkeyClient(n, ctor, args, imports.clientTarget(ctor.text()));
            return;
        }
        if (args != null && !args.namedChildren().isEmpty() && args.namedChildren().get(0).is("object")) {
            JsNode options = args.namedChildren().get(0);
            if (mentionsPortkey(options)) {
                boundClient(n, options);
            } else if (ctor.is("identifier") && imports.isOpenAiClient(ctor.text())) {
                handled.add(options);
                sdkOptions(rewrite(options), ctor.text(), false, n);
            }
        }
    }

    /**
     * {@code new Portkey({...})} or {@code createPortkey({...})}: the class or factory becomes the
     * OpenAI one and every option follows its sdk-param rule; the base URL and the Concentrate key
     * are added when missing.
     */
    private void portkeyClient(JsNode site, JsNode callee, JsNode args, Imports.Target target) {
        List<JsNode> argList = args == null ? List.of() : args.namedChildren();
        String subject = callee.text() + "(...) from " + target.fromModule();
        if (args == null || argList.size() > 1 || (argList.size() == 1 && !argList.get(0).is("object"))) {
            imports.unmigrated(callee.text());
            work.manualWithTodo(site.start(), anchor(site), dependencyRule,
                    subject + " with options the tool cannot read (not an object literal): write "
                            + target.name() + "({ baseURL: '" + concentrateBase() + "', apiKey: " + keyRead + " })",
                    COMMENT);
            claim(site);
            return;
        }
        portkeyClients = true;
        imports.migrated(callee.text());
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(callee.start(), callee.end(), target.name(), dependencyRule.id()));
        if (argList.isEmpty()) {
            edits.add(TextEdit.replace(args.start(), args.end(),
                    "({ " + baseUrlEntry() + ", " + apiKeyEntry() + " })", dependencyRule.id()));
            work.fix(site.start(), dependencyRule, subject, edits);
            claim(site);
            return;
        }
        work.fix(site.start(), dependencyRule, subject, edits);
        claim(callee);
        JsNode options = argList.get(0);
        handled.add(options);
        ObjectRewrite rw = rewrite(options);
        Options found = sdkOptions(rw, callee.text(), true, site);
        boolean hasBase = found.hasBase;
        boolean hasKey = found.hasKey;
        ProviderPin provider = found.provider;
        if (!hasBase) {
            rw.prepend(baseUrlEntry(), dependencyRule.id());
        }
        if (!hasKey) {
            rw.prepend(apiKeyEntry(), dependencyRule.id());
        }
        if (target.factory()) {
            JsNode decl = site.parent();
            if (decl != null && decl.is("variable_declarator") && decl.child("name") != null) {
                factoryVariables.put(decl.child("name").text(), target);
            }
        }
        rememberProvider(site, provider);
    }


    /** What the options of a client said about the key, the base URL and the provider. */
    private static final class Options {
        boolean hasBase;
        boolean hasKey;
        ProviderPin provider;
    }

    /**
     * Applies the sdk-param rules to the entries of a client's options. For a Portkey class every
     * option counts; for an OpenAI client (already migrated, or written so by hand) its own apiKey
     * and baseURL are left alone and only Portkey's options are looked at, so a manual one left
     * behind keeps being reported.
     */
    private Options sdkOptions(ObjectRewrite rw, String owner, boolean portkeyClass, JsNode site) {
        Options out = new Options();
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            Rule r = key == null ? null : sdkParam(key);
            if (r == null && portkeyClass && key != null) {
                r = headerOption(key);
            }
            if (r == null) {
                continue;
            }
            String what = key + " option of " + owner + "(...)";
            switch (r.action()) {
                case TO_AUTHORIZATION -> {
                    out.hasKey = true;
                    if (!portkeyClass) {
                        continue;
                    }
                    String env = keyReadFor(entry.child("value"));
                    if (!env.equals(JsValues.valueSource(entry))) {
                        rw.replace(entry, key + ": " + env, r.id());
                        work.fix(entry.start(), r, what);
                        claim(entry);
                    }
                }
                case REPLACE_URL -> {
                    out.hasBase = true;
                    if (!portkeyClass) {
                        continue;
                    }
                    String url = quoted(r.to() != null ? r.to() : concentrateBase());
                    // The OpenAI SDK (and @ai-sdk/openai) read baseURL only: a baseUrl spelling would
                    // be ignored and the requests would go to api.openai.com.
                    if (!url.equals(JsValues.valueSource(entry)) || !key.equals("baseURL")) {
                        rw.replace(entry, "baseURL: " + url, r.id());
                        work.fix(entry.start(), r, what);
                        claim(entry);
                    }
                }
                case DROP, TO_MODEL_PREFIX -> {
                    if (r.action() == Action.TO_MODEL_PREFIX) {
                        ProviderPin p = r.prefix() != null ? new ProviderPin(r.prefix(), key, false) : providerOf(entry);
                        out.provider = p != null ? p : out.provider;
                    }
                    rw.remove(entry, r.id());
                    work.fix(entry.start(), r, what);
                    claim(entry);
                }
                case RENAME_HEADER -> {
                    rw.replace(entry, "defaultHeaders: { " + quoted(r.to()) + ": " + JsValues.valueSource(entry) + " }", r.id());
                    work.fix(entry.start(), r, what);
                    claim(entry);
                }
                case TO_CLIENT_TIMEOUT -> {
                    rw.replace(entry, "timeout: " + JsValues.valueSource(entry), r.id());
                    work.fix(entry.start(), r, what);
                    claim(entry);
                }
                case KEEP, CHECKLIST -> {
                }
                case DECOMPOSE_CONFIG -> {
                    pendingConfigs.add(new PendingConfig(entry, configValue(entry), rw, r, site, null));
                    claim(entry);
                }
                case TO_BODY_PARAM -> {
                    pendingParams.add(new PendingConfig(entry, configValue(entry), rw, r, site, null));
                    claim(entry);
                }
                default -> {
                    work.manualWithTodo(entry.start(), anchor(entry), r, what, COMMENT);
                    claim(entry);
                }
            }
        }
        return out;
    }

    /** An OpenAI-compatible client (OpenAI, ChatOpenAI, ...) whose options point at Portkey. */
    private void boundClient(JsNode site, JsNode options) {
        currentClient = site;
        handled.add(options);
        portkeyClients = true;
        List<ObjectRewrite> levels = new ArrayList<>();
        collectOptionObjects(options, levels);
        boolean hasKey = false;
        ObjectRewrite baseHolder = null;
        ProviderPin provider = null;
        for (ObjectRewrite rw : levels) {
            for (JsNode entry : rw.entries()) {
                String key = JsValues.keyName(entry);
                if (key == null) {
                    continue;
                }
                Rule r = sdkParam(key);
                JsNode value = entry.child("value");
                if (r != null && r.action() == Action.TO_AUTHORIZATION) {
                    hasKey = true;
                    String env = keyReadFor(value);
                    if (!env.equals(JsValues.valueSource(entry))) {
                        rw.replace(entry, key + ": " + env, r.id());
                        work.fix(entry.start(), r, key + " option of a client pointed at Portkey");
                        claim(entry);
                    }
                } else if (r != null && r.action() == Action.REPLACE_URL) {
                    baseHolder = rw;
                    baseUrlValue(entry, value, r);
                } else if (HEADER_KEYS.contains(key) && value != null) {
                    if (value.is("object")) {
                        headerOwners.put(value, entry);
                        ProviderPin p = headerObject(value, true);
                        provider = p != null ? p : provider;
                    } else if (value.is("call_expression") && isCreateHeaders(value)) {
                        ProviderPin p = createHeaders(value, true, entry);
                        provider = p != null ? p : provider;
                    }
                }
            }
        }
        if (!hasKey) {
            ObjectRewrite holder = baseHolder != null ? baseHolder : levels.get(0);
            holder.prepend(apiKeyEntry(), "sdk-api-key");
            Rule r = rules.byId("sdk-api-key").orElse(dependencyRule);
            work.fix(holder.object().start(), r, "client pointed at Portkey without an apiKey option");
        }
        rememberProvider(site, provider);
    }

    /** The options object and the objects nested in it as option values (not function bodies). */
    private void collectOptionObjects(JsNode object, List<ObjectRewrite> out) {
        ObjectRewrite rw = rewrite(object);
        out.add(rw);
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            JsNode value = entry.child("value");
            if (value != null && value.is("object") && key != null && !HEADER_KEYS.contains(key)) {
                handled.add(value);
                collectOptionObjects(value, out);
            }
        }
    }

    /** A base URL option of a bound client: literals and known names are fixed where they are. */
    private void baseUrlValue(JsNode entry, JsNode value, Rule r) {
        if (value == null) {
            return;
        }
        if (!value.findAll(n -> n.is("string") || n.is("template_string")).stream()
                .filter(s -> s.text().toLowerCase(Locale.ROOT).contains("portkey")).toList().isEmpty()) {
            return;
        }
        if (!value.findAll(n -> n.is("identifier") && imports.isGatewayUrl(n.text())).isEmpty()) {
            return;
        }
        if (!value.findAll(n -> n.is("property_identifier") && PORTKEY_VAR.matcher(n.text()).matches()).isEmpty()) {
            return;
        }
        Optional<String> v = values.resolve(value);
        if (v.isPresent() && (!rules.rewriteUrls(v.get()).equals(v.get()) || v.get().contains("concentrate"))) {
            return;
        }
        work.manualWithTodo(value.start(), anchor(entry), r, "base URL from '" + value.text() + "'", COMMENT);
        claim(value);
    }

    /** The variable or field a client made at {@code site} is stored in, or null. */
    private static String clientVariable(JsNode site) {
        if (site == null) {
            return null;
        }
        JsNode decl = site.parent();
        while (decl != null && (decl.is("await_expression") || decl.is("parenthesized_expression"))) {
            decl = decl.parent();
        }
        if (decl != null && decl.is("variable_declarator") && decl.child("name") != null) {
            return decl.child("name").text();
        }
        if (decl != null && decl.is("assignment_expression") && decl.child("left") != null) {
            return lastName(decl.child("left"));
        }
        if (decl != null && (decl.is("public_field_definition") || decl.is("field_definition"))) {
            JsNode name = decl.child("name") != null ? decl.child("name") : decl.child("property");
            return name == null ? null : name.text();
        }
        return null;
    }

    private void rememberProvider(JsNode site, ProviderPin provider) {
        if (provider == null) {
            return;
        }
        providerHints.add(provider);
        String variable = clientVariable(site);
        if (variable != null) {
            clientProviders.put(variable, provider);
        }
    }

    // ------------------------------------------------------------------ headers

    /**
     * An object literal with {@code x-portkey-*} keys: each follows its request-header rule.
     * Returns the provider prefix an {@code x-portkey-provider} entry named, if any.
     */
    private ProviderPin headerObject(JsNode object, boolean clientHasKey) {
        handled.add(object);
        ObjectRewrite rw = rewrite(object);
        if (!headerOwners.containsKey(object)) {
            headerOwners.put(object, ownerEntry(object));
        }
        JsNode authorization = null;
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            if (key != null && key.equalsIgnoreCase("authorization")) {
                authorization = entry;
            }
        }
        ProviderPin provider = null;
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            if (key == null || !key.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
                continue;
            }
            Rule r = rules.requestHeader(key).orElse(null);
            if (r == null) {
                continue;
            }
            String what = key + " header";
            switch (r.action()) {
                case DROP, TO_MODEL_PREFIX -> {
                    if (r.action() == Action.TO_MODEL_PREFIX) {
                        ProviderPin p = r.prefix() != null ? new ProviderPin(r.prefix(), key, false) : providerOf(entry);
                        provider = p != null ? p : provider;
                    }
                    rw.remove(entry, r.id());
                    work.fix(entry.start(), r, what);
                }
                case RENAME_HEADER -> {
                    rw.replace(entry, quoted(r.to()) + ": " + JsValues.valueSource(entry), r.id());
                    work.fix(entry.start(), r, what);
                }
                case TO_AUTHORIZATION -> {
                    if (clientHasKey) {
                        rw.remove(entry, r.id());
                    } else if (authorization != null) {
                        rw.remove(entry, r.id());
                        String bearer = bearerFor(entry.child("value"));
                        if (!bearer.equals(JsValues.valueSource(authorization))) {
                            rw.replace(authorization, authorizationKey(authorization) + ": " + bearer, r.id());
                            claim(authorization);
                        }
                    } else {
                        rw.replace(entry, "Authorization: " + bearerFor(entry.child("value")), r.id());
                    }
                    work.fix(entry.start(), r, what);
                }
                case KEEP, CHECKLIST -> {
                }
                case DECOMPOSE_CONFIG -> pendingConfigs.add(clientHasKey
                        ? new PendingConfig(entry, configValue(entry), rw, r, currentClient, null)
                        : new PendingConfig(entry, configValue(entry), rw, r, null,
                        object.ancestor(a -> a.is("call_expression") || a.is("new_expression"))));
                case TO_BODY_PARAM -> pendingParams.add(clientHasKey
                        ? new PendingConfig(entry, configValue(entry), rw, r, currentClient, null)
                        : new PendingConfig(entry, configValue(entry), rw, r, null,
                        object.ancestor(a -> a.is("call_expression") || a.is("new_expression"))));
                default -> work.manualWithTodo(entry.start(), anchor(entry), r, what, COMMENT);
            }
            claim(entry);
        }
        if (provider != null) {
            JsNode call = object.ancestor(a -> a.is("call_expression") || a.is("new_expression"));
            // A per-request header pins that request only; a client's header pins the client.
            if (call != null && !clientHasKey) {
                callProviders.put(call, provider);
            }
        }
        return provider;
    }

    private String authorizationKey(JsNode entry) {
        return entry.is("pair") ? entry.child("key").text() : "Authorization";
    }

    /** The {@code headers: {...}} entry an object is the value of, or null. */
    private static JsNode ownerEntry(JsNode object) {
        JsNode p = object.parent();
        if (p != null && p.is("pair") && p.child("value") == object) {
            String key = JsValues.keyName(p);
            if (key != null && HEADER_KEYS.contains(key)) {
                return p;
            }
        }
        return null;
    }

    private boolean hasPortkeyHeaderKey(JsNode object) {
        for (JsNode entry : object.namedChildren()) {
            String key = JsValues.keyName(entry);
            if (key != null && key.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
                return true;
            }
        }
        return false;
    }

    private boolean isCreateHeaders(JsNode call) {
        JsNode fn = call.child("function");
        return fn != null && fn.is("identifier") && imports.isCreateHeaders(fn.text());
    }

    /**
     * {@code createHeaders({...})}: its options become the headers that still mean something on
     * Concentrate. In a client's {@code defaultHeaders} the key travels as the client's apiKey;
     * elsewhere it becomes {@code Authorization: Bearer}. Options without an automatic equivalent
     * leave the call as it is, with a TODO.
     */
    private ProviderPin createHeaders(JsNode call, boolean inClient, JsNode owner) {
        JsNode args = call.child("arguments");
        List<JsNode> argList = args == null ? List.of() : args.namedChildren();
        JsNode fn = call.child("function");
        if (argList.size() != 1 || !argList.get(0).is("object")) {
            Rule r = rules.byId("header-other").orElse(dependencyRule);
            imports.unmigrated(fn.text());
            work.manualWithTodo(call.start(), anchor(call), r,
                    fn.text() + "(...) with options the tool cannot read: list the headers that remain by hand", COMMENT);
            claim(call);
            return null;
        }
        JsNode options = argList.get(0);
        handled.add(options);
        List<JsNode> entries = options.namedChildren();
        List<Runnable> findings = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        List<JsNode> manual = new ArrayList<>();
        ProviderPin provider = null;
        PendingConfig config = null;
        for (JsNode entry : entries) {
            String key = JsValues.keyName(entry);
            Rule r = key == null ? null : sdkParam(key);
            if (r == null) {
                manual.add(entry);
                continue;
            }
            String what = key + " option of " + fn.text() + "(...)";
            switch (r.action()) {
                case TO_AUTHORIZATION -> {
                    if (!inClient) {
                        headers.add("Authorization: " + bearerFor(entry.child("value")));
                    }
                    findings.add(() -> work.fix(entry.start(), r, what));
                }
                case RENAME_HEADER -> {
                    headers.add(quoted(r.to()) + ": " + JsValues.valueSource(entry));
                    findings.add(() -> work.fix(entry.start(), r, what));
                }
                case DROP, TO_MODEL_PREFIX -> {
                    if (r.action() == Action.TO_MODEL_PREFIX) {
                        ProviderPin p = providerOf(entry);
                        provider = p != null ? p : provider;
                    }
                    findings.add(() -> work.fix(entry.start(), r, what));
                }
                case KEEP, CHECKLIST -> {
                }
                case DECOMPOSE_CONFIG -> {
                    if (inClient && currentClient != null && config == null) {
                        config = new PendingConfig(entry, configValue(entry), null, r, currentClient, null);
                    } else {
                        manual.add(entry);
                    }
                }
                default -> manual.add(entry);
            }
        }
        if (config != null && manual.isEmpty()) {
            // Whether the Config can go depends on the client's requests, known after the walk.
            PendingConfig pending = config;
            claim(call);
            deferredHeaders.add(() -> {
                if (decomposeConfig(pending)) {
                    finishCreateHeaders(call, inClient, owner, headers, findings, null);
                } else {
                    imports.unmigrated(fn.text());
                }
            });
            return provider;
        }
        if (config != null) {
            manual.add(config.entry());
        }
        if (!manual.isEmpty()) {
            imports.unmigrated(fn.text());
            for (JsNode entry : manual) {
                String key = JsValues.keyName(entry);
                Rule r = key == null ? null : sdkParam(key);
                if (r == null) {
                    r = rules.byId("header-other").orElse(dependencyRule);
                    work.manualWithTodo(entry.start(), anchor(entry), r, (key == null ? entry.text() : key)
                            + " in " + fn.text() + "(...) is not a Portkey option the tool knows", COMMENT);
                } else {
                    work.manualWithTodo(entry.start(), anchor(entry), r, key + " option of " + fn.text() + "(...)", COMMENT);
                }
            }
            claim(call);
            return provider;
        }
        finishCreateHeaders(call, inClient, owner, headers, findings, provider);
        return provider;
    }

    /** Replaces a fully understood {@code createHeaders(...)} by the headers left, or removes its entry. */
    private void finishCreateHeaders(JsNode call, boolean inClient, JsNode owner, List<String> headers,
                                     List<Runnable> findings, ProviderPin provider) {
        findings.forEach(Runnable::run);
        JsNode enclosing = call.ancestor(a -> a.is("call_expression") || a.is("new_expression"));
        if (provider != null && !inClient && enclosing != null) {
            callProviders.put(enclosing, provider);
        }
        if (headers.isEmpty() && owner != null) {
            JsNode ownerObject = owner.parent();
            rewrite(ownerObject).remove(owner, "header-other");
            claim(owner);
        } else {
            work.edit(TextEdit.replace(call.start(), call.end(),
                    headers.isEmpty() ? "{}" : "{ " + String.join(", ", headers) + " }", "header-other"));
            claim(call);
        }
    }

    /** {@code headers.set('x-portkey-...', v)} and {@code append}, and reads with {@code get}. */
    private void headerCall(JsNode call, String method, List<JsNode> args) {
        Optional<String> name = values.resolve(args.get(0)).filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
        if (name.isEmpty()) {
            return;
        }
        if (args.size() == 1) {
            Rule r = rules.responseHeader(name.get()).orElse(null);
            if (r == null) {
                return;
            }
            String what = name.get() + " response header";
            switch (r.action()) {
                case RENAME_HEADER -> work.fix(args.get(0).start(), r, what,
                        TextEdit.replace(args.get(0).start(), args.get(0).end(), quoted(r.to()), r.id()));
                case KEEP, CHECKLIST -> {
                }
                default -> work.manualWithTodo(call.start(), anchor(call), r, what, COMMENT);
            }
            claim(args.get(0));
            return;
        }
        Rule r = rules.requestHeader(name.get()).orElse(null);
        if (r == null) {
            return;
        }
        String what = name.get() + " header";
        JsNode statement = call.parent();
        JsNode removable = statement != null && statement.is("expression_statement") ? removable(statement) : null;
        switch (r.action()) {
            case DROP, TO_MODEL_PREFIX -> {
                if (removable != null) {
                    work.fix(call.start(), r, what, removeStatement(removable, r.id()));
                    claim(removable);
                } else {
                    work.manualWithTodo(call.start(), anchor(call), r, what + " (cannot be removed on its own here)", COMMENT);
                    claim(call);
                }
                return;
            }
            case RENAME_HEADER -> work.fix(args.get(0).start(), r, what,
                    TextEdit.replace(args.get(0).start(), args.get(0).end(), quoted(r.to()), r.id()));
            case TO_AUTHORIZATION -> work.fix(args.get(0).start(), r, what,
                    TextEdit.replace(args.get(0).start(), args.get(1).end(), quoted("Authorization") + ", " + bearerFor(args.get(1)), r.id()));
            case KEEP, CHECKLIST -> {
            }
            default -> work.manualWithTodo(call.start(), anchor(call), r, what, COMMENT);
        }
        claim(call);
    }

    /**
     * {@code headers['x-portkey-trace-id'] = v}: the header-building style of fetch helpers. Each
     * follows its request-header rule as {@code headers.set} does: the statement goes (with the
     * braceless {@code if} that only guarded it), the key is renamed, or the key becomes
     * {@code Authorization} with the Concentrate bearer.
     */
    private void headerAssignment(JsNode assignment) {
        JsNode left = assignment.child("left");
        JsNode right = assignment.child("right");
        JsNode index = left == null || !left.is("subscript_expression") ? null : left.child("index");
        if (index == null || right == null) {
            return;
        }
        Optional<String> name = values.resolve(index).filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
        Rule r = name.flatMap(rules::requestHeader).orElse(null);
        if (r == null) {
            return;
        }
        String what = name.get() + " header set on " + left.child("object").text();
        JsNode statement = assignment.parent();
        JsNode removable = statement != null && statement.is("expression_statement") ? removable(statement) : null;
        switch (r.action()) {
            case DROP, TO_MODEL_PREFIX -> {
                if (removable == null) {
                    work.manualWithTodo(assignment.start(), anchor(assignment), r,
                            what + " (the tool cannot remove it safely here, e.g. its if condition calls a function: delete it by hand)", COMMENT);
                    claim(assignment);
                    return;
                }
                work.fix(assignment.start(), r, what, removeStatement(removable, r.id()));
                claim(removable);
                return;
            }
            case RENAME_HEADER -> work.fix(index.start(), r, what,
                    TextEdit.replace(index.start(), index.end(), quoted(r.to()), r.id()));
            case TO_AUTHORIZATION -> work.fix(index.start(), r, what,
                    TextEdit.replace(index.start(), index.end(), quoted("Authorization"), r.id()),
                    TextEdit.replace(right.start(), right.end(), bearerFor(right), r.id()));
            case KEEP, CHECKLIST -> {
            }
            default -> work.manualWithTodo(assignment.start(), anchor(assignment), r, what, COMMENT);
        }
        claim(assignment);
    }

    /**
     * What to delete so that {@code statement} goes: the statement itself in a block, or the
     * braceless {@code if} (no else) whose whole body it is, when that if's condition has no side
     * effect. Null when neither is safe.
     */
    private static JsNode removable(JsNode statement) {
        JsNode up = statement.parent();
        if (up == null) {
            return null;
        }
        if (up.is("statement_block") && up.namedChildren().size() == 1 && up.parent() != null
                && up.parent().is("if_statement") && removable(up) != null) {
            // if (x) { only this } : the whole if goes rather than leaving an empty block.
            return removable(up);
        }
        if (up.is("statement_block") || up.is("program") || up.is("switch_case") || up.is("switch_default")) {
            return statement;
        }
        if (up.is("if_statement") && up.child("alternative") == null && up.child("consequence") == statement
                && sideEffectFree(up.child("condition"))) {
            return removable(up);
        }
        return null;
    }

    /** Calls a condition may make and still be dropped with the statement it guards. */
    private static final Set<String> PURE_CALLS = Set.of("Object.keys", "Object.values", "Object.entries",
            "Array.isArray", "Boolean", "String", "Number");

    private static boolean sideEffectFree(JsNode expression) {
        if (expression == null) {
            return false;
        }
        return expression.findAll(n -> n.is("assignment_expression") || n.is("augmented_assignment_expression")
                || n.is("update_expression") || n.is("await_expression") || n.is("yield_expression") || n.is("new_expression")
                || n.is("call_expression") && (n.child("function") == null || !PURE_CALLS.contains(n.child("function").text())))
                .isEmpty();
    }

    // ------------------------------------------------------------------ calls

    private void call(JsNode n) {
        JsNode fn = n.child("function");
        JsNode args = n.child("arguments");
        if (fn == null || args == null || !args.is("arguments")) {
            return;
        }
        List<JsNode> argList = args.namedChildren();
        if (fn.is("identifier")) {
            if (imports.isCreateHeaders(fn.text())) {
                JsNode owner = n.parent() != null && n.parent().is("pair") && HEADER_KEYS.contains(JsValues.keyName(n.parent()))
                        ? n.parent() : null;
                createHeaders(n, false, owner);
            } else if (imports.isClientFactory(fn.text())) {
                portkeyClient(n, fn, args, imports.clientTarget(fn.text()));
            }
            return;
        }
        if (!fn.is("member_expression")) {
            return;
        }
        JsNode property = fn.child("property");
        String method = property == null ? "" : property.text();
        if ((method.equals("set") || method.equals("append")) && argList.size() == 2
                || (method.equals("get") || method.equals("has")) && argList.size() == 1) {
            headerCall(n, method, argList);
            if (isClaimed(n)) {
                return;
            }
        }
        if (portkeyApi(n, fn)) {
            return;
        }
        JsNode receiver = fn.child("object");
        if (receiver != null && receiver.is("identifier") && factoryVariables.containsKey(receiver.text())) {
            String renamed = factoryVariables.get(receiver.text()).methodRenames().get(method);
            if (renamed != null) {
                work.fix(property.start(), dependencyRule, receiver.text() + "." + method + "(...)",
                        TextEdit.replace(property.start(), property.end(), renamed, dependencyRule.id()));
            }
        }
        if (REQUEST_METHODS.contains(method) && !argList.isEmpty() && requestBody(argList.get(0)) != null) {
            requestCalls.add(n);
        }
    }

    /**
     * Portkey-only APIs (prompts, feedback, admin): a TODO above the statement, the call stays. A
     * {@code namespace.*} pattern matches a call under that namespace of a Portkey client variable
     * only ({@code portkey.virtualKeys.create}): names like {@code configs} are common elsewhere.
     */
    private boolean portkeyApi(JsNode call, JsNode fn) {
        String path = dottedPath(fn).toLowerCase(Locale.ROOT);
        if (path.isEmpty()) {
            return false;
        }
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            for (String m : r.match()) {
                if (m.startsWith("/")) {
                    continue;
                }
                String p = m.toLowerCase(Locale.ROOT);
                boolean hit = p.endsWith(".*") ? underClientNamespace(fn, path, p.substring(0, p.length() - 2))
                        : path.equals(p) || path.endsWith("." + p);
                if (hit) {
                    work.manualWithTodo(call.start(), anchor(call), r, dottedPath(fn) + "(...)", COMMENT);
                    claim(call);
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * {@code new OpenAI({ apiKey })} with no base URL, no headers and no Portkey name in its options:
     * it calls OpenAI itself, so no provider pin of the file applies to its requests.
     */
    private boolean talksToOpenAi(JsNode newExpression) {
        JsNode args = newExpression.child("arguments");
        if (args == null || args.namedChildren().size() != 1 || !args.namedChildren().get(0).is("object")) {
            return false;
        }
        JsNode options = args.namedChildren().get(0);
        for (JsNode entry : options.namedChildren()) {
            String key = JsValues.keyName(entry);
            if (key == null || key.equalsIgnoreCase("baseURL") || key.equals("defaultHeaders") || key.equals("defaultQuery")) {
                return false;
            }
        }
        return !mentionsPortkey(options);
    }

    /** {@code client.namespace.method} where {@code client} holds a client made in this file. */
    private boolean underClientNamespace(JsNode fn, String path, String namespace) {
        String root = rootName(fn);
        if (root == null || !portkeyClientNames.contains(root)) {
            return false;
        }
        String[] segments = path.split("\\.");
        for (int i = 1; i < segments.length - 1; i++) {
            if (segments[i].equals(namespace) && segments[i - 1].equalsIgnoreCase(root)) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ Configs

    private static JsNode configValue(JsNode entry) {
        return entry.is("pair") ? entry.child("value") : entry;
    }

    /**
     * A Portkey Config (guide, Step 4): decomposed by the config package; when nothing in it needs a
     * human and the requests it applied to are in this file, its body params go into each request
     * body and the Config goes. Otherwise it stays, with a TODO saying what it becomes.
     */
    private void config(PendingConfig p) {
        decomposeConfig(p);
    }

    /**
     * Decomposes one Config and places its params; true when it migrated (the entry is removed from
     * its holder, or left to the caller when the holder is null), false when a TODO was reported.
     */
    private boolean decomposeConfig(PendingConfig p) {
        JsNode at = p.value() == null ? p.entry() : p.value();
        Optional<ConfigText.Parsed> parsed = p.value() == null ? Optional.empty() : JsConfigs.read(p.value(), values);
        Map<String, Object> config;
        String origin;
        if (parsed.isEmpty() || parsed.get() instanceof ConfigText.Invalid) {
            String why = parsed.map(x -> ((ConfigText.Invalid) x).problem()).orElse("not a literal the tool can read");
            work.manualWithTodo(at.start(), anchor(p.entry()), p.rule(), "Config (" + why + ")", COMMENT);
            return false;
        }
        if (parsed.get() instanceof ConfigText.SavedId saved) {
            java.nio.file.Path file = work.options().configFiles().get(saved.id());
            Rule savedRule = rules.configKey(saved.id()).orElse(p.rule());
            if (file == null) {
                work.config(at.start(), saved.id(), Map.of(), List.of(), List.of(savedRule.note()));
                work.manualWithTodo(at.start(), anchor(p.entry()), savedRule, "saved Config '" + saved.id() + "'", COMMENT);
                return false;
            }
            try {
                config = ConfigText.readFile(file);
            } catch (java.io.IOException e) {
                work.manualWithTodo(at.start(), anchor(p.entry()), savedRule,
                        "saved Config '" + saved.id() + "' (" + file + " could not be read: " + e.getMessage() + ")", COMMENT);
                return false;
            }
            origin = saved.id() + " (" + file + ")";
        } else {
            config = ((ConfigText.Inline) parsed.get()).config();
            origin = "inline";
        }
        Decomposition d = decomposer.decompose(config);
        work.config(at.start(), origin, d.bodyParams(), d.dropped(), d.manual());
        String params = ConfigText.toJson(d.bodyParams());
        if (!d.automatic()) {
            work.manualWithTodo(at.start(), anchor(p.entry()), p.rule(),
                    "Config (" + origin + "): " + String.join("; ", d.manual()), COMMENT);
            return false;
        }
        if (d.clientTimeoutMs() != null && (p.client() == null || p.holder() == null)) {
            work.manualWithTodo(at.start(), anchor(p.entry()), p.rule(), "Config (" + origin + ") sets request_timeout "
                    + d.clientTimeoutMs() + " ms: set it on your HTTP client; body params: " + params, COMMENT);
            return false;
        }
        List<JsNode> bodies = p.call() != null ? bodiesOf(p.call()) : requestBodiesOf(clientVariable(p.client()));
        if (bodies.isEmpty() && !d.bodyParams().isEmpty()) {
            work.manualWithTodo(at.start(), anchor(p.entry()), p.rule(), "Config (" + origin
                    + ") decomposed, but its requests are not in this file: send " + params + " in each request body", COMMENT);
            return false;
        }
        for (JsNode body : bodies) {
            placeParams(body, d);
        }
        if (p.holder() == null) {
            // The caller rewrites what holds the entry (a createHeaders call).
        } else if (d.clientTimeoutMs() != null && p.client() != null) {
            p.holder().replace(p.entry(), "timeout: " + d.clientTimeoutMs(), p.rule().id());
        } else {
            p.holder().remove(p.entry(), p.rule().id());
        }
        if (d.primaryProvider() != null && p.client() != null) {
            rememberProvider(p.client(), d.primaryProvider());
        }
        work.fix(at.start(), p.rule(), "Config (" + origin + ")" + (d.bodyParams().isEmpty() ? " has nothing left to send"
                : " becomes body params " + params + " in " + bodies.size() + " request(s)"));
        return true;
    }

    /**
     * An option or header that becomes a body param ({@code cacheNamespace} to
     * {@code prompt_cache_key}): added to every request body it applied to, when its value can be
     * moved there (a literal or an environment read) and those requests are in this file.
     */
    private void bodyParam(PendingConfig p) {
        Rule r = p.rule();
        JsNode value = p.value();
        String param = r.param() != null ? r.param() : JsValues.keyName(p.entry());
        boolean movable = value != null && (JsValues.literal(value) != null || value.is("number")
                || value.text().replace(" ", "").startsWith("process.env."));
        List<JsNode> bodies = p.call() != null ? bodiesOf(p.call()) : requestBodiesOf(clientVariable(p.client()));
        String what = JsValues.keyName(p.entry());
        if (!movable || bodies.isEmpty()) {
            work.manualWithTodo(p.entry().start(), anchor(p.entry()), r, what + (movable
                    ? " (its requests are not in this file)" : " (its value cannot be moved into each request)"), COMMENT);
            return;
        }
        for (JsNode body : bodies) {
            ObjectRewrite rw = rewrite(body);
            boolean present = rw.entries().stream().anyMatch(e -> param.equals(JsValues.keyName(e)));
            if (!present && placedParams.computeIfAbsent(body, b -> new HashSet<>()).add(param)) {
                rw.append(JsConfigs.key(param, quote) + ": " + value.text(), r.id());
            }
        }
        p.holder().remove(p.entry(), r.id());
        work.fix(p.entry().start(), r, what + " becomes the " + param + " body param of " + bodies.size() + " request(s)");
    }

    /**
     * The object literal a request argument is, through TypeScript casts and parentheses
     * ({@code {...} as any}, {@code {...} satisfies Params}); null when it is not one.
     */
    private static JsNode requestBody(JsNode arg) {
        JsNode cur = arg;
        while (cur != null && (cur.is("as_expression") || cur.is("satisfies_expression") || cur.is("parenthesized_expression")
                || cur.is("non_null_expression") || cur.is("type_assertion"))) {
            List<JsNode> inner = cur.namedChildren().stream().filter(c -> !c.is("comment")).toList();
            cur = cur.is("type_assertion") ? inner.get(inner.size() - 1) : inner.isEmpty() ? null : inner.get(0);
        }
        return cur != null && cur.is("object") ? cur : null;
    }

    /** The request bodies of one call: its first argument, or the JSON.stringify bodies of a fetch. */
    private List<JsNode> bodiesOf(JsNode call) {
        JsNode args = call.child("arguments");
        if (args != null && !args.namedChildren().isEmpty() && requestBody(args.namedChildren().get(0)) != null) {
            return List.of(requestBody(args.namedChildren().get(0)));
        }
        List<JsNode> out = new ArrayList<>();
        for (JsNode c : call.findAll(n -> n.is("call_expression") && n != call)) {
            JsNode fn = c.child("function");
            JsNode a = c.child("arguments");
            if (fn != null && fn.text().equals("JSON.stringify") && a != null && !a.namedChildren().isEmpty()
                    && a.namedChildren().get(0).is("object")) {
                out.add(a.namedChildren().get(0));
            }
        }
        return out;
    }

    /** The bodies of every request this file makes through the client variable {@code name}. */
    private List<JsNode> requestBodiesOf(String name) {
        List<JsNode> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (JsNode call : requestCalls) {
            if (name.equals(receiverOf(call))) {
                out.add(requestBody(call.child("arguments").namedChildren().get(0)));
            }
        }
        return out;
    }

    /**
     * The client variable a request goes through: the root of its member chain, or the variable a
     * getter returns when the chain starts with a call of it ({@code getClient().chat.completions.create}).
     */
    private String receiverOf(JsNode call) {
        String root = rootName(call.child("function"));
        return root != null && getterReturns.containsKey(root) ? getterReturns.get(root) : root;
    }

    /**
     * Functions whose every return gives the same variable ({@code function getClient() { ...
     * return _client; }}), by name: requests made on their result go through that variable.
     */
    private void collectGetters(List<JsNode> all) {
        for (JsNode fn : all) {
            if (!(fn.is("function_declaration") || fn.is("method_definition") || fn.is("arrow_function")
                    || fn.is("function_expression") || fn.is("function"))) {
                continue;
            }
            String name = fn.child("name") != null ? fn.child("name").text() : null;
            if (name == null && fn.parent() != null && fn.parent().is("variable_declarator") && fn.parent().child("name") != null) {
                name = fn.parent().child("name").text();
            }
            JsNode body = fn.child("body");
            if (name == null || body == null) {
                continue;
            }
            Set<String> returned = new HashSet<>();
            if (!body.is("statement_block")) {
                returned.add(returnedName(body));
            } else {
                for (JsNode r : body.findAll(x -> x.is("return_statement"))) {
                    if (r.ancestor(a -> a.is("function_declaration") || a.is("method_definition") || a.is("arrow_function")
                            || a.is("function_expression") || a.is("function")) == fn) {
                        List<JsNode> value = r.namedChildren().stream().filter(c -> !c.is("comment")).toList();
                        returned.add(value.size() == 1 ? returnedName(value.get(0)) : null);
                    }
                }
            }
            if (returned.size() == 1 && !returned.contains(null)) {
                getterReturns.put(name, returned.iterator().next());
            }
        }
    }

    /** {@code x}, {@code this.x} or {@code x!}: the variable name; null for anything else. */
    private static String returnedName(JsNode e) {
        JsNode cur = e;
        while (cur != null && (cur.is("non_null_expression") || cur.is("parenthesized_expression"))) {
            cur = cur.namedChildren().isEmpty() ? null : cur.namedChildren().get(0);
        }
        if (cur == null) {
            return null;
        }
        if (cur.is("identifier")) {
            return cur.text();
        }
        if (cur.is("member_expression") && cur.child("object") != null && cur.child("object").is("this") && cur.child("property") != null) {
            return cur.child("property").text();
        }
        return null;
    }

    /** Puts a decomposed Config's params into a request body, in the file's style. */
    private void placeParams(JsNode body, Decomposition d) {
        ObjectRewrite rw = rewrite(body);
        Map<String, JsNode> existing = new HashMap<>();
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            if (key != null) {
                existing.put(key, entry);
            }
        }
        String rule = rules.byId("header-config").map(Rule::id).orElse("config");
        if (d.model() != null) {
            JsNode entry = existing.get("model");
            if (entry != null && entry.is("pair")) {
                JsNode value = entry.child("value");
                String original = JsValues.literal(value);
                rw.replace(entry, "model: " + quoted(d.model()), rule);
                work.model(value.start(), original != null ? original : value.text(), d.model());
                claim(value);
            } else {
                rw.append("model: " + quoted(d.model()), rule);
            }
        }
        Map<String, Object> rest = d.paramsWithoutModel();
        if (rest.isEmpty()) {
            return;
        }
        if (typeScript()) {
            // The OpenAI SDK's request types do not list Concentrate's own params (routing): a
            // spread passes them through the type check, as the SDK advises for undocumented params.
            rw.append("..." + JsConfigs.render(rest, quote), rule);
            return;
        }
        for (Map.Entry<String, Object> e : rest.entrySet()) {
            String text = JsConfigs.key(e.getKey(), quote) + ": " + JsConfigs.render(e.getValue(), quote);
            if (existing.containsKey(e.getKey())) {
                rw.replace(existing.get(e.getKey()), text, rule);
            } else {
                rw.append(text, rule);
            }
        }
    }

    private boolean typeScript() {
        String n = work.file().fileName().toLowerCase(Locale.ROOT);
        return n.endsWith(".ts") || n.endsWith(".tsx") || n.endsWith(".mts") || n.endsWith(".cts");
    }

    /** Model strings sent through a migrated client get the provider Portkey routed them to. */
    private void models(JsNode call) {
        if (isClaimed(call)) {
            return;
        }
        JsNode body = requestBody(call.child("arguments").namedChildren().get(0));
        String receiver = receiverOf(call);
        if (receiver != null && openAiDirectNames.contains(receiver)) {
            return;
        }
        ProviderPin provider = providerFor(call);
        if (provider == null && !portkeyClients) {
            return;
        }
        modelEntries(body, provider);
    }

    /** {@code fetch(url, { headers: {...provider...}, body: JSON.stringify({ model }) })}. */
    private void jsonBodies(JsNode call, ProviderPin provider) {
        for (JsNode c : call.findAll(n -> n.is("call_expression") && n != call)) {
            JsNode fn = c.child("function");
            JsNode args = c.child("arguments");
            if (fn != null && fn.text().equals("JSON.stringify") && args != null && !args.namedChildren().isEmpty()
                    && args.namedChildren().get(0).is("object")) {
                modelEntries(args.namedChildren().get(0), provider);
            }
        }
    }

    private void modelEntries(JsNode body, ProviderPin provider) {
        for (JsNode entry : body.namedChildren()) {
            if (!"model".equals(JsValues.keyName(entry)) || entry.child("value") == null) {
                continue;
            }
            JsNode value = entry.child("value");
            String model = JsValues.literal(value);
            if (model == null || isClaimed(value)) {
                continue;
            }
            ModelSlugs.Slug made = slugs.slug(model, provider);
            String slug = made.slug();
            work.model(value.start(), model, slug);
            if (!slug.equals(model)) {
                // A model-catalog string ("@integration/model") carries its own pin, which may be
                // one the tool cannot resolve: then the slug is the bare model and no provider rule applies.
                ProviderPin pin = made.pin() != null ? made.pin() : provider;
                Rule r = rules.ofKind(RuleKind.PROVIDER).stream().filter(p -> pin != null && pin.prefix().equals(p.prefix()))
                        .findFirst().orElse(rules.byId("header-provider").orElse(dependencyRule));
                String servedBy = pin != null ? "served by " + pin.describe()
                        : "named through a Portkey model-catalog integration the tool does not know: sent bare, Concentrate routes it"
                          + " (pin a provider with --virtual-key " + model.substring(1, model.indexOf('/')) + "=PROVIDER)";
                char q = value.text().charAt(0);
                work.fix(value.start(), r, "model '" + model + "' " + servedBy,
                        TextEdit.replace(value.start(), value.end(), JsValues.quote(slug, q == '`' ? quote : q), r.id()));
                claim(value);
            }
        }
    }

    private ProviderPin providerFor(JsNode call) {
        for (JsNode c = call; c != null; c = c.parent()) {
            if (callProviders.containsKey(c)) {
                return callProviders.get(c);
            }
        }
        String receiver = receiverOf(call);
        if (receiver != null && clientProviders.containsKey(receiver)) {
            return clientProviders.get(receiver);
        }
        Set<String> prefixes = new HashSet<>();
        providerHints.forEach(h -> prefixes.add(h.prefix()));
        return prefixes.size() == 1 ? providerHints.iterator().next() : null;
    }

    // ------------------------------------------------------------------ literals, names, env

    private void literal(JsNode n) {
        String raw = n.text();
        String lower = raw.toLowerCase(Locale.ROOT);
        if (!lower.contains("portkey")) {
            return;
        }
        if (mockedModule(n)) {
            return;
        }
        if (lower.contains("api.portkey.ai")) {
            Optional<Rule> api = portkeyApiPath(raw);
            if (api.isPresent()) {
                work.manualWithTodo(n.start(), anchor(n), api.get(), "Portkey-only endpoint " + raw, COMMENT);
                claim(n);
                return;
            }
            List<TextEdit> edits = new ArrayList<>();
            Rule used = null;
            for (JsNode part : urlParts(n)) {
                String src = part.text();
                String rewritten = rules.rewriteUrls(src);
                if (!rewritten.equals(src)) {
                    int at = src.toLowerCase(Locale.ROOT).indexOf("http");
                    used = rules.baseUrl(src.substring(Math.max(0, at))).orElse(used);
                    edits.add(TextEdit.replace(part.start(), part.end(), rewritten, "base-url"));
                }
            }
            if (used != null) {
                Rule r = used;
                List<TextEdit> tagged = edits.stream().map(e -> TextEdit.replace(e.start(), e.end(), e.replacement(), r.id())).toList();
                work.fix(n.start(), r, "Portkey gateway URL", tagged);
                claim(n);
                return;
            }
        }
        String value = JsValues.literal(n);
        if (value != null && value.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
            Rule r = rules.requestHeader(value).orElse(null);
            if (r != null && r.action() != Action.KEEP) {
                work.manualWithTodo(n.start(), anchor(n), r, value + " named outside a header object or call the tool recognises", COMMENT);
            }
            claim(n);
            return;
        }
        if (n.is("string")) {
            envNames(n, raw);
        }
    }

    /** Test-runner calls that name a module to mock or load: they follow the code under test. */
    private static final Set<String> MOCK_CALLS = Set.of("jest.mock", "jest.doMock", "jest.unmock",
            "jest.dontMock", "jest.requireActual", "jest.requireMock", "jest.createMockFromModule",
            "vi.mock", "vi.doMock", "vi.unmock", "vi.doUnmock", "vi.importActual", "vi.importMock");

    /**
     * {@code jest.mock('portkey-ai', ...)} (or vitest's {@code vi.mock}) in a test: the code under
     * test now imports {@code openai}, so the mock must name that module, or the real OpenAI client
     * runs (and a removed portkey-ai package fails to resolve). The module name is swapped; a mock
     * factory shaped after Portkey's exports is also a manual item, since the OpenAI client the
     * code now builds is that module's default export.
     */
    private boolean mockedModule(JsNode n) {
        String module = JsValues.literal(n);
        JsNode args = n.parent();
        JsNode call = args == null ? null : args.parent();
        if (module == null || !args.is("arguments") || call == null || !call.is("call_expression")
                || call.child("function") == null || args.namedChildren().isEmpty() || args.namedChildren().get(0) != n
                || !MOCK_CALLS.contains(call.child("function").text().replace(" ", ""))
                || rules.find(RuleKind.DEPENDENCY, "npm:" + module).isEmpty()) {
            return false;
        }
        String callee = call.child("function").text().replace(" ", "");
        if (!module.equals("portkey-ai")) {
            work.manualWithTodo(n.start(), anchor(n), dependencyRule.id(), callee + "('" + module
                    + "') in a test: mock the module the migrated code imports instead", COMMENT);
            claim(n);
            return true;
        }
        char q = n.text().charAt(0);
        work.fix(n.start(), dependencyRule, callee + "('portkey-ai') in a test now names 'openai'",
                TextEdit.replace(n.start(), n.end(), q + "openai" + q, dependencyRule.id()));
        if (args.namedChildren().size() > 1 && callee.endsWith("ock")) {
            work.manualWithTodo(n.start(), anchor(n), dependencyRule.id(), "this " + callee
                    + " factory was written for portkey-ai's exports: check it returns what the code under test"
                    + " now takes from 'openai' (the OpenAI class, its default export)", COMMENT);
        }
        claim(n);
        return true;
    }

    /** The parts of a string or template that hold text (a template's fragments). */
    private static List<JsNode> urlParts(JsNode n) {
        if (n.is("string")) {
            return List.of(n);
        }
        return n.children().stream().filter(c -> c.is("string_fragment")).toList();
    }

    /** {@code PORTKEY_*} variable names inside a string ({@code process.env['PORTKEY_API_KEY']}). */
    private void envNames(JsNode n, String raw) {
        RuleTable.VariableRenames renamed = rules.renameVariables(raw);
        renamed.manual().forEach((name, r) -> work.manualWithTodo(n.start(), anchor(n), r, name + " read here", COMMENT));
        if (!renamed.applied().isEmpty()) {
            Rule applied = renamed.applied().get(0);
            work.fix(n.start(), applied, "environment variable " + raw,
                    TextEdit.replace(n.start(), n.end(), renamed.text(), applied.id()));
            claim(n);
        }
    }

    /** {@code process.env.PORTKEY_API_KEY} and the like. */
    private void envRead(JsNode n) {
        JsNode object = n.child("object");
        JsNode property = n.child("property");
        if (object == null || property == null || !isEnvObject(object)) {
            return;
        }
        String name = property.text();
        if (!PORTKEY_VAR.matcher(name).matches()) {
            return;
        }
        // A framework's public prefix (VITE_, NEXT_PUBLIC_) is looked through and kept: without it the
        // bundler drops the read. Only an unknown prefix falls to the catch-all manual rule.
        PublicEnvPrefixes.Lookup found = PublicEnvPrefixes.lookup(rules, name).orElse(null);
        if (found == null) {
            return;
        }
        Rule r = found.rule();
        if (r.action() == Action.REPLACE_ENV) {
            work.fix(property.start(), r, "environment variable " + name,
                    TextEdit.replace(property.start(), property.end(), found.renamedTo(), r.id()));
        } else {
            work.manualWithTodo(n.start(), anchor(n), r, name + " read here", COMMENT);
        }
        claim(n);
    }

    /**
     * A variable's name declared as a key ({@code PORTKEY_API_KEY: z.string()} in an env schema,
     * {@code PORTKEY_API_KEY: string} in a Worker's {@code Bindings} type): renamed like the reads
     * of it, so {@code env.CONCENTRATE_API_KEY} still type-checks against its declaration. Only
     * names with a rename rule; the rest are reported where they are read.
     */
    private void envDeclaration(JsNode n) {
        JsNode p = n.parent();
        boolean declares = p != null && (p.is("pair") && p.child("key") == n
                || p.is("property_signature") && p.child("name") == n);
        String name = n.text();
        if (!declares || !PORTKEY_VAR.matcher(name).matches()) {
            return;
        }
        PublicEnvPrefixes.Lookup found = PublicEnvPrefixes.lookup(rules, name).orElse(null);
        if (found == null || found.rule().action() != Action.REPLACE_ENV || found.rule().to() == null) {
            return;
        }
        Rule r = found.rule();
        work.fix(n.start(), r, "environment variable " + name + " declared here",
                TextEdit.replace(n.start(), n.end(), found.renamedTo(), r.id()));
        claim(n);
    }

    /** Where JavaScript code reads its environment: Node, and Vite (and other bundlers) in the browser. */
    private static final Set<String> ENV_OBJECTS = Set.of("process.env", "import.meta.env");

    /**
     * An object that holds environment variables under their own names without being
     * {@code process.env}: a Cloudflare Worker's or Hono's bindings ({@code env}, {@code c.env}),
     * {@code Bun.env}, a validated env module ({@code import { env } from './env'}, t3-env,
     * {@code serverEnv}, {@code envConfig}). Its last name says "env".
     */
    private static final Pattern ENV_LIKE = Pattern.compile("(?i)(?:[a-z0-9_$]*env|env[a-z0-9_$]*)");

    /** Whether {@code object} is where the code reads environment variables by name. */
    static boolean isEnvObject(JsNode object) {
        String text = object.text().replace(" ", "");
        if (ENV_OBJECTS.contains(text)) {
            return true;
        }
        String last = text.substring(text.lastIndexOf('.') + 1);
        return ENV_LIKE.matcher(last).matches();
    }

    /**
     * The Concentrate key read that takes the place of {@code value}, the Portkey key a client or
     * header was given: an env-like read of a renamed variable ({@code env.PORTKEY_API_KEY} in a
     * Worker) keeps its object, as the file's own {@code process.env} reads do, since a Worker
     * or a validated env module has no (or another) {@code process.env}; otherwise the file's key read.
     */
    private String keyReadFor(JsNode value) {
        if (value != null && value.is("member_expression") && value.child("object") != null
                && value.child("property") != null && isEnvObject(value.child("object"))
                && !ENV_OBJECTS.contains(value.child("object").text().replace(" ", ""))) {
            String name = value.child("property").text();
            String prefix = PublicEnvPrefixes.of(name);
            Rule r = rules.envVar(name.substring(prefix.length())).orElse(null);
            if (r != null && r.action() == Action.REPLACE_ENV && r.to() != null && r.to().equals(keyVariable)) {
                return value.child("object").text() + "." + prefix + r.to();
            }
        }
        return keyRead;
    }

    /**
     * The expression that reads the Concentrate key in this file: the file's own Portkey key read
     * with the Portkey name swapped ({@code import.meta.env.VITE_PORTKEY_API_KEY} gives
     * {@code import.meta.env.VITE_CONCENTRATE_API_KEY}); {@code process.env.CONCENTRATE_API_KEY} otherwise.
     */
    private String keyRead(JsNode root) {
        for (JsNode n : root.findAll(x -> x.is("member_expression"))) {
            JsNode object = n.child("object");
            JsNode property = n.child("property");
            if (object == null || property == null) {
                continue;
            }
            String env = object.text().replace(" ", "");
            String name = property.text();
            String prefix = PublicEnvPrefixes.of(name);
            if (ENV_OBJECTS.contains(env) && name.substring(prefix.length()).equals("PORTKEY_API_KEY")) {
                return env + "." + prefix + keyVariable;
            }
        }
        return "process.env." + keyVariable;
    }

    /** {@code PORTKEY_GATEWAY_URL} imported from portkey-ai: Concentrate's base URL in its place. */
    private void identifier(JsNode n) {
        if (!imports.isGatewayUrl(n.text())) {
            return;
        }
        JsNode p = n.parent();
        if (p != null && (p.is("import_specifier") || p.is("variable_declarator") && p.child("name") == n)) {
            return;
        }
        Rule r = rules.baseUrl(Imports.PORTKEY_GATEWAY_URL).orElse(dependencyRule);
        String url = rules.rewriteUrls(Imports.PORTKEY_GATEWAY_URL);
        if (p != null && p.is("template_substitution")) {
            work.fix(n.start(), r, n.text() + " from portkey-ai", TextEdit.replace(p.start(), p.end(), url, r.id()));
            claim(p);
        } else {
            work.fix(n.start(), r, n.text() + " from portkey-ai", TextEdit.replace(n.start(), n.end(), quoted(url), r.id()));
            claim(n);
        }
    }

    private Optional<Rule> portkeyApiPath(String url) {
        int host = url.toLowerCase(Locale.ROOT).indexOf("api.portkey.ai");
        String path = url.substring(host + "api.portkey.ai".length());
        int end = path.length();
        for (char c : new char[]{'\'', '"', '`', '?', '$'}) {
            int i = path.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        path = path.substring(0, end);
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            if (r.specificity(path) >= 0 && r.match().stream().anyMatch(m -> m.startsWith("/"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    // ------------------------------------------------------------------ finishing

    /**
     * Emits the edits of every object rewrite, innermost first: a header object left empty takes
     * its {@code headers:} entry along, and a per-request options object left empty its argument.
     */
    private void finishObjects() {
        java.util.PriorityQueue<ObjectRewrite> queue = new java.util.PriorityQueue<>(
                Comparator.comparingInt((ObjectRewrite o) -> o.object().start()).reversed());
        queue.addAll(objects.values());
        Set<JsNode> done = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        while (!queue.isEmpty()) {
            ObjectRewrite rw = queue.poll();
            JsNode object = rw.object();
            if (!done.add(object)) {
                continue;
            }
            if (rw.becomesEmpty()) {
                JsNode owner = headerOwners.get(object);
                if (owner != null) {
                    JsNode parentObject = owner.parent();
                    boolean fresh = !objects.containsKey(parentObject);
                    rewrite(parentObject).remove(owner, "header-other");
                    if (fresh) {
                        queue.add(objects.get(parentObject));
                    }
                    continue;
                }
                JsNode args = object.parent();
                if (args != null && args.is("arguments") && emptiedOptions(object)) {
                    List<JsNode> list = args.namedChildren();
                    int idx = list.indexOf(object);
                    if (idx > 0) {
                        work.edit(TextEdit.delete(list.get(idx - 1).end(), object.end(), "header-other"));
                        continue;
                    }
                }
            }
            for (TextEdit e : rw.edits(text)) {
                work.edit(e);
            }
        }
    }

    /** Only objects that held headers (or held only a headers entry) disappear when empty. */
    private boolean emptiedOptions(JsNode object) {
        for (JsNode entry : object.namedChildren()) {
            String key = JsValues.keyName(entry);
            if (key == null || !(HEADER_KEYS.contains(key) || key.toLowerCase(Locale.ROOT).startsWith("x-portkey-"))) {
                return false;
            }
        }
        return true;
    }

    private void finishImports() {
        imports.finish(work, text, quote, claimed);
    }

    // ------------------------------------------------------------------ helpers

    private ObjectRewrite rewrite(JsNode object) {
        return objects.computeIfAbsent(object, ObjectRewrite::new);
    }

    /** Options the OpenAI SDK and {@code createOpenAI} take themselves: they stay on a migrated client. */
    private static final Set<String> OPENAI_OPTIONS = Set.of("apiKey", "baseURL", "organization", "project", "timeout",
            "maxRetries", "defaultHeaders", "defaultQuery", "dangerouslyAllowBrowser", "fetch", "fetchOptions", "httpAgent",
            "webSocketBaseURL", "logLevel", "logger", "name", "headers", "compatibility");

    /**
     * A Portkey client option without an sdk-param rule of its own: the SDK sends it as the header
     * {@code x-portkey-<kebab-case name>} ({@code awsRegion} as {@code x-portkey-aws-region},
     * {@code strictOpenAiCompliance} as {@code x-portkey-strict-open-ai-compliance}), so that
     * header's rule applies, as for Python's keyword arguments. The OpenAI SDK's own options stay.
     */
    private Rule headerOption(String key) {
        if (OPENAI_OPTIONS.contains(key) || !key.matches("[a-z][A-Za-z0-9]*")) {
            return null;
        }
        String kebab = key.replace("ID", "Id").replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
        return rules.requestHeader("x-portkey-" + kebab).orElse(null);
    }

    private Rule sdkParam(String key) {
        return rules.sdkParam(key).filter(r -> r.match().contains(key)).orElse(null);
    }

    /** The provider a {@code provider} or {@code virtualKey} option (or header) names, if it can be told. */
    private ProviderPin providerOf(JsNode entry) {
        JsNode value = entry.is("pair") ? entry.child("value") : null;
        return value == null ? null : values.resolve(value).flatMap(providers::resolve).orElse(null);
    }

    private boolean mentionsPortkey(JsNode node) {
        for (JsNode n : node.findAll(x -> x.is("string") || x.is("template_string") || x.is("identifier")
                || x.is("property_identifier") || x.is("call_expression"))) {
            switch (n.type()) {
                case "string", "template_string" -> {
                    if (n.text().toLowerCase(Locale.ROOT).contains("portkey")) {
                        return true;
                    }
                }
                case "identifier" -> {
                    if (imports.isGatewayUrl(n.text()) || imports.isCreateHeaders(n.text())) {
                        return true;
                    }
                    Optional<String> v = values.resolve(n);
                    if (v.isPresent() && v.get().toLowerCase(Locale.ROOT).contains("portkey")) {
                        return true;
                    }
                }
                case "property_identifier" -> {
                    if (PORTKEY_VAR.matcher(n.text()).matches()) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /**
     * The Authorization value for a Portkey key header whose value was {@code value}. A literal (a
     * secret in code) or an environment read becomes the Concentrate key variable; any other
     * expression (a parameter, a setting the user stored, a per-tenant key) keeps carrying the key,
     * now as the bearer: replacing it with one process-wide variable would change whose key is sent,
     * and browser code has no process.env.
     */
    private String bearerFor(JsNode value) {
        if (value == null || JsValues.literal(value) != null || value.is("string") || value.is("template_string")
                || value.text().contains("process.env") || value.text().contains("import.meta.env")) {
            return bearer();
        }
        String read = keyReadFor(value);
        if (!read.equals(keyRead)) {
            return "`Bearer ${" + read + "}`";
        }
        return "`Bearer ${" + value.text() + "}`";
    }

    private String bearer() {
        return "`Bearer ${" + keyRead + "}`";
    }

    private String concentrateBase() {
        return rules.rewriteUrls(Imports.PORTKEY_GATEWAY_URL);
    }

    private String baseUrlEntry() {
        String to = rules.sdkParam("baseURL").map(Rule::to).filter(t -> t != null).orElse(concentrateBase());
        return "baseURL: " + quoted(to);
    }

    private String apiKeyEntry() {
        return "apiKey: " + keyRead;
    }

    private String quoted(String s) {
        return JsValues.quote(s, quote);
    }

    /** The file's own string quote: the one most of its string literals use. */
    private static char dominantQuote(JsNode root) {
        int single = 0;
        int dbl = 0;
        for (JsNode s : root.findAll(n -> n.is("string"))) {
            if (s.text().startsWith("'")) {
                single++;
            } else {
                dbl++;
            }
        }
        return dbl > single ? '"' : '\'';
    }

    private List<TextEdit> removeStatement(JsNode statement, String ruleId) {
        int s = statement.start();
        int e = statement.end();
        if (text.onlyBlankBefore(s) && text.onlyBlankOrCommentAfter(e, null)) {
            return List.of(TextEdit.delete(text.lineStart(s), text.nextLineStart(e), ruleId));
        }
        return List.of(TextEdit.delete(s, e, ruleId));
    }

    /**
     * Where a TODO goes: above the object entry when it starts its own line, otherwise above the
     * statement that holds the node.
     */
    private int anchor(JsNode n) {
        for (JsNode cur = n; cur != null; cur = cur.parent()) {
            if ((cur.is("pair") || cur.is("shorthand_property_identifier")) && text.onlyBlankBefore(cur.start())) {
                return cur.start();
            }
            String t = cur.type();
            if (t.endsWith("_statement") || t.endsWith("_declaration") || t.equals("public_field_definition")) {
                JsNode up = cur.parent();
                if (up != null && up.is("export_statement")) {
                    return up.start();
                }
                return cur.start();
            }
        }
        return n.start();
    }

    private static String dottedPath(JsNode e) {
        if (e == null) {
            return "";
        }
        if (e.is("member_expression")) {
            String left = dottedPath(e.child("object"));
            JsNode p = e.child("property");
            return (left.isEmpty() ? "" : left + ".") + (p == null ? "" : p.text());
        }
        if (e.is("call_expression")) {
            return dottedPath(e.child("function"));
        }
        if (e.is("identifier") || e.is("this")) {
            return e.text();
        }
        return "";
    }

    /** The variable a member chain starts from ({@code client} of {@code client.chat.completions.create}, {@code x} of {@code this.x.y}). */
    private static String rootName(JsNode e) {
        JsNode cur = e;
        String lastProperty = null;
        while (cur != null) {
            if (cur.is("member_expression")) {
                JsNode obj = cur.child("object");
                if (obj != null && obj.is("this")) {
                    JsNode p = cur.child("property");
                    return p == null ? null : p.text();
                }
                cur = obj;
            } else if (cur.is("identifier")) {
                return cur.text();
            } else if (cur.is("call_expression")) {
                cur = cur.child("function");
            } else {
                return lastProperty;
            }
        }
        return null;
    }

    private static String lastName(JsNode e) {
        if (e.is("member_expression") && e.child("property") != null) {
            return e.child("property").text();
        }
        return e.text();
    }

    private void claim(JsNode n) {
        claimed.add(new int[]{n.start(), n.end()});
    }

    private boolean isClaimed(JsNode n) {
        for (int[] r : claimed) {
            if (r[0] <= n.start() && n.end() <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
