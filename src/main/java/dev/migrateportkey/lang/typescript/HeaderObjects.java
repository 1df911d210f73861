package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;
import static dev.migrateportkey.lang.typescript.JsFileContext.HEADER_KEYS;

/**
 * Header maps: object literals with {@code x-portkey-*} keys (a client's {@code defaultHeaders},
 * a request's {@code headers}) and Portkey's {@code createHeaders({...})} helper. Each header or
 * option follows its rule; a Config or body param among them is handed to {@link ConfigPlacement}.
 * A header pinning a provider pins the client or the one request it belongs to.
 */
final class HeaderObjects {
    private final JsFileContext ctx;
    private final ClientIndex index;
    private final ConfigPlacement configs;

    HeaderObjects(JsFileContext ctx, ClientIndex index, ConfigPlacement configs) {
        this.ctx = ctx;
        this.index = index;
        this.configs = configs;
    }

    /** Whether the walk should handle this object literal as a header map. */
    boolean isHeaderMap(JsNode object) {
        return !ctx.handled.contains(object) && hasPortkeyHeaderKey(object);
    }

    /**
     * An object literal with {@code x-portkey-*} keys: each follows its request-header rule.
     * {@code client} is the client whose default headers these are (it carries the key), or null
     * for a request's own headers. Returns the provider prefix an {@code x-portkey-provider} entry
     * named, if any.
     */
    ProviderPin headerObject(JsNode object, JsNode client) {
        boolean clientHasKey = client != null;
        ctx.handled.add(object);
        ObjectRewrite rw = ctx.rewrite(object);
        if (!ctx.headerOwners.containsKey(object)) {
            ctx.headerOwners.put(object, ownerEntry(object));
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
            Rule r = ctx.rules.requestHeader(key).orElse(null);
            if (r == null) {
                continue;
            }
            String what = key + " header";
            switch (r.action()) {
                case DROP, TO_MODEL_PREFIX -> {
                    if (r.action() == Action.TO_MODEL_PREFIX) {
                        ProviderPin p = r.prefix() != null ? new ProviderPin(r.prefix(), key, false) : ctx.pinOf(entry.is("pair") ? entry.child("value") : entry, r, what);
                        provider = p != null ? p : provider;
                    }
                    rw.remove(entry, r.id());
                    ctx.work.fix(entry.start(), r, what);
                }
                case RENAME_HEADER -> {
                    rw.replace(entry, ctx.quoted(r.to()) + ": " + JsValues.valueSource(entry), r.id());
                    ctx.work.fix(entry.start(), r, what);
                }
                case TO_AUTHORIZATION -> {
                    if (clientHasKey) {
                        rw.remove(entry, r.id());
                    } else if (authorization != null) {
                        rw.remove(entry, r.id());
                        String bearer = ctx.keys.bearerFor(entry.child("value"));
                        if (!bearer.equals(JsValues.valueSource(authorization))) {
                            rw.replace(authorization, authorizationKey(authorization) + ": " + bearer, r.id());
                            ctx.claim(authorization);
                        }
                    } else {
                        rw.replace(entry, "Authorization: " + ctx.keys.bearerFor(entry.child("value")), r.id());
                    }
                    ctx.work.fix(entry.start(), r, what);
                }
                case KEEP, CHECKLIST -> {
                }
                case DECOMPOSE_CONFIG -> configs.addConfig(pending(object, entry, rw, r, client));
                case TO_BODY_PARAM -> configs.addParam(pending(object, entry, rw, r, client));
                default -> ctx.work.manualWithTodo(entry.start(), ctx.anchor(entry), r, what, COMMENT);
            }
            ctx.claim(entry);
        }
        if (provider != null) {
            JsNode call = enclosingCall(object);
            // A per-request header pins that request only; a client's header pins the client.
            if (call != null && !clientHasKey) {
                index.pinCall(call, provider);
            }
        }
        return provider;
    }

