package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.PublicEnvPrefixes;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.Set;
import java.util.regex.Pattern;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;
import static dev.migrateportkey.lang.typescript.JsFileContext.PORTKEY_VAR;

/**
 * Portkey environment variables: reads ({@code process.env.PORTKEY_API_KEY},
 * {@code import.meta.env.VITE_...}, a Worker's {@code env.PORTKEY_...}), names inside strings
 * ({@code process.env['PORTKEY_API_KEY']}), and their declarations in env schemas and binding
 * types. Each follows its env-var rule, looking through a bundler's public prefix.
 */
final class EnvReads {
    /** Where JavaScript code reads its environment: Node, and Vite (and other bundlers) in the browser. */
    static final Set<String> ENV_OBJECTS = Set.of("process.env", "import.meta.env");

    /**
     * An object that holds environment variables under their own names without being
     * {@code process.env}: a Cloudflare Worker's or Hono's bindings ({@code env}, {@code c.env}),
     * {@code Bun.env}, a validated env module ({@code import { env } from './env'}, t3-env,
     * {@code serverEnv}, {@code envConfig}). Its last name says "env".
     */
    private static final Pattern ENV_LIKE = Pattern.compile("(?i)(?:[a-z0-9_$]*env|env[a-z0-9_$]*)");

    private final JsFileContext ctx;

    EnvReads(JsFileContext ctx) {
        this.ctx = ctx;
    }

    /** Whether {@code object} is where the code reads environment variables by name. */
    static boolean isEnvObject(JsNode object) {
        String text = object.text().replace(" ", "");
        if (ENV_OBJECTS.contains(text)) {
            return true;
        }
        String last = text.substring(text.lastIndexOf('.') + 1);
        return ENV_LIKE.matcher(last).matches();
    }

    /** {@code PORTKEY_*} variable names inside a string ({@code process.env['PORTKEY_API_KEY']}). */
    void envNames(JsNode n, String raw) {
        RuleTable.VariableRenames renamed = ctx.rules.renameVariables(raw);
        renamed.manual().forEach((name, r) -> ctx.work.manualWithTodo(n.start(), ctx.anchor(n), r, name + " read here", COMMENT));
        if (!renamed.applied().isEmpty()) {
            Rule applied = renamed.applied().get(0);
            ctx.work.fix(n.start(), applied, "environment variable " + raw,
                    TextEdit.replace(n.start(), n.end(), renamed.text(), applied.id()));
            ctx.claim(n);
        }
    }

    /** {@code process.env.PORTKEY_API_KEY} and the like. */
    void envRead(JsNode n) {
        JsNode object = n.child("object");
        JsNode property = n.child("property");
        if (object == null || property == null || !isEnvObject(object)) {
            return;
        }
        String name = property.text();
        if (!PORTKEY_VAR.matcher(name).matches()) {
            return;
        }
        // A framework's public prefix (VITE_, NEXT_PUBLIC_) is looked through and kept: without it the
        // bundler drops the read. Only an unknown prefix falls to the catch-all manual rule.
        PublicEnvPrefixes.Lookup found = PublicEnvPrefixes.lookup(ctx.rules, name).orElse(null);
        if (found == null) {
            return;
        }
        Rule r = found.rule();
        if (r.action() == Action.REPLACE_ENV) {
            ctx.work.fix(property.start(), r, "environment variable " + name,
                    TextEdit.replace(property.start(), property.end(), found.renamedTo(), r.id()));
        } else {
            ctx.work.manualWithTodo(n.start(), ctx.anchor(n), r, name + " read here", COMMENT);
        }
        ctx.claim(n);
    }

    /**
     * A variable's name declared as a key ({@code PORTKEY_API_KEY: z.string()} in an env schema,
     * {@code PORTKEY_API_KEY: string} in a Worker's {@code Bindings} type): renamed like the reads
     * of it, so {@code env.CONCENTRATE_API_KEY} still type-checks against its declaration. Only
     * names with a rename rule; the rest are reported where they are read.
     */
    void envDeclaration(JsNode n) {
        JsNode p = n.parent();
        boolean declares = p != null && (p.is("pair") && p.child("key") == n
                || p.is("property_signature") && p.child("name") == n);
        String name = n.text();
        if (!declares || !PORTKEY_VAR.matcher(name).matches()) {
            return;
        }
        PublicEnvPrefixes.Lookup found = PublicEnvPrefixes.lookup(ctx.rules, name).orElse(null);
        if (found == null || found.rule().action() != Action.REPLACE_ENV || found.rule().to() == null) {
            return;
        }
        Rule r = found.rule();
        ctx.work.fix(n.start(), r, "environment variable " + name + " declared here",
                TextEdit.replace(n.start(), n.end(), found.renamedTo(), r.id()));
        ctx.claim(n);
    }
}
