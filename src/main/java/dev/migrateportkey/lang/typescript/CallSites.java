package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.List;
import java.util.Locale;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;
import static dev.migrateportkey.lang.typescript.JsFileContext.HEADER_KEYS;

/**
 * Call expressions: sends each to the shape it is ({@code createHeaders}, a Portkey client factory,
 * a {@code headers.set/get} call), reports Portkey-only APIs (prompts, feedback, admin), renames
 * the methods of a migrated provider factory, and records the SDK requests whose bodies Configs
 * and model slugs will be placed into.
 */
final class CallSites {
    private final JsFileContext ctx;
    private final ClientIndex index;
    private final HeaderObjects headers;
    private final ClientOptions clients;
    private final HeaderStatements headerStatements;

    CallSites(JsFileContext ctx, ClientIndex index, HeaderObjects headers, ClientOptions clients,
              HeaderStatements headerStatements) {
        this.ctx = ctx;
        this.index = index;
        this.headers = headers;
        this.clients = clients;
        this.headerStatements = headerStatements;
    }

    void call(JsNode n) {
        JsNode fn = n.child("function");
        JsNode args = n.child("arguments");
        if (fn == null || args == null || !args.is("arguments")) {
            return;
        }
        List<JsNode> argList = args.namedChildren();
        if (fn.is("identifier")) {
            if (ctx.imports.isCreateHeaders(fn.text())) {
                JsNode owner = n.parent() != null && n.parent().is("pair") && HEADER_KEYS.contains(JsValues.keyName(n.parent()))
                        ? n.parent() : null;
                headers.createHeaders(n, null, owner);
            } else if (ctx.imports.isClientFactory(fn.text())) {
                clients.portkeyClient(n, fn, args, ctx.imports.clientTarget(fn.text()));
            }
            return;
        }
        if (!fn.is("member_expression")) {
            return;
        }
        JsNode property = fn.child("property");
        String method = property == null ? "" : property.text();
        if ((method.equals("set") || method.equals("append")) && argList.size() == 2
                || (method.equals("get") || method.equals("has")) && argList.size() == 1) {
            headerStatements.headerCall(n, argList);
            if (ctx.isClaimed(n)) {
                return;
            }
        }
        if (portkeyApi(n, fn)) {
            return;
        }
        JsNode receiver = fn.child("object");
        Imports.Target factory = receiver != null && receiver.is("identifier") ? index.factoryOf(receiver.text()) : null;
        if (factory != null) {
            String renamed = factory.methodRenames().get(method);
            if (renamed != null) {
                ctx.work.fix(property.start(), ctx.dependencyRule, receiver.text() + "." + method + "(...)",
                        TextEdit.replace(property.start(), property.end(), renamed, ctx.dependencyRule.id()));
            }
        }
        index.maybeRequest(n, method, argList);
    }

    /**
     * Portkey-only APIs (prompts, feedback, admin): a TODO above the statement, the call stays. A
     * {@code namespace.*} pattern matches a call under that namespace of a Portkey client variable
     * only ({@code portkey.virtualKeys.create}): names like {@code configs} are common elsewhere.
     */
    private boolean portkeyApi(JsNode call, JsNode fn) {
        String path = dottedPath(fn).toLowerCase(Locale.ROOT);
        if (path.isEmpty()) {
            return false;
        }
        for (Rule r : ctx.rules.ofKind(RuleKind.PORTKEY_API)) {
            for (String m : r.match()) {
                if (m.startsWith("/")) {
                    continue;
                }
                String p = m.toLowerCase(Locale.ROOT);
                boolean hit = p.endsWith(".*") ? underClientNamespace(fn, path, p.substring(0, p.length() - 2))
                        : path.equals(p) || path.endsWith("." + p);
                if (hit) {
                    ctx.work.manualWithTodo(call.start(), ctx.anchor(call), r, dottedPath(fn) + "(...)", COMMENT);
                    ctx.claim(call);
                    return true;
                }
            }
        }
        return false;
    }

    /** {@code client.namespace.method} where {@code client} holds a client made in this file. */
    private boolean underClientNamespace(JsNode fn, String path, String namespace) {
        String root = ClientIndex.rootName(fn);
        if (root == null || !index.isClientVariable(root)) {
            return false;
        }
        String[] segments = path.split("\\.");
        for (int i = 1; i < segments.length - 1; i++) {
            if (segments[i].equals(namespace) && segments[i - 1].equalsIgnoreCase(root)) {
                return true;
            }
        }
        return false;
    }

    private static String dottedPath(JsNode e) {
        if (e == null) {
            return "";
        }
        if (e.is("member_expression")) {
            String left = dottedPath(e.child("object"));
            JsNode p = e.child("property");
            return (left.isEmpty() ? "" : left + ".") + (p == null ? "" : p.text());
        }
        if (e.is("call_expression")) {
            return dottedPath(e.child("function"));
        }
        if (e.is("identifier") || e.is("this")) {
            return e.text();
        }
        return "";
    }
}
