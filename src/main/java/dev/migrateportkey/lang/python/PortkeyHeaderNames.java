package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.Set;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * An {@code x-portkey-*} name outside a header dict. Read from a response
 * ({@code response.headers["x-portkey-cache-status"]}, {@code headers.get(...)}), it follows its
 * {@code response-header} rule; anywhere else the tool cannot follow where it goes, so a request
 * header that means something is a manual item.
 */
final class PortkeyHeaderNames extends PythonShapeHandler {
    /** Calls that read a response header by name. */
    private static final Set<String> HEADER_GETTERS = Set.of("get", "getheader", "get_all", "getlist");

    PortkeyHeaderNames(PythonFileContext ctx) {
        super(ctx);
    }

    /** An x-portkey-* name outside a header dict: a response header read, or a name the tool cannot follow. */
    void rewrite(Node lit, String name) {
        Node parent = lit.parent();
        Node call = parent != null && parent.is("argument_list") ? parent.parent() : null;
        boolean read = parent != null && parent.is("subscript")
                || call != null && call.is("call") && call.field("function") != null && call.field("function").is("attribute")
                && HEADER_GETTERS.contains(call.field("function").field("attribute").text());
        if (read) {
            Rule r = rules.responseHeader(name).orElse(null);
            if (r == null) {
                return;
            }
            switch (r.action()) {
                case RENAME_HEADER -> work.fix(lit.start(), r, name + " response header",
                        PythonEdits.replace(lit, PythonStrings.quote(r.to(), PythonStrings.quoteOf(lit)), r.id()));
                case KEEP, CHECKLIST -> {
                }
                default -> work.manualWithTodo(lit.start(), PythonEdits.anchor(lit), r, name + " response header", COMMENT);
            }
            ctx.consume(lit);
            return;
        }
        Rule r = rules.requestHeader(name).orElse(null);
        if (r != null && r.action() != Action.KEEP) {
            work.manualWithTodo(lit.start(), PythonEdits.anchor(lit), r, name + " named outside a header dict the tool recognises", COMMENT);
        }
        ctx.consume(lit);
    }
}
