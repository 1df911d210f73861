package dev.migrateportkey.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads what code passes as a Portkey Config (a header value, an SDK argument, a file): inline
 * JSON becomes a JSON-shaped map, anything else is a saved Config's id ({@code pc-...}). Writes
 * JSON-shaped values back as compact JSON.
 */
public final class ConfigText {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final TypeReference<LinkedHashMap<String, Object>> MAP = new TypeReference<>() {
    };

    private ConfigText() {
    }

    /** A Config as the code passes it. */
    public sealed interface Parsed permits Inline, SavedId, Invalid {
    }

    /** An inline Config: its keys in source order. */
    public record Inline(Map<String, Object> config) implements Parsed {
    }

    /** A reference to a Config saved in Portkey, which cannot be read offline. */
    public record SavedId(String id) implements Parsed {
    }

    /** Text that starts like JSON but is not a JSON object. */
    public record Invalid(String problem) implements Parsed {
    }

    public static Parsed parse(String text) {
        String t = text.strip();
        if (!t.startsWith("{")) {
            return new SavedId(t);
        }
        try {
            return new Inline(JSON.readValue(t, MAP));
        } catch (JsonProcessingException e) {
            return new Invalid(e.getOriginalMessage());
        }
    }

    /** Top-level keys only a Portkey Config has (a request body has none of them). */
    private static final java.util.regex.Pattern CONFIG_KEY = java.util.regex.Pattern.compile(
            "\"(strategy|targets|override_params|virtual_key|cache|retry|request_timeout|cache_namespace)\"\\s*:");

    /** Whether {@code text} looks like an inline Portkey Config (cheap: for indexing constants across files). */
    public static boolean looksLikeConfig(String text) {
        String t = text.strip();
        return t.startsWith("{") && CONFIG_KEY.matcher(t).find();
    }

    /** A Config from a JSON-shaped tree (for migrators that build one from a dict or object literal). */
    public static Map<String, Object> fromTree(JsonNode node) {
        return JSON.convertValue(node, MAP);
    }

    /** An exported Config file ({@code --config-file ID=PATH}). */
    public static Map<String, Object> readFile(Path file) throws IOException {
        Parsed p = parse(Files.readString(file));
        if (p instanceof Inline i) {
            return i.config();
        }
        throw new IOException(file + " does not hold a Config as a JSON object"
                + (p instanceof Invalid inv ? " (" + inv.problem() + ")" : ""));
    }

    /** Compact JSON, as it goes into a request body. */
    public static String toJson(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-shaped: " + value, e);
        }
    }
}
