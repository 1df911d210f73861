package dev.migrateportkey.lang.python;

import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * Model strings sent from the file ({@code model="..."} arguments and {@code "model": ...} dict
 * entries), read after every other handler so the provider pins are all known: a bare model
 * follows the one provider the file pinned, a Portkey Model Catalog string
 * ({@code @integration/model}) becomes a Concentrate slug, a catalog string built at run time is a
 * manual item. The model of a client not pointed at Portkey is recorded and left alone.
 */
final class PythonModelStrings extends PythonShapeHandler {
    /** A Portkey Model Catalog string: {@code @integration-slug/model-id}. */
    private static final Pattern CATALOG = Pattern.compile("@[A-Za-z0-9][A-Za-z0-9_.-]*/[^\\s/][^\\s]*");

    private final ModelSlugs slugs;

    PythonModelStrings(PythonFileContext ctx) {
        super(ctx);
        this.slugs = ctx.slugs();
    }

    /**
     * Model strings sent from this file, with the slug each becomes. When the file pins exactly one
     * provider (a provider header or parameter, a virtual key the tool knows), a bare model string
     * is rewritten to provider/model as --pin-provider says; a provider guessed from a virtual key's
     * name is written too, and marked for a human to confirm.
     */
    void rewrite(List<Node> all) {
        ProviderPins.Pin pin = ctx.pins().single();
        for (Node n : all) {
            boolean kwarg = n.is("keyword_argument") && n.field("name") != null && n.field("name").text().equals("model");
            boolean pair = n.is("pair") && PythonStrings.value(n.field("key")).filter("model"::equals).isPresent();
            if (!(kwarg || pair) || ctx.isConsumed(n)) {
                continue;
            }
            Node value = n.field("value");
            if (value == null) {
                continue;
            }
            Optional<String> model = PythonStrings.value(value);
            if (model.isEmpty() || !value.is("string")) {
                if (!(kwarg && otherClient(n))) {
                    catalogBuiltAtRunTime(value);
                }
                continue;
            }
            if (kwarg && otherClient(n)) {
                // The model of a client that does not go through Portkey (an embedding client
                // still calling OpenAI directly) is not the pinned provider's to change.
                work.model(value.start(), model.get(), model.get());
                continue;
            }
            if (CATALOG.matcher(model.get()).matches()) {
                catalogModel(value, model.get());
                continue;
            }
            ModelSlugs.Slug slug = slugs.slug(model.get(), pin == null ? null : pin.pin());
            work.model(value.start(), model.get(), slug.slug());
            if (pin != null && !slug.slug().equals(model.get())) {
                work.fix(value.start(), pin.rule(), "model '" + model.get() + "' sent through Portkey with provider "
                                + pin.pin().describe() + " becomes '" + slug.slug() + "'",
                        PythonEdits.replace(value, PythonStrings.quote(slug.slug(), PythonStrings.quoteOf(value)), pin.rule().id()));
                markGuess(value, slug);
            }
        }
    }

    /** Virtual key names whose guessed provider was already marked: one TODO per name is enough. */
    private final Set<String> guessesMarked = new HashSet<>();

    /**
     * A slug whose provider was guessed from a virtual key's name ({@code openai-prod}) is written, as
     * in Java and TypeScript, and marked: a manual item with a TODO above the first model it shaped,
     * saying what was guessed and how to confirm it. The TODO names Portkey because the virtual key
     * it was guessed from is gone once the client is rewritten, and {@code check} only reads files
     * that still mention Portkey; it keeps {@code check} failing until a human confirmed the guess.
     */
    private void markGuess(Node value, ModelSlugs.Slug slug) {
        if (!slug.guessed() || !guessesMarked.add(slug.pin().from())) {
            return;
        }
        String name = slug.pin().from().startsWith("@") ? slug.pin().from().substring(1) : slug.pin().from();
        Rule r = catalogRule(slug.pin());
        work.manualWithTodo(value.start(), PythonEdits.anchor(value), r.id(), "the provider " + slug.pin().prefix()
                + " of '" + slug.slug() + "' is a guess from the Portkey virtual key name '" + name + "': confirm it, or"
                + " name the provider with --virtual-key " + name + "=PROVIDER on a run over the Portkey code; if it is wrong,"
                + " fix the prefix of these model slugs by hand", COMMENT);
    }

    /**
     * A Model Catalog string sent through Portkey ({@code model="@openai-prod/gpt-4o"}): Concentrate
     * has no catalog, so it becomes the guide's Step 5 slug whatever the file pinned elsewhere:
     * {@code provider/model} when the integration names a known provider, the bare model otherwise
     * (Concentrate routes it). A provider guessed from the integration's name is written and
     * reported for a human to confirm, as in settings files.
     */
    private void catalogModel(Node value, String model) {
        ModelSlugs.Slug made = slugs.slug(model, null);
        String integration = model.substring(1, model.indexOf('/'));
        work.model(value.start(), model, made.slug());
        Rule r = catalogRule(made.pin());
        String servedBy = made.pin() != null ? "served by " + made.pin().describe()
                : "named through a Portkey Model Catalog integration the tool does not know: sent bare, Concentrate routes it"
                  + " (pin a provider with --virtual-key " + integration + "=PROVIDER)";
        work.fix(value.start(), r, "model '" + model + "' " + servedBy + " becomes '" + made.slug() + "'",
                PythonEdits.replace(value, PythonStrings.quote(made.slug(), PythonStrings.quoteOf(value)), r.id()));
        if (made.guessed()) {
            work.manual(value.start(), r.id(), "provider of " + model + " guessed as " + made.pin().prefix()
                    + ": confirm it, or run again with --virtual-key " + integration + "=PROVIDER");
        }
    }

    /** The provider rule whose prefix the catalog string resolved to, else the provider header's rule. */
    private Rule catalogRule(ProviderPin pin) {
        return rules.ofKind(RuleKind.PROVIDER).stream().filter(p -> pin != null && pin.prefix().equals(p.prefix()))
                .findFirst().orElseGet(() -> rules.byId("header-provider").orElseThrow());
    }

    /**
     * An f-string model that starts with a Model Catalog integration ({@code f"@{slug}/{model}"}):
     * the integration is named at run time, so the tool cannot tell which provider it stands for.
     * Left for a human, with a TODO, since Concentrate would refuse the {@code @} form.
     */
    private void catalogBuiltAtRunTime(Node value) {
        if (!value.is("string") || !PythonStrings.prefix(value).contains("f")) {
            return;
        }
        Node first = value.child(1);
        if (first == null || !first.is("string_content") || !first.text().startsWith("@")) {
            return;
        }
        Rule r = rules.byId("header-provider").orElseThrow();
        work.manualWithTodo(value.start(), PythonEdits.anchor(value), r.id(),
                "model " + value.text() + " names a Portkey Model Catalog integration at run time: Concentrate has no catalog;"
                        + " send provider/model-id (e.g. openai/gpt-4o) or the bare model id instead (guide, Step 5)", COMMENT);
    }

    /**
     * Whether a keyword argument belongs to a client constructed here ({@code Name(...)} or
     * {@code module.Name(...)}, a class by Python's naming) that is not pointed at Portkey.
     * Request methods ({@code client.chat.completions.create(...)}) are not constructors.
     */
    private boolean otherClient(Node kwarg) {
        Node args = kwarg.parent();
        Node call = args == null ? null : args.parent();
        return call != null && call.is("call") && !ctx.isBound(call) && PythonClientCalls.isConstructor(call.field("function"));
    }
}
