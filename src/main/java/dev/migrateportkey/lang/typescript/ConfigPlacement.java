package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.config.Decomposition;
import dev.migrateportkey.rules.Rule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;

/**
 * Portkey Configs (guide, Step 4) and options that become request body params
 * ({@code cacheNamespace}): collected while the file is walked, placed into the request bodies they
 * applied to once every request of the file is known ({@link #placeAll()}). A Config or param
 * whose requests are elsewhere, or that needs a human, stays with a TODO saying what it becomes.
 */
final class ConfigPlacement {
    /**
     * A Portkey Config (or body param) met as a client option or header: the entry holding it, its
     * value, the object it sits in, the rule, and where its requests are (a client, or one call).
     */
    record Pending(JsNode entry, JsNode value, ObjectRewrite holder, Rule rule, JsNode client, JsNode call) {
    }

    private final JsFileContext ctx;
    private final ClientIndex index;
    /** Configs met during the walk; placed once every request of the file is known. */
    private final List<Pending> pendingConfigs = new ArrayList<>();
    /** createHeaders calls with a Config, finished once the requests of the file are known. */
    private final List<Runnable> deferredHeaders = new ArrayList<>();
    /** Options and headers that become a request body param ({@code cacheNamespace}), placed likewise. */
    private final List<Pending> pendingParams = new ArrayList<>();
    private final Map<JsNode, Set<String>> placedParams = new IdentityHashMap<>();

    ConfigPlacement(JsFileContext ctx, ClientIndex index) {
        this.ctx = ctx;
        this.index = index;
    }

    /** The Config or param value an option entry holds (the entry itself for a shorthand). */
    static JsNode configValue(JsNode entry) {
        return entry.is("pair") ? entry.child("value") : entry;
    }

    void addConfig(Pending p) {
        pendingConfigs.add(p);
    }

    void addParam(Pending p) {
        pendingParams.add(p);
    }

    /** Work that depends on the file's requests (a createHeaders call with a Config), run first by {@link #placeAll()}. */
    void defer(Runnable r) {
        deferredHeaders.add(r);
    }

    /** Places everything collected during the walk: deferred headers, then Configs, then body params. */
    void placeAll() {
        deferredHeaders.forEach(Runnable::run);
        pendingConfigs.forEach(this::decomposeConfig);
        // A request's own header wins over its client's default: per-call params are placed first.
        pendingParams.sort(Comparator.comparing(x -> x.call() == null));
        pendingParams.forEach(this::bodyParam);
    }

