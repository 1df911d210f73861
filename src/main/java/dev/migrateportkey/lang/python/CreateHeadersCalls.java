package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;
import static dev.migrateportkey.lang.python.PythonFileContext.PORTKEY_MODULE;
import static dev.migrateportkey.lang.python.PythonFileContext.oneLine;

/**
 * {@code createHeaders(provider=..., api_key=..., trace_id=...)} (imported from portkey_ai, or
 * called as {@code portkey_ai.createHeaders}): the SDK helper that builds Portkey's headers from
 * keyword arguments. Each argument follows its {@code sdk-param} rule; the call becomes a dict of
 * the headers that still mean something on Concentrate, or goes with its keyword argument when
 * none is left.
 */
final class CreateHeadersCalls extends PythonShapeHandler {
    private final PythonConfigs configs;

    CreateHeadersCalls(PythonFileContext ctx, PythonConfigs configs) {
        super(ctx);
        this.configs = configs;
    }

    /** Whether {@code n} is a call of portkey_ai's {@code createHeaders}. */
    boolean matches(Node n) {
        if (!n.is("call") || n.field("function") == null) {
            return false;
        }
        Node fn = n.field("function");
        String name = fn.is("identifier") ? fn.text()
                : fn.is("attribute") && fn.field("attribute") != null && fn.field("object") != null
                && fn.field("object").text().equals(PORTKEY_MODULE) ? fn.field("attribute").text() : null;
        return name != null && (PortkeyNames.CREATE_HEADERS.equals(ctx.names().portkeyName(name))
                || fn.is("attribute") && name.equals(PortkeyNames.CREATE_HEADERS));
    }

    /**
     * The first argument whose rule has no Concentrate equivalent at all ({@code custom_host}), or
     * null: such headers send the request to a host of the user's, not Concentrate's to take.
     */
    Node manualArgument(Node call) {
        Node args = call.field("arguments");
        for (Node a : args == null ? List.<Node>of() : PythonEdits.elements(args)) {
            if (a.is("keyword_argument") && a.field("name") != null
                    && ctx.sdkRule(a.field("name").text()).filter(r -> r.action() == Action.MANUAL).isPresent()) {
                return a;
            }
        }
        return null;
    }

    /**
     * Leaves a {@code createHeaders(custom_host=...)} call as it was, still imported, with a TODO, as
     * a {@code Portkey(custom_host=...)} client is: removing the custom host would send the request to
     * Concentrate instead of the user's own host, and keeping it beside Concentrate's key means nothing.
     */
    void leaveOnPortkey(Node call) {
        Node arg = manualArgument(call);
        Rule r = ctx.sdkRule(arg.field("name").text()).orElseThrow();
        work.manualWithTodo(arg.start(), PythonEdits.anchor(call), r,
                "createHeaders(" + arg.field("name").text() + "=...) (left on Portkey)", COMMENT);
        ctx.names().keep(call.field("function").is("identifier") ? call.field("function").text() : PortkeyNames.CREATE_HEADERS);
        ctx.consume(call);
    }

    /** The first keyword argument whose finding a {@code migrate-portkey:ignore} comment silences, or null. */
    private Node suppressedArgument(Node call) {
        Node args = call.field("arguments");
        for (Node a : args == null ? List.<Node>of() : PythonEdits.elements(args)) {
            if (a.is("keyword_argument") && a.field("name") != null
                    && ctx.sdkRule(a.field("name").text()).filter(r -> ctx.suppressed(r, a.start())).isPresent()) {
                return a;
            }
        }
        return null;
    }

