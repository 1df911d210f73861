package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.Set;

/**
 * Model strings in request bodies: once the walk has pinned clients and calls to providers, each
 * {@code model} sent through a migrated client (or a fetch with a provider header) gets the
 * provider Portkey routed it to as a slug prefix. OpenAI clients calling OpenAI itself are left alone.
 */
final class RequestModels {
    /** Methods of an HTTP client instance (axios, ky, got) that send a request body. */
    private static final Set<String> HTTP_METHODS = Set.of("post", "put", "patch", "request");
    /** Entries of a request's options that hold its body as an object. */
    private static final Set<String> BODY_KEYS = Set.of("json", "data", "body");
    private final JsFileContext ctx;
    private final ClientIndex index;

    RequestModels(JsFileContext ctx, ClientIndex index) {
        this.ctx = ctx;
        this.index = index;
    }

    /** Slugs the models of every request the file makes, then of every fetch body with a provider pin. */
    void placeAll() {
        index.requests().forEach(this::models);
        index.pinnedCalls().forEach(this::jsonBodies);
        index.modelOptions().forEach(this::modelEntries);
    }

    /** Model strings sent through a migrated client get the provider Portkey routed them to. */
    private void models(JsNode call) {
        if (ctx.isClaimed(call)) {
            return;
        }
        JsNode body = ClientIndex.requestBody(call.child("arguments").namedChildren().get(0));
        String receiver = index.receiverOf(call);
        if (receiver != null && index.isOpenAiDirect(receiver)) {
            return;
        }
        ProviderPin provider = index.providerFor(call);
        if (provider == null && !index.hasPortkeyClients()) {
            return;
        }
        modelEntries(body, provider);
    }

    /**
     * {@code fetch(url, { headers: {...provider...}, body: JSON.stringify({ model }) })}; and when the
     * pinned call made an HTTP client instance ({@code const api = axios.create({ headers })},
     * {@code ky.create}, {@code got.extend}), the bodies of the requests made through it.
     */
    private void jsonBodies(JsNode call, ProviderPin provider) {
        for (JsNode body : ClientIndex.jsonStringifyBodies(call)) {
            modelEntries(body, provider);
        }
        String instance = call.is("call_expression") ? ClientIndex.clientVariable(call) : null;
        if (instance == null || index.isClientVariable(instance)) {
            return;
        }
        for (JsNode request : ctx.root.findAll(x -> x.is("call_expression") && x != call)) {
            JsNode fn = request.child("function");
            JsNode args = request.child("arguments");
            if (fn == null || !fn.is("member_expression") || fn.child("property") == null || args == null
                    || !HTTP_METHODS.contains(fn.child("property").text()) || !instance.equals(ClientIndex.rootName(fn))) {
                continue;
            }
            for (JsNode arg : args.namedChildren()) {
                JsNode body = ClientIndex.requestBody(arg);
                if (body == null) {
                    continue;
                }
                modelEntries(body, provider);
                // ky's { json: {...} }, axios' config { data: {...} }: the body one level down.
                for (JsNode entry : body.namedChildren()) {
                    String key = JsValues.keyName(entry);
                    JsNode inner = entry.is("pair") ? ClientIndex.requestBody(entry.child("value")) : null;
                    if (inner != null && BODY_KEYS.contains(key)) {
                        modelEntries(inner, provider);
                    }
                }
                ClientIndex.jsonStringifyBodies(request).forEach(b -> modelEntries(b, provider));
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
            if (model == null || ctx.isClaimed(value)) {
                continue;
            }
            ModelSlugs.Slug made = ctx.slugs.slug(model, provider);
            String slug = made.slug();
            ctx.work.model(value.start(), model, slug);
            if (!slug.equals(model)) {
                // A model-catalog string ("@integration/model") carries its own pin, which may be
                // one the tool cannot resolve: then the slug is the bare model and no provider rule applies.
                ProviderPin pin = made.pin() != null ? made.pin() : provider;
                Rule r = ctx.rules.ofKind(RuleKind.PROVIDER).stream().filter(p -> pin != null && pin.prefix().equals(p.prefix()))
                        .findFirst().orElse(ctx.rules.byId("header-provider").orElse(ctx.dependencyRule));
                String servedBy = pin != null ? "served by " + pin.describe()
                        : "named through a Portkey model-catalog integration the tool does not know: sent bare, Concentrate routes it"
                          + " (pin a provider with --virtual-key " + model.substring(1, model.indexOf('/')) + "=PROVIDER)";
                char q = value.text().charAt(0);
                ctx.work.fix(value.start(), r, "model '" + model + "' " + servedBy,
                        TextEdit.replace(value.start(), value.end(), JsValues.quote(slug, q == '`' ? ctx.quote : q), r.id()));
                ctx.claim(value);
            }
        }
    }
}
