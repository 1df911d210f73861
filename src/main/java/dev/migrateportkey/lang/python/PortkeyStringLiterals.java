package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.Locale;
import java.util.Optional;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * A string literal that mentions Portkey and that no call or dict handler took care of. It
 * decides what the string is, in this order: a URL on Portkey's gateway (a Portkey-only endpoint
 * is a manual item, the gateway URL becomes Concentrate's), a mock target naming a Portkey client
 * class, an {@code x-portkey-*} header name, or text naming {@code PORTKEY_*} environment
 * variables; the matching handler rewrites it.
 */
final class PortkeyStringLiterals extends PythonShapeHandler {
    private final PortkeyOnlyApis apis;
    private final PythonMockTargets mockTargets;
    private final PortkeyHeaderNames headerNames;
    private final PortkeyEnvVariables envVariables;

    PortkeyStringLiterals(PythonFileContext ctx, PortkeyOnlyApis apis) {
        super(ctx);
        this.apis = apis;
        this.mockTargets = new PythonMockTargets(ctx);
        this.headerNames = new PortkeyHeaderNames(ctx);
        this.envVariables = new PortkeyEnvVariables(ctx);
    }

    void rewrite(Node lit) {
        String source = lit.text();
        String lower = source.toLowerCase(Locale.ROOT);
        if (!lower.contains("portkey")) {
            return;
        }
        if (lower.contains("api.portkey.ai")) {
            Optional<Rule> api = apis.endpoint(source);
            if (api.isPresent()) {
                work.manualWithTodo(lit.start(), PythonEdits.anchor(lit), api.get(), "Portkey-only endpoint", COMMENT);
                ctx.consume(lit);
                return;
            }
            String rewritten = rules.rewriteUrls(source);
            if (!rewritten.equals(source)) {
                Rule r = rules.baseUrl(source.substring(lower.indexOf("http"))).orElse(baseUrlRule);
                work.fix(lit.start(), r, "Portkey gateway URL", PythonEdits.replace(lit, rewritten, r.id()));
                ctx.consume(lit);
                return;
            }
        }
        Optional<String> value = PythonStrings.value(lit);
        if (value.isPresent() && mockTargets.rewrite(lit, value.get())) {
            return;
        }
        if (value.isPresent() && PythonHeaderDicts.isPortkeyHeader(value.get())) {
            headerNames.rewrite(lit, value.get());
            return;
        }
        envVariables.rewrite(lit);
    }
}
