package dev.migrateportkey.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a Portkey Config becomes on Concentrate (guide, Step 4).
 *
 * @param bodyParams      request body params, JSON-shaped ({@code model}, {@code routing}, {@code prompt_cache_key},
 *                        the {@code override_params}); {@code model} is present when the Config names one
 * @param dropped         settings that need nothing on Concentrate, each as {@code key: why}
 * @param manual          settings a human must handle, each as {@code key: why}; empty when the Config
 *                        migrates by itself
 * @param clientTimeoutMs the Config's {@code request_timeout}, for the HTTP client (null when it has none)
 * @param primaryProvider the Concentrate prefix of the first target, when the Config pins a provider
 *                        but leaves the model to the request (null otherwise): the code's own model
 *                        string is then pinned with it
 * @param guesses         providers guessed from virtual key names, each saying what it was guessed from
 * @param slugs           every model slug the body params send (the model and each fallback), with the
 *                        model string the Config had, for the report and the verification script
 */
public record Decomposition(Map<String, Object> bodyParams, List<String> dropped, List<String> manual,
                            Long clientTimeoutMs, ProviderPin primaryProvider, List<String> guesses,
                            List<SlugUse> slugs) {

    /** A model string of the Config and the slug it became. */
    public record SlugUse(String original, String slug) {
    }

    public Decomposition {
        bodyParams = Collections.unmodifiableMap(new LinkedHashMap<>(bodyParams));
        dropped = List.copyOf(dropped);
        manual = List.copyOf(manual);
        guesses = List.copyOf(guesses);
        slugs = List.copyOf(slugs);
    }

    /** True when nothing needs a human: the Config can be replaced by its body params. */
    public boolean automatic() {
        return manual.isEmpty();
    }

    /** The Config's model for the request, if it names one. */
    public String model() {
        Object m = bodyParams.get("model");
        return m instanceof String s ? s : null;
    }

    /** The body params other than {@code model}, in order. */
    public Map<String, Object> paramsWithoutModel() {
        Map<String, Object> out = new LinkedHashMap<>(bodyParams);
        out.remove("model");
        return out;
    }
}
