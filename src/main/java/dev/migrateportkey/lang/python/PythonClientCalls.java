package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * What the tool knows of client calls in Python, whatever the library: which keyword arguments
 * carry a base URL, a key or headers, which options the OpenAI client takes itself, and whether a
 * callee is a constructor or an SDK client that accepts {@code api_key}.
 */
final class PythonClientCalls {
    /** Keyword arguments that carry a base URL, across the OpenAI SDK, LangChain, LiteLLM/DSPy. */
    static final Set<String> BASE_URL_KWARGS = Set.of("base_url", "api_base", "openai_api_base");
    /** Keyword arguments that carry the API key. */
    static final Set<String> KEY_KWARGS = Set.of("api_key", "openai_api_key");
    /** Keyword arguments that carry a header dict. */
    static final Set<String> HEADER_KWARGS = Set.of("default_headers", "extra_headers", "headers");
    /** What the OpenAI client's with_options takes itself: those are left alone. */
    static final Set<String> OPENAI_OPTIONS = Set.of("api_key", "base_url", "timeout", "max_retries",
            "default_headers", "default_query", "http_client", "organization", "project", "websocket_base_url");
    /**
     * Callees (last name segment) known to take an {@code api_key} argument: the OpenAI and
     * Anthropic SDKs and the wrappers around them (LangChain, LlamaIndex, DSPy, CrewAI, LiteLLM).
     */
    private static final Pattern API_KEY_CALLEES = Pattern.compile("(?i)\\w*(openai|anthropic|litellm)\\w*|LM|LLM|a?completion|a?embedding");

    private PythonClientCalls() {
    }

    /** The keyword arguments of an argument list, by name, in source order. */
    static Map<String, Node> kwargs(Node args) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (Node a : PythonEdits.elements(args)) {
            if (a.is("keyword_argument") && a.field("name") != null) {
                out.put(a.field("name").text(), a);
            }
        }
        return out;
    }

    /** {@code Name(...)} or {@code module.Name(...)}: a class, by Python's naming convention. */
    static boolean isConstructor(Node fn) {
        Node name = fn == null ? null : fn.is("attribute") ? fn.field("attribute") : fn;
        return name != null && name.is("identifier") && Character.isUpperCase(name.text().charAt(0));
    }

    /** Whether the callee is an SDK client (or wrapper) known to accept {@code api_key=...}. */
    static boolean acceptsApiKey(Node fn) {
        if (fn == null) {
            return false;
        }
        Node name = fn.is("attribute") ? fn.field("attribute") : fn;
        return name != null && name.is("identifier") && API_KEY_CALLEES.matcher(name.text()).matches();
    }
}
