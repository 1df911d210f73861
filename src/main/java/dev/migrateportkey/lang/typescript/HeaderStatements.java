package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.Rule;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;

/**
 * Headers set one statement at a time: {@code headers.set('x-portkey-...', v)} and
 * {@code append}, reads with {@code get} and {@code has}, and {@code headers['x-portkey-...'] = v}.
 * A dropped header takes its statement along (and the braceless {@code if} that only guarded it),
 * which is why this shape needs to know when a statement can go safely.
 */
final class HeaderStatements {
    /** Calls a condition may make and still be dropped with the statement it guards. */
    private static final Set<String> PURE_CALLS = Set.of("Object.keys", "Object.values", "Object.entries",
            "Array.isArray", "Boolean", "String", "Number");

    private final JsFileContext ctx;
    private final ClientIndex index;

    HeaderStatements(JsFileContext ctx, ClientIndex index) {
        this.ctx = ctx;
        this.index = index;
    }

    /** {@code headers.set('x-portkey-...', v)} and {@code append}, and reads with {@code get}. */
    void headerCall(JsNode call, List<JsNode> args) {
        Optional<String> name = ctx.values.resolve(args.get(0)).filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
        if (name.isEmpty()) {
            return;
        }
        if (args.size() == 1) {
            Rule r = ctx.rules.responseHeader(name.get()).orElse(null);
            if (r == null) {
                return;
            }
            String what = name.get() + " response header";
            switch (r.action()) {
                case RENAME_HEADER -> ctx.work.fix(args.get(0).start(), r, what,
                        TextEdit.replace(args.get(0).start(), args.get(0).end(), ctx.quoted(r.to()), r.id()));
                case KEEP, CHECKLIST -> {
                }
                default -> ctx.work.manualWithTodo(call.start(), ctx.anchor(call), r, what, COMMENT);
            }
            ctx.claim(args.get(0));
            return;
        }
        Rule r = ctx.rules.requestHeader(name.get()).orElse(null);
        if (r == null) {
            return;
        }
        String what = name.get() + " header";
        JsNode statement = call.parent();
        JsNode removable = statement != null && statement.is("expression_statement") ? removable(statement) : null;
        switch (r.action()) {
            case DROP, TO_MODEL_PREFIX -> {
                pinRequests(call.child("function").child("object"), args.get(1), r, what);
                if (removable != null) {
                    ctx.work.fix(call.start(), r, what, removeStatement(removable, r.id()));
                    ctx.claim(removable);
                } else {
                    ctx.work.manualWithTodo(call.start(), ctx.anchor(call), r, what + " (cannot be removed on its own here)", COMMENT);
                    ctx.claim(call);
                }
                return;
            }
            case RENAME_HEADER -> ctx.work.fix(args.get(0).start(), r, what,
                    TextEdit.replace(args.get(0).start(), args.get(0).end(), ctx.quoted(r.to()), r.id()));
            case TO_AUTHORIZATION -> ctx.work.fix(args.get(0).start(), r, what,
                    TextEdit.replace(args.get(0).start(), args.get(1).end(),
                            ctx.quoted("Authorization") + ", " + ctx.keys.bearerFor(args.get(1)), r.id()));
            case KEEP, CHECKLIST -> {
            }
            default -> ctx.work.manualWithTodo(call.start(), ctx.anchor(call), r, what, COMMENT);
        }
        ctx.claim(call);
    }

    /**
     * {@code headers['x-portkey-trace-id'] = v}: the header-building style of fetch helpers. Each
     * follows its request-header rule as {@code headers.set} does: the statement goes (with the
     * braceless {@code if} that only guarded it), the key is renamed, or the key becomes
     * {@code Authorization} with the Concentrate bearer.
     */
    void headerAssignment(JsNode assignment) {
        JsNode left = assignment.child("left");
        JsNode right = assignment.child("right");
        JsNode index = left == null || !left.is("subscript_expression") ? null : left.child("index");
        if (index == null || right == null) {
            return;
        }
        Optional<String> name = ctx.values.resolve(index).filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
        Rule r = name.flatMap(ctx.rules::requestHeader).orElse(null);
        if (r == null) {
            return;
        }
        String what = name.get() + " header set on " + left.child("object").text();
        JsNode statement = assignment.parent();
        JsNode removable = statement != null && statement.is("expression_statement") ? removable(statement) : null;
        switch (r.action()) {
            case DROP, TO_MODEL_PREFIX -> {
                pinRequests(left.child("object"), right, r, what);
                if (removable == null) {
                    ctx.work.manualWithTodo(assignment.start(), ctx.anchor(assignment), r,
                            what + " (the tool cannot remove it safely here, e.g. its if condition calls a function: delete it by hand)", COMMENT);
                    ctx.claim(assignment);
                    return;
                }
                ctx.work.fix(assignment.start(), r, what, removeStatement(removable, r.id()));
                ctx.claim(removable);
                return;
            }
            case RENAME_HEADER -> ctx.work.fix(index.start(), r, what,
                    TextEdit.replace(index.start(), index.end(), ctx.quoted(r.to()), r.id()));
            case TO_AUTHORIZATION -> ctx.work.fix(index.start(), r, what,
                    TextEdit.replace(index.start(), index.end(), ctx.quoted("Authorization"), r.id()),
                    TextEdit.replace(right.start(), right.end(), ctx.keys.bearerFor(right), r.id()));
            case KEEP, CHECKLIST -> {
            }
            default -> ctx.work.manualWithTodo(assignment.start(), ctx.anchor(assignment), r, what, COMMENT);
        }
        ctx.claim(assignment);
    }

