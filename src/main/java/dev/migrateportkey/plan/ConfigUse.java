package dev.migrateportkey.plan;

import java.util.List;
import java.util.Map;

/**
 * A Portkey Config the tool met, and what it became.
 *
 * @param path        the file, as messages name it
 * @param line        1-based line where the Config is used
 * @param origin      where the Config came from: {@code inline}, a saved id such as {@code pc-abc},
 *                    or the exported file given with {@code --config-file}
 * @param bodyParams  the Concentrate body params it became (JSON-shaped: maps, lists, strings, numbers)
 * @param dropped     settings that need nothing on Concentrate, each with why
 * @param manual      settings a human must handle, each with why
 */
public record ConfigUse(String path, int line, String origin, Map<String, Object> bodyParams,
                        List<String> dropped, List<String> manual) {

    public ConfigUse {
        bodyParams = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(bodyParams));
        dropped = List.copyOf(dropped);
        manual = List.copyOf(manual);
    }
}
