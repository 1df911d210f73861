package dev.migrateportkey.rules;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The closed vocabulary of what a rule does to what it matched. Migrators interpret these. */
public enum Action {
    /** Remove the header, parameter or entry. */
    DROP("drop", true),
    /** Rename a header to the rule's {@code to}. */
    RENAME_HEADER("rename-header", true),
    /** Carry the Concentrate key in the standard {@code Authorization: Bearer} header. */
    TO_AUTHORIZATION("to-authorization", true),
    /** Move the value into the request body as the rule's {@code param}. */
    TO_BODY_PARAM("to-body-param", false),
    /** The value belongs to the HTTP client's timeout. */
    TO_CLIENT_TIMEOUT("to-client-timeout", false),
    /** Remove; the provider it named folds into the model slug ({@code prefix/model}). */
    TO_MODEL_PREFIX("to-model-prefix", true),
    /** A Config strategy that becomes Concentrate {@code routing} body params. */
    TO_ROUTING("to-routing", false),
    /** A Portkey Config: decompose it per the config-key rules. */
    DECOMPOSE_CONFIG("decompose-config", false),
    /** Replace the URL prefix with the rule's {@code to}. */
    REPLACE_URL("replace-url", true),
    /** Rename the environment variable to the rule's {@code to}. */
    REPLACE_ENV("replace-env", true),
    /** Comment the variable out with the rule's note (not deleted until the migration is verified). */
    COMMENT_OUT_ENV("comment-out-env", true),
    /** Remove the dependency; the OpenAI SDK replaces it. */
    REMOVE_DEPENDENCY("remove-dependency", true),
    /** No automatic equivalent: leave the code, add a TODO, keep {@code check} failing. */
    MANUAL("manual", false),
    /** Nothing to change: informational. */
    KEEP("keep", false),
    /** Matches no code: an item of the report's dashboard and admin checklist. */
    CHECKLIST("checklist", false);

    private final String yamlName;
    private final boolean automatic;

    Action(String yamlName, boolean automatic) {
        this.yamlName = yamlName;
        this.automatic = automatic;
    }

    public String yamlName() {
        return yamlName;
    }

    /** True when a migrator can always carry this action out by itself wherever it applies. */
    public boolean isAutomatic() {
        return automatic;
    }

    public static Action fromYaml(String name) {
        for (Action a : values()) {
            if (a.yamlName.equals(name)) {
                return a;
            }
        }
        return null;
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Action::yamlName).collect(Collectors.joining(", "));
    }
}
