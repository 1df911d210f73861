package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static dev.migrateportkey.lang.python.PythonFileContext.oneLine;

/**
 * {@code client.with_options(trace_id=..., metadata=..., config=...)}: the per-call options of a
 * Portkey client. Portkey-only options follow their {@code sdk-param} rule (a trace id becomes a
 * header, a Config is decomposed, the rest goes or is left for a human); the OpenAI client's own
 * options stay, and a call left with nothing to set disappears.
 */
final class WithOptionsCalls extends PythonShapeHandler {
    private final PortkeyOptions options;

    WithOptionsCalls(PythonFileContext ctx, PortkeyOptions options) {
        super(ctx);
        this.options = options;
    }

    /** Whether {@code fn} is a {@code .with_options} attribute. */
    static boolean matches(Node fn) {
        return fn.is("attribute") && fn.field("attribute") != null && fn.field("attribute").text().equals("with_options");
    }

    /** {@code client.with_options(trace_id=..., metadata=...)}: Portkey-only options go. */
    void rewrite(Node call, Node fn, Node args) {
        Map<String, Node> kw = PythonClientCalls.kwargs(args);
        Set<Node> remove = new LinkedHashSet<>();
        List<TextEdit> out = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<String, Node> e : kw.entrySet()) {
            String name = e.getKey();
            Node arg = e.getValue();
            Node value = arg.field("value");
            Optional<Rule> rule = ctx.sdkRule(name);
            if (rule.isEmpty() || PythonClientCalls.OPENAI_OPTIONS.contains(name) || value == null) {
                continue;
            }
            any = true;
            Rule r = rule.get();
            String subject = name + "=... of with_options";
            switch (r.action()) {
                case RENAME_HEADER -> {
                    if (kw.containsKey("default_headers")) {
                        remove.add(arg);
                        ctx.manualRemoved(arg, call, r, subject, "add " + PythonStrings.quote(r.to()) + ": " + oneLine(value.text())
                                + " to default_headers");
                    } else {
                        work.fix(arg.start(), r, subject, TextEdit.replace(arg.start(), arg.end(),
                                "default_headers={" + PythonStrings.quote(r.to()) + ": " + value.text() + "}", r.id()));
                    }
                }
                case TO_CLIENT_TIMEOUT -> options.timeout(arg, value, r, subject);
                case KEEP, CHECKLIST -> {
                }
                default -> {
                    if (!options.remove(call, name, arg, value, r, subject, remove)) {
                        remove.add(arg);
                        ctx.manualRemoved(arg, call, r, subject, r.note() + " (was " + oneLine(arg.text()) + ")");
                    }
                }
            }
        }
        if (!any) {
            return;
        }
        List<Node> all = PythonEdits.elements(args);
        if (remove.size() == all.size() && fn.field("object") != null) {
            // Nothing left to set: client.with_options().x becomes client.x.
            out.add(TextEdit.replace(call.start(), call.end(), fn.field("object").text(), "sdk-param"));
        } else {
            out.addAll(edits.removeElements(args, remove, "sdk-param"));
        }
        out.forEach(work::edit);
        ctx.consume(call);
    }
}
