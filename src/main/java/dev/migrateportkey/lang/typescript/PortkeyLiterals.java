package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;

/**
 * Portkey named in a literal or a bare name, wherever it stands: gateway URLs in strings and
 * templates (Portkey-only endpoints get a TODO), {@code x-portkey-*} header names outside any
 * header shape the tool knows, {@code PORTKEY_*} names inside strings, module names in test mocks,
 * and the {@code PORTKEY_GATEWAY_URL} constant imported from portkey-ai.
 */
final class PortkeyLiterals {
    private final JsFileContext ctx;
    private final EnvReads env;
    /** A module name in a test mock is a literal too: it is handled there first. */
    private final TestMocks mocks;

    PortkeyLiterals(JsFileContext ctx, EnvReads env) {
        this.ctx = ctx;
        this.env = env;
        this.mocks = new TestMocks(ctx);
    }

    /** A string or template literal that mentions Portkey. */
    void literal(JsNode n) {
        String raw = n.text();
        String lower = raw.toLowerCase(Locale.ROOT);
        if (!lower.contains("portkey")) {
            return;
        }
        if (mocks.mockedModule(n)) {
            return;
        }
        if (lower.contains("api.portkey.ai")) {
            Optional<Rule> api = portkeyApiPath(raw);
            if (api.isPresent()) {
                ctx.work.manualWithTodo(n.start(), ctx.anchor(n), api.get(), "Portkey-only endpoint " + raw, COMMENT);
                ctx.claim(n);
                return;
            }
            List<TextEdit> edits = new ArrayList<>();
            Rule used = null;
            for (JsNode part : urlParts(n)) {
                String src = part.text();
                String rewritten = ctx.rules.rewriteUrls(src);
                if (!rewritten.equals(src)) {
                    int at = src.toLowerCase(Locale.ROOT).indexOf("http");
                    used = ctx.rules.baseUrl(src.substring(Math.max(0, at))).orElse(used);
                    edits.add(TextEdit.replace(part.start(), part.end(), rewritten, "base-url"));
                }
            }
            if (used != null) {
                Rule r = used;
                List<TextEdit> tagged = edits.stream().map(e -> TextEdit.replace(e.start(), e.end(), e.replacement(), r.id())).toList();
                ctx.work.fix(n.start(), r, "Portkey gateway URL", tagged);
                ctx.claim(n);
                return;
            }
        }
        String value = JsValues.literal(n);
        if (value != null && value.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
            Rule r = ctx.rules.requestHeader(value).orElse(null);
            if (r != null && r.action() != Action.KEEP) {
                ctx.work.manualWithTodo(n.start(), ctx.anchor(n), r, value + " named outside a header object or call the tool recognises", COMMENT);
            }
            ctx.claim(n);
            return;
        }
        if (n.is("string")) {
            env.envNames(n, raw);
        }
    }

    /** {@code PORTKEY_GATEWAY_URL} imported from portkey-ai: Concentrate's base URL in its place. */
    void identifier(JsNode n) {
        if (!ctx.imports.isGatewayUrl(n.text())) {
            return;
        }
        JsNode p = n.parent();
        if (p != null && (p.is("import_specifier") || p.is("variable_declarator") && p.child("name") == n)) {
            return;
        }
        Rule r = ctx.rules.baseUrl(Imports.PORTKEY_GATEWAY_URL).orElse(ctx.dependencyRule);
        String url = ctx.rules.rewriteUrls(Imports.PORTKEY_GATEWAY_URL);
        if (p != null && p.is("template_substitution")) {
            ctx.work.fix(n.start(), r, n.text() + " from portkey-ai", TextEdit.replace(p.start(), p.end(), url, r.id()));
            ctx.claim(p);
        } else {
            ctx.work.fix(n.start(), r, n.text() + " from portkey-ai", TextEdit.replace(n.start(), n.end(), ctx.quoted(url), r.id()));
            ctx.claim(n);
        }
    }

    /** The rule of a Portkey-only endpoint ({@code /prompts}, {@code /feedback}) a URL names, if any. */
    private Optional<Rule> portkeyApiPath(String url) {
        int host = url.toLowerCase(Locale.ROOT).indexOf("api.portkey.ai");
        String path = url.substring(host + "api.portkey.ai".length());
        int end = path.length();
        for (char c : new char[]{'\'', '"', '`', '?', '$'}) {
            int i = path.indexOf(c);
            if (i >= 0) {
                end = Math.min(end, i);
            }
        }
        path = path.substring(0, end);
        for (Rule r : ctx.rules.ofKind(RuleKind.PORTKEY_API)) {
            if (r.specificity(path) >= 0 && r.match().stream().anyMatch(m -> m.startsWith("/"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    /** The parts of a string or template that hold text (a template's fragments). */
    private static List<JsNode> urlParts(JsNode n) {
        if (n.is("string")) {
            return List.of(n);
        }
        return n.children().stream().filter(c -> c.is("string_fragment")).toList();
    }
}