    /**
     * A provider header set on a variable ({@code headers.set('x-portkey-provider', 'anthropic')},
     * {@code h['x-portkey-provider'] = ...}) pins every call in the same function that sends that
     * variable as its headers ({@code fetch(url, { headers: h })}, {@code { headers }}), as the same
     * header written in the call's own object does.
     */
    private void pinRequests(JsNode holder, JsNode value, Rule r, String what) {
        if (r.action() != dev.migrateportkey.rules.Action.TO_MODEL_PREFIX || holder == null || !holder.is("identifier")) {
            return;
        }
        ProviderPin pin = r.prefix() != null ? new ProviderPin(r.prefix(), r.primaryMatch(), false) : ctx.pinOf(value, r, what);
        if (pin == null) {
            return;
        }
        JsNode scope = holder.ancestor(a -> a.is("statement_block") && a.parent() != null && (a.parent().is("function_declaration")
                || a.parent().is("arrow_function") || a.parent().is("method_definition") || a.parent().is("function_expression")
                || a.parent().is("function")));
        for (JsNode entry : (scope != null ? scope : ctx.root).findAll(x -> x.is("pair") || x.is("shorthand_property_identifier"))) {
            boolean feeds = entry.is("pair") ? "headers".equals(JsValues.keyName(entry)) && entry.child("value") != null
                    && entry.child("value").text().equals(holder.text())
                    : entry.text().equals("headers") && holder.text().equals("headers");
            JsNode call = feeds ? entry.ancestor(a -> a.is("call_expression")) : null;
            if (call != null && entry.parent() != null && entry.parent().parent() == call.child("arguments")) {
                index.pinCall(call, pin);
            }
        }
    }

    /**
     * What to delete so that {@code statement} goes: the statement itself in a block, or the
     * braceless {@code if} (no else) whose whole body it is, when that if's condition has no side
     * effect. Null when neither is safe.
     */
    private static JsNode removable(JsNode statement) {
        JsNode up = statement.parent();
        if (up == null) {
            return null;
        }
        if (up.is("statement_block") && up.namedChildren().size() == 1 && up.parent() != null
                && up.parent().is("if_statement") && removable(up) != null) {
            // if (x) { only this } : the whole if goes rather than leaving an empty block.
            return removable(up);
        }
        if (up.is("statement_block") || up.is("program") || up.is("switch_case") || up.is("switch_default")) {
            return statement;
        }
        if (up.is("if_statement") && up.child("alternative") == null && up.child("consequence") == statement
                && sideEffectFree(up.child("condition"))) {
            return removable(up);
        }
        return null;
    }

    private static boolean sideEffectFree(JsNode expression) {
        if (expression == null) {
            return false;
        }
        return expression.findAll(n -> n.is("assignment_expression") || n.is("augmented_assignment_expression")
                || n.is("update_expression") || n.is("await_expression") || n.is("yield_expression") || n.is("new_expression")
                || n.is("call_expression") && (n.child("function") == null || !PURE_CALLS.contains(n.child("function").text())))
                .isEmpty();
    }

    /** Deletes a statement, with its whole line when it stands alone on it. */
    private List<TextEdit> removeStatement(JsNode statement, String ruleId) {
        int s = statement.start();
        int e = statement.end();
        if (ctx.text.onlyBlankBefore(s) && ctx.text.onlyBlankOrCommentAfter(e, null)) {
            return List.of(TextEdit.delete(ctx.text.lineStart(s), ctx.text.nextLineStart(e), ruleId));
        }
        return List.of(TextEdit.delete(s, e, ruleId));
    }
}
