package dev.migrateportkey.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a rule's {@code match} is compared against. */
public enum RuleKind {
    /** An {@code x-portkey-*} header set on a request. */
    REQUEST_HEADER("request-header"),
    /** A header Portkey sends back on a response, read by the code. */
    RESPONSE_HEADER("response-header"),
    /** A {@code portkey-ai} SDK constructor parameter (snake_case or camelCase). */
    SDK_PARAM("sdk-param"),
    /** A key inside a Portkey Config. */
    CONFIG_KEY("config-key"),
    /** A provider name, mapped to the Concentrate model slug prefix that serves it. */
    PROVIDER("provider"),
    /** A model string with special meaning (such as {@code auto}). */
    MODEL("model"),
    /** An environment variable name. */
    ENV_VAR("env-var"),
    /** A URL prefix: the Portkey gateway address. */
    BASE_URL("base-url"),
    /** A Portkey-only API (Prompts, Feedback, Admin), by SDK call path or URL path. */
    PORTKEY_API("portkey-api"),
    /** A key of an application config file (Spring, LangChain4j), as a dotted path. */
    SETTING("setting"),
    /** A package or artifact name in a dependency manifest. */
    DEPENDENCY("dependency"),
    /** A Portkey dashboard surface to reconnect (guide Step 6); matches no code. */
    DASHBOARD("dashboard"),
    /** A Portkey admin concept (guide Step 7); matches no code. */
    ADMIN("admin");

    private final String yamlName;

    RuleKind(String yamlName) {
        this.yamlName = yamlName;
    }

    public String yamlName() {
        return yamlName;
    }

    public static RuleKind fromYaml(String name) {
        for (RuleKind k : values()) {
            if (k.yamlName.equals(name)) {
                return k;
            }
        }
        return null;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(RuleKind::yamlName).collect(Collectors.joining(", "));
    }
}
