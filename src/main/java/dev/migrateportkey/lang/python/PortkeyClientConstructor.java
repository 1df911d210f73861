package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * {@code Portkey(...)} / {@code AsyncPortkey(...)}: the Portkey SDK's own client becomes the
 * OpenAI client pointed at Concentrate. Each keyword argument follows its {@code sdk-param} rule
 * (or the rule of the header the SDK turns it into), the missing {@code base_url} and
 * {@code api_key} are added, and the class name follows the import. A parameter with no
 * equivalent ({@code custom_host}) leaves the whole client on Portkey for a human.
 */
final class PortkeyClientConstructor extends PythonShapeHandler {
    private final PortkeyOptions options;

    PortkeyClientConstructor(PythonFileContext ctx, PortkeyOptions options) {
        super(ctx);
        this.options = options;
    }

    /** Whether {@code fn} names a Portkey client class imported from portkey_ai. */
    boolean matches(Node fn) {
        return fn.is("identifier") && PortkeyNames.isClientClass(ctx.names().portkeyName(fn.text()));
    }

    /** {@code Portkey(...)} / {@code AsyncPortkey(...)}: becomes the OpenAI client pointed at Concentrate. */
    void rewrite(Node call, Node fn, Node args) {
        String local = fn.text();
        Map<String, Node> kw = args == null ? Map.of() : PythonClientCalls.kwargs(args);
        // A parameter with no equivalent (custom_host) means the client is not Concentrate's to take.
        for (Map.Entry<String, Node> e : kw.entrySet()) {
            Optional<Rule> rule = ctx.sdkRule(e.getKey());
            if (rule.isPresent() && rule.get().action() == Action.MANUAL) {
                work.manualWithTodo(e.getValue().start(), PythonEdits.anchor(call), rule.get(),
                        e.getKey() + "=... of a Portkey client (left on Portkey)", COMMENT);
                ctx.names().keep(local);
                ctx.consume(call);
                return;
            }
        }
        if (keptForSuppression(call, local, kw)) {
            return;
        }
        Set<Node> remove = new LinkedHashSet<>();
        List<TextEdit> out = new ArrayList<>();
        Node keyArg = null;
        Node urlArg = null;
        for (Map.Entry<String, Node> e : kw.entrySet()) {
            String name = e.getKey();
            Node arg = e.getValue();
            Node value = arg.field("value");
            Optional<Rule> rule = paramRule(name);
            if (rule.isEmpty() || value == null) {
                continue;
            }
            Rule r = rule.get();
            String subject = name + "=... of the Portkey client";
            switch (r.action()) {
                case TO_AUTHORIZATION -> {
                    keyArg = arg;
                    if (!value.text().equals(keyExpression)) {
                        work.fix(arg.start(), r, subject, PythonEdits.replace(value, keyExpression, r.id()));
                        ctx.needOs();
                    }
                    ctx.consume(value);
                }
                case REPLACE_URL -> {
                    urlArg = arg;
                    String url = PythonStrings.quote(r.to());
                    if (!value.text().equals(url)) {
                        work.fix(arg.start(), r, subject, PythonEdits.replace(value, url, r.id()));
                    }
                    ctx.consume(value);
                }
                case RENAME_HEADER -> {
                    // A client-wide trace id is not a request id: dropped, as the guide's Step 2 does.
                    remove.add(arg);
                    work.fix(arg.start(), r, subject + " (a client-wide id; send X-Request-Id per request if you need one)");
                }
                case TO_BODY_PARAM -> {
                    remove.add(arg);
                    ctx.manualRemoved(arg, call, r, subject, PortkeyOptions.bodyParamTodo(r, value));
                }
                case TO_CLIENT_TIMEOUT -> options.timeout(arg, value, r, subject + " (milliseconds; the OpenAI SDK's timeout is in seconds)");
                // Dropped, moved into the model slug or decomposed as a Config; any other action keeps the argument.
                default -> options.remove(call, name, arg, value, r, subject, remove);
            }
        }
        out.addAll(edits.removeElements(args, remove, "sdk-param"));
        remove.forEach(ctx::consume);
        List<Node> kept = new ArrayList<>();
        if (args != null) {
            for (Node a : PythonEdits.elements(args)) {
                if (!remove.contains(a)) {
                    kept.add(a);
                }
            }
        }
        List<String> missing = new ArrayList<>();
        if (urlArg == null) {
            missing.add("base_url=" + PythonStrings.quote(baseUrlRule.to()));
        }
        if (keyArg == null) {
            missing.add("api_key=" + keyExpression);
            ctx.needOs();
        }
        if (!missing.isEmpty() && args != null) {
            if (!kept.isEmpty()) {
                for (String m : missing) {
                    out.add(edits.insertBefore(kept.get(0), m, baseUrlRule.id()));
                }
            } else if (!remove.isEmpty() && text.onlyBlankBefore(remove.iterator().next().start())) {
                Node first = remove.iterator().next();
                for (String m : missing) {
                    out.add(TextEdit.insert(text.lineStart(first.start()),
                            text.indentation(first.start()) + m + "," + text.lineSeparator(), baseUrlRule.id()));
                }
            } else {
                out.add(PythonEdits.insertIntoEmpty(args, String.join(", ", missing), baseUrlRule.id()));
            }
        }
        String portkeyName = ctx.names().portkeyName(local);
        String target = PortkeyNames.openaiClass(portkeyName);
        ctx.names().migrated(local);
        if (local.equals(portkeyName)) {
            out.add(PythonEdits.replace(fn, target, baseUrlRule.id()));
        }
        work.fix(call.start(), baseUrlRule, local + "(...) becomes " + target + "(...) against Concentrate", out);
        ctx.markBound(call);
        ctx.consume(call);
    }

