package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;
import static dev.migrateportkey.lang.typescript.JsFileContext.HEADER_KEYS;
import static dev.migrateportkey.lang.typescript.JsFileContext.PORTKEY_VAR;

/**
 * Clients and their options: {@code new Portkey({...})} and {@code createPortkey({...})} become the
 * OpenAI class or factory, an OpenAI-compatible client pointed at Portkey ({@code new OpenAI},
 * {@code ChatOpenAI}) gets Concentrate's base URL and key, and every option follows its sdk-param
 * rule (legacy v0 options included, read as the {@code x-portkey-*} header they were sent as).
 */
final class ClientOptions {
    /** Options the OpenAI SDK and {@code createOpenAI} take themselves: they stay on a migrated client. */
    private static final Set<String> OPENAI_OPTIONS = Set.of("apiKey", "baseURL", "organization", "project", "timeout",
            "maxRetries", "defaultHeaders", "defaultQuery", "dangerouslyAllowBrowser", "fetch", "fetchOptions", "httpAgent",
            "webSocketBaseURL", "logLevel", "logger", "name", "headers", "compatibility");

    private final JsFileContext ctx;
    private final ClientIndex index;
    private final ConfigPlacement configs;
    private final HeaderObjects headers;

    ClientOptions(JsFileContext ctx, ClientIndex index, ConfigPlacement configs, HeaderObjects headers) {
        this.ctx = ctx;
        this.index = index;
        this.configs = configs;
        this.headers = headers;
    }

    /** What the options of a client said about the key, the base URL and the provider. */
    private static final class Found {
        boolean hasBase;
        boolean hasKey;
        ProviderPin provider;
        /** A virtualKey or provider option whose provider cannot be told. */
        boolean unknownProvider;
    }

    /** {@code new X({...})}: a Portkey client, a client pointed at Portkey, or an OpenAI client's options. */
    void newExpression(JsNode n) {
        JsNode ctor = n.child("constructor");
        JsNode args = n.child("arguments");
        if (ctor == null) {
            return;
        }
        if (ctor.is("identifier") && ctx.imports.isClientClass(ctor.text())) {
            portkeyClient(n, ctor, args, ctx.imports.clientTarget(ctor.text()));
            return;
        }
        if (args != null && !args.namedChildren().isEmpty() && args.namedChildren().get(0).is("object")) {
            JsNode options = args.namedChildren().get(0);
            if (ctx.mentionsPortkey(options)) {
                boundClient(n, options);
            } else if (ctor.is("identifier") && ctx.imports.isOpenAiClient(ctor.text())) {
                ctx.handled.add(options);
                sdkOptions(ctx.rewrite(options), ctor.text(), false, n);
            }
        }
    }