    /**
     * Decomposes one Config (by the config package) and places its params: when nothing in it
     * needs a human and the requests it applied to are in this file, its body params go into each
     * request body and the Config goes. True when it migrated (the entry is removed from its
     * holder, or left to the caller when the holder is null), false when a TODO was reported.
     */
    boolean decomposeConfig(Pending p) {
        JsNode at = p.value() == null ? p.entry() : p.value();
        Optional<ConfigText.Parsed> parsed = p.value() == null ? Optional.empty() : JsConfigs.read(p.value(), ctx.values);
        Map<String, Object> config;
        String origin;
        if (parsed.isEmpty() || parsed.get() instanceof ConfigText.Invalid) {
            String why = parsed.map(x -> ((ConfigText.Invalid) x).problem()).orElse("not a literal the tool can read");
            ctx.work.manualWithTodo(at.start(), ctx.anchor(p.entry()), p.rule(), "Config (" + why + ")", COMMENT);
            return false;
        }
        if (parsed.get() instanceof ConfigText.SavedId saved) {
            Path file = ctx.work.options().configFiles().get(saved.id());
            Rule savedRule = ctx.rules.configKey(saved.id()).orElse(p.rule());
            if (file == null) {
                ctx.work.config(at.start(), saved.id(), Map.of(), List.of(), List.of(savedRule.note()));
                ctx.work.manualWithTodo(at.start(), ctx.anchor(p.entry()), savedRule, "saved Config '" + saved.id() + "'", COMMENT);
                return false;
            }
            try {
                config = ConfigText.readFile(file);
            } catch (IOException e) {
                ctx.work.manualWithTodo(at.start(), ctx.anchor(p.entry()), savedRule,
                        "saved Config '" + saved.id() + "' (" + file + " could not be read: " + e.getMessage() + ")", COMMENT);
                return false;
            }
            origin = saved.id() + " (" + file + ")";
        } else {
            config = ((ConfigText.Inline) parsed.get()).config();
            origin = "inline";
        }
        Decomposition d = ctx.decomposer.decompose(config);
        ctx.work.config(at.start(), origin, d.bodyParams(), d.dropped(), d.manual());
        String params = ConfigText.toJson(d.bodyParams());
        if (!d.automatic()) {
            ctx.work.manualWithTodo(at.start(), ctx.anchor(p.entry()), p.rule(),
                    "Config (" + origin + "): " + String.join("; ", d.manual()), COMMENT);
            return false;
        }
        if (d.clientTimeoutMs() != null && (p.client() == null || p.holder() == null)) {
            ctx.work.manualWithTodo(at.start(), ctx.anchor(p.entry()), p.rule(), "Config (" + origin + ") sets request_timeout "
                    + d.clientTimeoutMs() + " ms: set it on your HTTP client; body params: " + params, COMMENT);
            return false;
        }
        List<JsNode> bodies = bodiesFor(p);
        if (bodies.isEmpty() && !d.bodyParams().isEmpty()) {
            ctx.work.manualWithTodo(at.start(), ctx.anchor(p.entry()), p.rule(), "Config (" + origin
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
            index.rememberProvider(p.client(), d.primaryProvider());
        }
        ctx.work.fix(at.start(), p.rule(), "Config (" + origin + ")" + (d.bodyParams().isEmpty() ? " has nothing left to send"
                : " becomes body params " + params + " in " + bodies.size() + " request(s)"));
        return true;
    }

    /** The request bodies a Config or param applies to: its own call's, or its client's requests in this file. */
    private List<JsNode> bodiesFor(Pending p) {
        return p.call() != null ? index.bodiesOf(p.call()) : index.requestBodiesOf(ClientIndex.clientVariable(p.client()));
    }

    /**
     * An option or header that becomes a body param ({@code cacheNamespace} to
     * {@code prompt_cache_key}): added to every request body it applied to, when its value can be
     * moved there (a literal or an environment read) and those requests are in this file.
     */
    private void bodyParam(Pending p) {
        Rule r = p.rule();
        JsNode value = p.value();
        String param = r.param() != null ? r.param() : JsValues.keyName(p.entry());
        boolean movable = value != null && (JsValues.literal(value) != null || value.is("number")
                || value.text().replace(" ", "").startsWith("process.env."));
        List<JsNode> bodies = bodiesFor(p);
        String what = JsValues.keyName(p.entry());
        if (!movable || bodies.isEmpty()) {
            ctx.work.manualWithTodo(p.entry().start(), ctx.anchor(p.entry()), r, what + (movable
                    ? " (its requests are not in this file)" : " (its value cannot be moved into each request)"), COMMENT);
            return;
        }
        for (JsNode body : bodies) {
            ObjectRewrite rw = ctx.rewrite(body);
            boolean present = rw.entries().stream().anyMatch(e -> param.equals(JsValues.keyName(e)));
            if (!present && placedParams.computeIfAbsent(body, b -> new HashSet<>()).add(param)) {
                rw.append(JsConfigs.key(param, ctx.quote) + ": " + value.text(), r.id());
            }
        }
        p.holder().remove(p.entry(), r.id());
        ctx.work.fix(p.entry().start(), r, what + " becomes the " + param + " body param of " + bodies.size() + " request(s)");
    }

    /** Puts a decomposed Config's params into a request body, in the file's style. */
    private void placeParams(JsNode body, Decomposition d) {
        ObjectRewrite rw = ctx.rewrite(body);
        Map<String, JsNode> existing = new HashMap<>();
        for (JsNode entry : rw.entries()) {
            String key = JsValues.keyName(entry);
            if (key != null) {
                existing.put(key, entry);
            }
        }
        String rule = ctx.rules.byId("header-config").map(Rule::id).orElse("config");
        if (d.model() != null) {
            JsNode entry = existing.get("model");
            if (entry != null && entry.is("pair")) {
                JsNode value = entry.child("value");
                String original = JsValues.literal(value);
                rw.replace(entry, "model: " + ctx.quoted(d.model()), rule);
                ctx.work.model(value.start(), original != null ? original : value.text(), d.model());
                ctx.claim(value);
            } else {
                rw.append("model: " + ctx.quoted(d.model()), rule);
            }
        }
        Map<String, Object> rest = d.paramsWithoutModel();
        if (rest.isEmpty()) {
            return;
        }
        if (typeScript()) {
            // The OpenAI SDK's request types do not list Concentrate's own params (routing): a
            // spread passes them through the type check, as the SDK advises for undocumented params.
            rw.append("..." + JsConfigs.render(rest, ctx.quote), rule);
            return;
        }
        for (Map.Entry<String, Object> e : rest.entrySet()) {
            String text = JsConfigs.key(e.getKey(), ctx.quote) + ": " + JsConfigs.render(e.getValue(), ctx.quote);
            if (existing.containsKey(e.getKey())) {
                rw.replace(existing.get(e.getKey()), text, rule);
            } else {
                rw.append(text, rule);
            }
        }
    }

    private boolean typeScript() {
        String n = ctx.work.file().fileName().toLowerCase(Locale.ROOT);
        return n.endsWith(".ts") || n.endsWith(".tsx") || n.endsWith(".mts") || n.endsWith(".cts");
    }
}
