package dev.migrateportkey.config;

import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what Portkey code named a provider by (an {@code x-portkey-provider} value, an SDK
 * {@code provider} parameter, a Config target's {@code provider}, the {@code @slug} of a model
 * catalog string, a virtual key name) into the Concentrate slug prefix of the provider that serves
 * the request.
 *
 * <p>Order: the user's {@code --virtual-key NAME=PROVIDER}, then the provider rules (which a user's
 * {@code --rules} may extend with virtual key names), then a guess from the name's parts
 * ({@code openai-prod} is openai), marked as a guess.
 */
public final class ProviderResolver {
    /** What separates the parts of a provider-like name; compiled once, since guess runs per model site. */
    private static final java.util.regex.Pattern SEPARATORS = java.util.regex.Pattern.compile("[-_.\\s/]+");
    private final RuleTable rules;
    private final Map<String, String> virtualKeys;

    public ProviderResolver(RuleTable rules, Map<String, String> virtualKeys) {
        this.rules = rules;
        this.virtualKeys = Map.copyOf(virtualKeys);
    }

    /** The pin {@code name} stands for, or empty when nothing in it names a known provider. */
    public Optional<ProviderPin> resolve(String name) {
        if (name == null || name.isBlank()) {
            return Optional.empty();
        }
        String raw = name.strip();
        // Portkey's model catalog and provider integrations are named "@slug".
        String bare = raw.startsWith("@") ? raw.substring(1) : raw;
        String told = virtualKeys.containsKey(raw) ? virtualKeys.get(raw) : virtualKeys.get(bare);
        if (told != null) {
            Optional<Rule> r = rules.provider(told.strip());
            // A user may name the Concentrate prefix itself (bedrock) rather than a Portkey provider name.
            return Optional.of(new ProviderPin(r.map(Rule::prefix).orElse(told.strip().toLowerCase(Locale.ROOT)), raw, false));
        }
        Optional<Rule> exact = rules.provider(bare);
        if (exact.isPresent()) {
            return Optional.of(new ProviderPin(exact.get().prefix(), raw, false));
        }
        return guess(bare).map(prefix -> new ProviderPin(prefix, raw, true));
    }

    /**
     * The provider a name like {@code azure-openai-east} or {@code prod_bedrock_vk} most likely means:
     * the longest run of its {@code -}/{@code _}/{@code .} separated parts that is a provider name,
     * leftmost first.
     */
    private Optional<String> guess(String name) {
        String[] parts = SEPARATORS.split(name.toLowerCase(Locale.ROOT));
        for (int len = parts.length; len >= 1; len--) {
            for (int from = 0; from + len <= parts.length; from++) {
                String candidate = String.join("-", java.util.Arrays.copyOfRange(parts, from, from + len));
                if (candidate.isEmpty()) {
                    continue;
                }
                Optional<Rule> r = rules.provider(candidate);
                if (r.isPresent()) {
                    return Optional.of(r.get().prefix());
                }
            }
        }
        return Optional.empty();
    }
}
