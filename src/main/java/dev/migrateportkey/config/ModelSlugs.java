package dev.migrateportkey.config;

import dev.migrateportkey.lang.MigrationOptions.PinProvider;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.util.Optional;

/**
 * Builds the Concentrate model slug for a model string the code sent through Portkey (guide,
 * Step 5): {@code provider/model-id} when the code pinned a provider and {@code --pin-provider}
 * keeps pins, the bare model otherwise. The prefix names the host that serves the request, not the
 * model's author.
 */
public final class ModelSlugs {
    private final RuleTable rules;
    private final ProviderResolver providers;
    private final PinProvider policy;

    public ModelSlugs(RuleTable rules, ProviderResolver providers, PinProvider policy) {
        this.rules = rules;
        this.providers = providers;
        this.policy = policy;
    }

    /**
     * A slug and the pin that shaped it.
     *
     * @param slug  what to send
     * @param pin   the provider pin folded in (null when the slug is bare or the model was left alone)
     */
    public record Slug(String slug, ProviderPin pin) {
        public boolean guessed() {
            return pin != null && pin.guessed();
        }
    }

    /** The slug for {@code model} sent with the provider pin {@code pin} (may be null). */
    public Slug slug(String model, ProviderPin pin) {
        if (model == null || model.isBlank()) {
            return new Slug(model, null);
        }
        String m = model;
        ProviderPin p = pin;
        // Portkey model catalog: "@provider-slug/model" names its provider itself.
        if (m.startsWith("@") && m.indexOf('/') > 1) {
            int slash = m.indexOf('/');
            p = providers.resolve(m.substring(0, slash)).orElse(null);
            m = m.substring(slash + 1);
        } else if (m.contains("/") || isSpecial(m)) {
            // Already provider/model (or a name like "auto" that takes no prefix).
            return new Slug(m, null);
        }
        if (p == null || policy == PinProvider.NEVER) {
            return new Slug(m, null);
        }
        String host = p.prefix();
        if (policy == PinProvider.HOSTED && author(m).filter(a -> a.equalsIgnoreCase(host)).isPresent()) {
            return new Slug(m, null);
        }
        return new Slug(p.prefix() + "/" + m, p);
    }

    /** Shorthand: the slug string alone. */
    public String of(String model, ProviderPin pin) {
        return slug(model, pin).slug();
    }

    /** The Concentrate prefix of the model's author's own API, from the model rules ({@code claude-*} is anthropic). */
    Optional<String> author(String model) {
        return rules.find(RuleKind.MODEL, model).map(Rule::prefix);
    }

    /** Model names with a meaning of their own ({@code auto}): never prefixed. */
    public boolean isSpecial(String model) {
        return rules.find(RuleKind.MODEL, model).filter(r -> r.action() != Action.KEEP).isPresent();
    }
}