    /**
     * {@code new Portkey({...})} or {@code createPortkey({...})}: the class or factory becomes the
     * OpenAI one and every option follows its sdk-param rule; the base URL and the Concentrate key
     * are added when missing.
     */
    void portkeyClient(JsNode site, JsNode callee, JsNode args, Imports.Target target) {
        List<JsNode> argList = args == null ? List.of() : args.namedChildren();
        String subject = callee.text() + "(...) from " + target.fromModule();
        Rule dependencyRule = ctx.dependencyRule;
        if (args == null || argList.size() > 1 || (argList.size() == 1 && !argList.get(0).is("object"))) {
            ctx.imports.unmigrated(callee.text());
            ctx.work.manualWithTodo(site.start(), ctx.anchor(site), dependencyRule,
                    subject + " with options the tool cannot read (not an object literal): write "
                            + target.name() + "({ baseURL: '" + concentrateBase() + "', apiKey: " + ctx.keys.keyRead() + " })",
                    COMMENT);
            ctx.claim(site);
            return;
        }
        index.markPortkeyClient();
        ctx.imports.migrated(callee.text());
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(callee.start(), callee.end(), target.name(), dependencyRule.id()));
        if (argList.isEmpty()) {
            edits.add(TextEdit.replace(args.start(), args.end(),
                    "({ " + baseUrlEntry() + ", " + ctx.keys.apiKeyEntry() + " })", dependencyRule.id()));
            ctx.work.fix(site.start(), dependencyRule, subject, edits);
            ctx.claim(site);
            return;
        }
        ctx.work.fix(site.start(), dependencyRule, subject, edits);
        ctx.claim(callee);
        JsNode options = argList.get(0);
        ctx.handled.add(options);
        ObjectRewrite rw = ctx.rewrite(options);
        Found found = sdkOptions(rw, callee.text(), true, site);
        if (!found.hasBase) {
            rw.prepend(baseUrlEntry(), dependencyRule.id());
        }
        if (!found.hasKey) {
            rw.prepend(ctx.keys.apiKeyEntry(), dependencyRule.id());
        }
        if (target.factory()) {
            JsNode decl = site.parent();
            if (decl != null && decl.is("variable_declarator") && decl.child("name") != null) {
                index.rememberFactory(decl.child("name").text(), target);
            }
        }
        if (found.provider == null && found.unknownProvider) {
            index.rememberUnknownProvider(site);
        }
        index.rememberProvider(site, found.provider);
    }

    /**
     * Applies the sdk-param rules to the entries of a client's options. For a Portkey class every
     * option counts; for an OpenAI client (already migrated, or written so by hand) its own apiKey
     * and baseURL are left alone and only Portkey's options are looked at, so a manual one left
     * behind keeps being reported.
     */
    private Found sdkOptions(ObjectRewrite rw, String owner, boolean portkeyClass, JsNode site) {
        Found out = new Found();
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            Rule r = key == null ? null : ctx.sdkParam(key);
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
                    String env = ctx.keys.keyReadFor(entry.child("value"));
                    if (!env.equals(JsValues.valueSource(entry))) {
                        replace(rw, entry, key + ": " + env, r, what);
                    }
                }
                case REPLACE_URL -> {
                    out.hasBase = true;
                    if (!portkeyClass) {
                        continue;
                    }
                    String url = ctx.quoted(r.to() != null ? r.to() : concentrateBase());
                    // The OpenAI SDK (and @ai-sdk/openai) read baseURL only: a baseUrl spelling would
                    // be ignored and the requests would go to api.openai.com.
                    if (!url.equals(JsValues.valueSource(entry)) || !key.equals("baseURL")) {
                        replace(rw, entry, "baseURL: " + url, r, what);
                    }
                }
                case DROP, TO_MODEL_PREFIX -> {
                    if (r.action() == Action.TO_MODEL_PREFIX) {
                        ProviderPin p = r.prefix() != null ? new ProviderPin(r.prefix(), key, false) : ctx.pinOf(entry.is("pair") ? entry.child("value") : entry, r, what);
                        out.provider = p != null ? p : out.provider;
                        out.unknownProvider |= p == null;
                    }
                    rw.remove(entry, r.id());
                    ctx.work.fix(entry.start(), r, what);
                    ctx.claim(entry);
                }
                case RENAME_HEADER -> replace(rw, entry,
                        "defaultHeaders: { " + ctx.quoted(r.to()) + ": " + JsValues.valueSource(entry) + " }", r, what);
                case TO_CLIENT_TIMEOUT -> replace(rw, entry, "timeout: " + JsValues.valueSource(entry), r, what);
                case KEEP, CHECKLIST -> {
                }
                case DECOMPOSE_CONFIG -> {
                    configs.addConfig(new ConfigPlacement.Pending(entry, ConfigPlacement.configValue(entry), rw, r, site, null));
                    ctx.claim(entry);
                }
                case TO_BODY_PARAM -> {
                    configs.addParam(new ConfigPlacement.Pending(entry, ConfigPlacement.configValue(entry), rw, r, site, null));
                    ctx.claim(entry);
                }
                default -> {
                    ctx.work.manualWithTodo(entry.start(), ctx.anchor(entry), r, what, COMMENT);
                    ctx.claim(entry);
                }
            }
        }
        return out;
    }

    /** One option entry rewritten as {@code replacement}: the edit, its finding, and the claim. */
    private void replace(ObjectRewrite rw, JsNode entry, String replacement, Rule r, String what) {
        rw.replace(entry, replacement, r.id());
        ctx.work.fix(entry.start(), r, what);
        ctx.claim(entry);
    }

    /** An OpenAI-compatible client (OpenAI, ChatOpenAI, ...) whose options point at Portkey. */
    private void boundClient(JsNode site, JsNode options) {
        ctx.handled.add(options);
        index.markPortkeyClient();
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
                Rule r = ctx.sdkParam(key);
                JsNode value = entry.child("value");
                if (r != null && r.action() == Action.TO_AUTHORIZATION) {
                    hasKey = true;
                    String env = ctx.keys.keyReadFor(value);
                    if (!env.equals(JsValues.valueSource(entry))) {
                        replace(rw, entry, key + ": " + env, r, key + " option of a client pointed at Portkey");
                    }
                } else if (r != null && r.action() == Action.REPLACE_URL) {
                    baseHolder = rw;
                    baseUrlValue(entry, value, r);
                } else if (HEADER_KEYS.contains(key) && value != null) {
                    if (value.is("object")) {
                        ctx.headerOwners.put(value, entry);
                        ProviderPin p = headers.headerObject(value, site);
                        provider = p != null ? p : provider;
                    } else if (value.is("call_expression") && headers.isCreateHeaders(value)) {
                        ProviderPin p = headers.createHeaders(value, site, entry);
                        provider = p != null ? p : provider;
                    }
                }
            }
        }
        if (!hasKey) {
            ObjectRewrite holder = baseHolder != null ? baseHolder : levels.get(0);
            holder.prepend(ctx.keys.apiKeyEntry(), "sdk-api-key");
            Rule r = ctx.rules.byId("sdk-api-key").orElse(ctx.dependencyRule);
            ctx.work.fix(holder.object().start(), r, "client pointed at Portkey without an apiKey option");
        }
        if (provider != null && levels.get(0).entries().stream().anyMatch(e -> "model".equals(JsValues.keyName(e)))) {
            // LangChain's ChatOpenAI names its model in its own options, not in each request.
            index.pinModelOption(options, provider);
        }
        index.rememberProvider(site, provider);
    }

    /** The options object and the objects nested in it as option values (not function bodies). */
    private void collectOptionObjects(JsNode object, List<ObjectRewrite> out) {
        ObjectRewrite rw = ctx.rewrite(object);
        out.add(rw);
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            JsNode value = entry.child("value");
            if (value != null && value.is("object") && key != null && !HEADER_KEYS.contains(key)) {
                ctx.handled.add(value);
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
        if (!value.findAll(n -> n.is("identifier") && ctx.imports.isGatewayUrl(n.text())).isEmpty()) {
            return;
        }
        if (!value.findAll(n -> n.is("property_identifier") && PORTKEY_VAR.matcher(n.text()).matches()).isEmpty()) {
            return;
        }
        Optional<String> v = ctx.values.resolve(value);
        if (v.isPresent() && (!ctx.rules.rewriteUrls(v.get()).equals(v.get()) || v.get().contains("concentrate"))) {
            return;
        }
        ctx.work.manualWithTodo(value.start(), ctx.anchor(entry), r, "base URL from '" + value.text() + "'", COMMENT);
        ctx.claim(value);
    }

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
        return ctx.rules.requestHeader("x-portkey-" + kebab).orElse(null);
    }

    private String concentrateBase() {
        return ctx.rules.rewriteUrls(Imports.PORTKEY_GATEWAY_URL);
    }

    private String baseUrlEntry() {
        String to = ctx.rules.sdkParam("baseURL").map(Rule::to).filter(t -> t != null).orElse(concentrateBase());
        return "baseURL: " + ctx.quoted(to);
    }
}