    /**
     * Leaves a call with a suppressed argument as written. Its arguments all live in one merged dict, so
     * keeping one keeps the call: the suppressed argument's finding is recorded for the suppression to
     * silence, every other argument that would have changed becomes a manual item (it is still sent to
     * Portkey's headers), and the function's name is kept so its {@code portkey_ai} import stays and the
     * kept call still names something imported.
     */
    private void keepForSuppression(Node call, Node suppressed) {
        String suppressedName = suppressed.field("name").text();
        for (Node a : PythonEdits.elements(call.field("arguments"))) {
            if (!a.is("keyword_argument") || a.field("name") == null) {
                continue;
            }
            String name = a.field("name").text();
            Optional<Rule> rule = ctx.sdkRule(name);
            if (rule.isEmpty() || rule.get().action() == Action.KEEP || rule.get().action() == Action.CHECKLIST) {
                continue;
            }
            String subject = "createHeaders(" + name + "=...)";
            if (a.start() == suppressed.start()) {
                work.fix(a.start(), rule.get(), subject);
            } else {
                work.manual(a.start(), rule.get().id(), subject + " stays as written, because " + "createHeaders("
                        + suppressedName + "=...) in the same call is suppressed and the call is kept whole: "
                        + rule.get().note() + " Migrate this call by hand, or suppress this argument too.");
            }
        }
        Node fn = call.field("function");
        ctx.names().keep(fn.is("identifier") ? fn.text() : PortkeyNames.CREATE_HEADERS);
        ctx.consume(call);
    }

    /**
     * {@code createHeaders(provider=..., api_key=..., trace_id=...)}: becomes the dict of the
     * headers that still mean something on Concentrate, or goes with its keyword argument.
     * {@code owner} is the keyword argument holding it, {@code clientCarriesKey} whether an SDK
     * client's api_key carries the key. Returns whether the Portkey key was found.
     */
    boolean rewrite(Node call, Node owner, boolean clientCarriesKey) {
        if (manualArgument(call) != null) {
            leaveOnPortkey(call);
            return false;
        }
        Node suppressed = suppressedArgument(call);
        if (suppressed != null) {
            keepForSuppression(call, suppressed);
            return false;
        }
        Node args = call.field("arguments");
        List<String> entries = new ArrayList<>();
        boolean keyFound = false;
        for (Node a : args == null ? List.<Node>of() : PythonEdits.elements(args)) {
            if (!a.is("keyword_argument") || a.field("name") == null || a.field("value") == null) {
                work.manualWithTodo(a.start(), PythonEdits.anchor(call), rules.requestHeader("x-portkey-*").orElseThrow(),
                        "createHeaders argument '" + oneLine(a.text()) + "'", COMMENT);
                ctx.consume(call);
                return false;
            }
            String name = a.field("name").text();
            Node value = a.field("value");
            Optional<Rule> rule = ctx.sdkRule(name);
            if (rule.isEmpty()) {
                continue;
            }
            Rule r = rule.get();
            String subject = "createHeaders(" + name + "=...)";
            switch (r.action()) {
                case TO_AUTHORIZATION -> {
                    keyFound = true;
                    if (!clientCarriesKey) {
                        entries.add("\"Authorization\": \"Bearer \" + " + keyExpression);
                        ctx.needOs();
                    }
                    work.fix(a.start(), r, subject);
                }
                case RENAME_HEADER -> {
                    entries.add(PythonStrings.quote(r.to()) + ": " + value.text());
                    work.fix(a.start(), r, subject);
                }
                case DROP -> work.fix(a.start(), r, subject);
                case TO_MODEL_PREFIX -> {
                    work.fix(a.start(), r, subject);
                    ctx.pins().fromValue(value, r);
                }
                case DECOMPOSE_CONFIG -> configs.config(value, call, r, subject);
                case TO_BODY_PARAM -> ctx.manualRemoved(a, call, r, subject, PortkeyOptions.bodyParamTodo(r, value));
                case KEEP, CHECKLIST -> {
                }
                default -> ctx.manualRemoved(a, call, r, subject, r.note() + " (was " + oneLine(a.text()) + ")");
            }
        }
        Rule r = rules.requestHeader("x-portkey-*").orElseThrow();
        if (entries.isEmpty() && owner != null && owner.parent() != null) {
            edits.removeElements(owner.parent(), Set.of(owner), r.id()).forEach(work::edit);
            ctx.consume(owner);
        } else {
            work.edit(TextEdit.replace(call.start(), call.end(), "{" + String.join(", ", entries) + "}", r.id()));
            ctx.consume(call);
        }
        return keyFound;
    }
}
