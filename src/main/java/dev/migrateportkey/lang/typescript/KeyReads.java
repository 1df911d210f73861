package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.PublicEnvPrefixes;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

/**
 * How one file reads the Concentrate key, and what replaces each Portkey key it passes: the
 * client {@code apiKey} option and the {@code Authorization: Bearer} header value. Kept apart
 * because browser code, Workers and validated env modules each read their environment their own
 * way, and the key must be read the way the rest of the file reads it.
 */
final class KeyReads {
    private final RuleTable rules;
    private final String keyVariable;
    /**
     * How this file reads the Concentrate key: {@code process.env.CONCENTRATE_API_KEY}, or in browser
     * code the file's own style ({@code import.meta.env.VITE_CONCENTRATE_API_KEY} for Vite,
     * {@code process.env.NEXT_PUBLIC_...} for Next.js), where a bare process.env name would be undefined.
     */
    private final String keyRead;

    KeyReads(RuleTable rules, JsNode root) {
        this.rules = rules;
        this.keyVariable = rules.envVar("PORTKEY_API_KEY").map(Rule::to).filter(t -> t != null).orElse("CONCENTRATE_API_KEY");
        this.keyRead = keyRead(root);
    }

    /** The file's own expression for the Concentrate key. */
    String keyRead() {
        return keyRead;
    }

    /** The {@code apiKey} entry a client gets when it had none. */
    String apiKeyEntry() {
        return "apiKey: " + keyRead;
    }

    /**
     * The Concentrate key read that takes the place of {@code value}, the Portkey key a client or
     * header was given: an env-like read of a renamed variable ({@code env.PORTKEY_API_KEY} in a
     * Worker) keeps its object, as the file's own {@code process.env} reads do, since a Worker
     * or a validated env module has no (or another) {@code process.env}; otherwise the file's key read.
     */
    String keyReadFor(JsNode value) {
        if (value != null && value.is("member_expression") && value.child("object") != null
                && value.child("property") != null && EnvReads.isEnvObject(value.child("object"))
                && !EnvReads.ENV_OBJECTS.contains(value.child("object").text().replace(" ", ""))) {
            String name = value.child("property").text();
            String prefix = PublicEnvPrefixes.of(name);
            Rule r = rules.envVar(name.substring(prefix.length())).orElse(null);
            if (r != null && r.action() == Action.REPLACE_ENV && r.to() != null && r.to().equals(keyVariable)) {
                return value.child("object").text() + "." + prefix + r.to();
            }
        }
        return keyRead;
    }

    /**
     * The Authorization value for a Portkey key header whose value was {@code value}. A literal (a
     * secret in code) or an environment read becomes the Concentrate key variable; any other
     * expression (a parameter, a setting the user stored, a per-tenant key) keeps carrying the key,
     * now as the bearer: replacing it with one process-wide variable would change whose key is sent,
     * and browser code has no process.env.
     */
    String bearerFor(JsNode value) {
        if (value == null || JsValues.literal(value) != null || value.is("string") || value.is("template_string")
                || value.text().contains("process.env") || value.text().contains("import.meta.env")
                || value.text().replace(" ", "").startsWith("Deno.env.get(")) {
            return bearer();
        }
        String read = keyReadFor(value);
        if (!read.equals(keyRead)) {
            return "`Bearer ${" + read + "}`";
        }
        return "`Bearer ${" + value.text() + "}`";
    }

    private String bearer() {
        return "`Bearer ${" + keyRead + "}`";
    }

    /**
     * The expression that reads the Concentrate key in this file: the file's own Portkey key read
     * with the Portkey name swapped ({@code import.meta.env.VITE_PORTKEY_API_KEY} gives
     * {@code import.meta.env.VITE_CONCENTRATE_API_KEY}); {@code process.env.CONCENTRATE_API_KEY} otherwise.
     */
    private String keyRead(JsNode root) {
        for (JsNode n : root.findAll(x -> x.is("member_expression"))) {
            JsNode object = n.child("object");
            JsNode property = n.child("property");
            if (object == null || property == null) {
                continue;
            }
            String env = object.text().replace(" ", "");
            String name = property.text();
            String prefix = PublicEnvPrefixes.of(name);
            if (EnvReads.ENV_OBJECTS.contains(env) && name.substring(prefix.length()).equals("PORTKEY_API_KEY")) {
                return env + "." + prefix + keyVariable;
            }
        }
        // Deno has no process.env (without Node compatibility): a file that read the Portkey key
        // with Deno.env.get reads the Concentrate key the same way.
        for (JsNode call : root.findAll(x -> x.is("call_expression"))) {
            JsNode fn = call.child("function");
            JsNode args = call.child("arguments");
            if (fn != null && fn.text().replace(" ", "").equals("Deno.env.get") && args != null && args.namedChildren().size() == 1
                    && "PORTKEY_API_KEY".equals(JsValues.literal(args.namedChildren().get(0)))) {
                char q = args.namedChildren().get(0).text().charAt(0);
                return "Deno.env.get(" + JsValues.quote(keyVariable, q == '`' ? '"' : q) + ")";
            }
        }
        return "process.env." + keyVariable;
    }
}