    /**
     * Leaves the client as written when a {@code migrate-portkey:ignore} comment names it or one of its
     * arguments, and returns whether it did. A suppressed argument must stay, and the OpenAI client
     * accepts none of Portkey's own ({@code virtual_key=} would be a TypeError), so the client stays a
     * Portkey client and keeps its import. The suppressed finding is recorded for the suppression to
     * silence; every other argument that would have changed becomes a manual item.
     */
    private boolean keptForSuppression(Node call, String local, Map<String, Node> kw) {
        String target = PortkeyNames.openaiClass(ctx.names().portkeyName(local));
        String clientSubject = local + "(...) becomes " + target + "(...) against Concentrate";
        String why = null;
        if (ctx.suppressed(baseUrlRule, call.start())) {
            why = local + "(...)";
        }
        for (Map.Entry<String, Node> e : kw.entrySet()) {
            Optional<Rule> rule = paramRule(e.getKey());
            if (why == null && rule.isPresent() && ctx.suppressed(rule.get(), e.getValue().start())) {
                why = e.getKey() + "=...";
            }
        }
        if (why == null) {
            return false;
        }
        String stays = " stays as written, because " + why + " is suppressed and the client stays on Portkey: ";
        if (ctx.suppressed(baseUrlRule, call.start())) {
            work.fix(call.start(), baseUrlRule, clientSubject);
        } else {
            work.manual(call.start(), baseUrlRule.id(), local + "(...)" + stays
                    + "switch it to " + target + "(...) against Concentrate by hand, or suppress the client itself.");
        }
        for (Map.Entry<String, Node> e : kw.entrySet()) {
            Optional<Rule> rule = paramRule(e.getKey());
            if (rule.isEmpty() || rule.get().action() == Action.KEEP || rule.get().action() == Action.CHECKLIST) {
                continue;
            }
            Rule r = rule.get();
            String subject = e.getKey() + "=... of the Portkey client";
            if (ctx.suppressed(r, e.getValue().start())) {
                work.fix(e.getValue().start(), r, subject);
            } else {
                work.manual(e.getValue().start(), r.id(), subject + stays + r.note());
            }
        }
        ctx.names().keep(local);
        ctx.consume(call);
        return true;
    }

    /**
     * The rule for a keyword argument of a Portkey client constructor: its own
     * {@code sdk-param} rule, or else the rule of the header the SDK turns it into
     * ({@code aws_region} sets {@code x-portkey-aws-region}, which the header rules know). The
     * OpenAI client's own options have no such rule: they stay.
     */
    private Optional<Rule> paramRule(String name) {
        Optional<Rule> own = ctx.sdkRule(name);
        if (own.isPresent() || PythonClientCalls.OPENAI_OPTIONS.contains(name) || !name.matches("[a-z][a-z0-9_]*")) {
            return own;
        }
        return rules.requestHeader("x-portkey-" + name.replace('_', '-'));
    }
}