    /** A Config or param header: it applies to the client's requests, or to the one call it is passed to. */
    private static ConfigPlacement.Pending pending(JsNode object, JsNode entry, ObjectRewrite rw, Rule r, JsNode client) {
        return client != null
                ? new ConfigPlacement.Pending(entry, ConfigPlacement.configValue(entry), rw, r, client, null)
                : new ConfigPlacement.Pending(entry, ConfigPlacement.configValue(entry), rw, r, null, enclosingCall(object));
    }

    private static JsNode enclosingCall(JsNode n) {
        return n.ancestor(a -> a.is("call_expression") || a.is("new_expression"));
    }

    private static String authorizationKey(JsNode entry) {
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

    private static boolean hasPortkeyHeaderKey(JsNode object) {
        for (JsNode entry : object.namedChildren()) {
            String key = JsValues.keyName(entry);
            if (key != null && key.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
                return true;
            }
        }
        return false;
    }

    /** Whether {@code call} calls Portkey's {@code createHeaders} (under any local name). */
    boolean isCreateHeaders(JsNode call) {
        JsNode fn = call.child("function");
        return fn != null && fn.is("identifier") && ctx.imports.isCreateHeaders(fn.text());
    }

    /**
     * {@code createHeaders({...})}: its options become the headers that still mean something on
     * Concentrate. In a client's {@code defaultHeaders} ({@code client} not null) the key travels as
     * the client's apiKey; elsewhere it becomes {@code Authorization: Bearer}. Options without an
     * automatic equivalent leave the call as it is, with a TODO.
     */
    ProviderPin createHeaders(JsNode call, JsNode client, JsNode owner) {
        boolean inClient = client != null;
        JsNode args = call.child("arguments");
        List<JsNode> argList = args == null ? List.of() : args.namedChildren();
        JsNode fn = call.child("function");
        if (argList.size() != 1 || !argList.get(0).is("object")) {
            Rule r = ctx.rules.byId("header-other").orElse(ctx.dependencyRule);
            ctx.imports.unmigrated(fn.text());
            ctx.work.manualWithTodo(call.start(), ctx.anchor(call), r,
                    fn.text() + "(...) with options the tool cannot read: list the headers that remain by hand", COMMENT);
            ctx.claim(call);
            return null;
        }
        JsNode options = argList.get(0);
        ctx.handled.add(options);
        List<JsNode> entries = options.namedChildren();
        List<Runnable> findings = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        List<JsNode> manual = new ArrayList<>();
        List<JsNode> known = new ArrayList<>();
        ProviderPin provider = null;
        ConfigPlacement.Pending config = null;
        for (JsNode entry : entries) {
            String key = JsValues.keyName(entry);
            Rule r = key == null ? null : ctx.sdkParam(key);
            if (r == null) {
                manual.add(entry);
                continue;
            }
            known.add(entry);
            String what = key + " option of " + fn.text() + "(...)";
            switch (r.action()) {
                case TO_AUTHORIZATION -> {
                    if (!inClient) {
                        headers.add("Authorization: " + ctx.keys.bearerFor(entry.child("value")));
                    }
                    findings.add(() -> ctx.work.fix(entry.start(), r, what));
                }
                case RENAME_HEADER -> {
                    headers.add(ctx.quoted(r.to()) + ": " + JsValues.valueSource(entry));
                    findings.add(() -> ctx.work.fix(entry.start(), r, what));
                }
                case DROP, TO_MODEL_PREFIX -> {
                    if (r.action() == Action.TO_MODEL_PREFIX) {
                        ProviderPin p = r.prefix() != null ? new ProviderPin(r.prefix(), key, false) : ctx.pinOf(entry.is("pair") ? entry.child("value") : entry, r, what);
                        provider = p != null ? p : provider;
                    }
                    findings.add(() -> ctx.work.fix(entry.start(), r, what));
                }
                case KEEP, CHECKLIST -> {
                }
                case DECOMPOSE_CONFIG -> {
                    if (inClient && config == null) {
                        config = new ConfigPlacement.Pending(entry, ConfigPlacement.configValue(entry), null, r, client, null);
                    } else {
                        manual.add(entry);
                    }
                }
                default -> manual.add(entry);
            }
        }
        if (config != null && manual.isEmpty()) {
            // Whether the Config can go depends on the client's requests, known after the walk.
            ConfigPlacement.Pending pending = config;
            ctx.claim(call);
            configs.defer(() -> {
                if (configs.decomposeConfig(pending)) {
                    finishCreateHeaders(call, inClient, owner, headers, findings, null);
                } else {
                    ctx.imports.unmigrated(fn.text());
                }
            });
            return provider;
        }
        if (config != null) {
            manual.add(config.entry());
        }
        if (!manual.isEmpty()) {
            ctx.imports.unmigrated(fn.text());
            for (JsNode entry : manual) {
                String key = JsValues.keyName(entry);
                Rule r = key == null ? null : ctx.sdkParam(key);
                if (r == null && entry.is("spread_element")) {
                    r = ctx.rules.byId("header-other").orElse(ctx.dependencyRule);
                    // `...(cond && { "spanID": id })`: name the options it may set, not the whole expression.
                    List<String> keys = entry.findAll(x -> x.is("pair") || x.is("shorthand_property_identifier")).stream()
                            .map(JsValues::keyName).filter(k -> k != null).distinct().toList();
                    String shown = keys.isEmpty() ? entry.text() : "setting " + String.join(", ", keys);
                    ctx.work.manualWithTodo(entry.start(), ctx.anchor(entry), r.id(), "a spread (" + shown + ") in "
                            + fn.text() + "(...) hides which Portkey options it sets, so the call stays as it is: spell its"
                            + " options out, or write the headers that remain (X-Request-Id for a trace id) by hand", COMMENT);
                } else if (r == null) {
                    r = ctx.rules.byId("header-other").orElse(ctx.dependencyRule);
                    ctx.work.manualWithTodo(entry.start(), ctx.anchor(entry), r, (key == null ? entry.text() : key)
                            + " in " + fn.text() + "(...) is not a Portkey option the tool knows", COMMENT);
                } else {
                    ctx.work.manualWithTodo(entry.start(), ctx.anchor(entry), r, key + " option of " + fn.text() + "(...)", COMMENT);
                }
            }
            // The call stays whole, so its known options (quoted keys included) stay too: each is
            // reported, or check would name only the entry that blocked the rewrite.
            for (JsNode entry : known) {
                if (!manual.contains(entry)) {
                    String key = JsValues.keyName(entry);
                    ctx.work.manual(entry.start(), ctx.sdkParam(key), key + " option of " + fn.text()
                            + "(...), kept while the call stays as it is");
                }
            }
            ctx.claim(call);
            return provider;
        }
        finishCreateHeaders(call, inClient, owner, headers, findings, provider);
        return provider;
    }

    /** Replaces a fully understood {@code createHeaders(...)} by the headers left, or removes its entry. */
    private void finishCreateHeaders(JsNode call, boolean inClient, JsNode owner, List<String> headers,
                                     List<Runnable> findings, ProviderPin provider) {
        findings.forEach(Runnable::run);
        JsNode enclosing = enclosingCall(call);
        if (provider != null && !inClient && enclosing != null) {
            index.pinCall(enclosing, provider);
        }
        if (headers.isEmpty() && owner != null) {
            JsNode ownerObject = owner.parent();
            ctx.rewrite(ownerObject).remove(owner, "header-other");
            ctx.claim(owner);
        } else {
            ctx.work.edit(TextEdit.replace(call.start(), call.end(),
                    headers.isEmpty() ? "{}" : "{ " + String.join(", ", headers) + " }", "header-other"));
            ctx.claim(call);
        }
    }
}
