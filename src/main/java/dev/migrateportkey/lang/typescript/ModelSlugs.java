package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.lang.MigrationOptions.PinProvider;

import java.util.Locale;
import java.util.Map;

/**
 * The Concentrate model slug for a model string and the provider Portkey routed it to (guide,
 * Step 5): {@code provider/model-id}, where the prefix names the host serving the request, or the
 * bare slug, as {@code --pin-provider} asks.
 */
final class ModelSlugs {
    /** Model-name prefixes and the slug prefix of their author, for {@code --pin-provider hosted}. */
    private static final Map<String, String> AUTHORS = Map.of(
            "gpt-", "openai", "o1", "openai", "o3", "openai", "o4", "openai", "text-embedding", "openai",
            "claude", "anthropic", "gemini", "ai-studio", "mistral", "mistral", "codestral", "mistral");

    private ModelSlugs() {
    }

    /** The slug the code should send; {@code model} unchanged when it already names a provider. */
    static String slug(String model, String prefix, PinProvider pin) {
        if (prefix == null || model.contains("/") || model.equalsIgnoreCase("auto")) {
            return model;
        }
        return switch (pin) {
            case ALWAYS -> prefix + "/" + model;
            case NEVER -> model;
            case HOSTED -> prefix.equals(author(model)) ? model : prefix + "/" + model;
        };
    }

    private static String author(String model) {
        String m = model.toLowerCase(Locale.ROOT);
        for (Map.Entry<String, String> e : AUTHORS.entrySet()) {
            if (m.startsWith(e.getKey())) {
                return e.getValue();
            }
        }
        return null;
    }
}
