package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.migrateportkey.lang.python.PythonClientCalls.BASE_URL_KWARGS;
import static dev.migrateportkey.lang.python.PythonClientCalls.HEADER_KWARGS;
import static dev.migrateportkey.lang.python.PythonClientCalls.KEY_KWARGS;

/**
 * A client that is not Portkey's own but is pointed at Portkey: a call (OpenAI, AsyncOpenAI,
 * ChatOpenAI, instructor, dspy.LM, httpx.Client, requests.post, a request's
 * {@code create(...)}) whose base URL is Portkey's or whose headers are Portkey's, or a dict of
 * client settings (autogen's {@code config_list}, options for {@code ChatOpenAI(**options)})
 * whose base URL is Portkey's. The URL moves to Concentrate, the key becomes the Concentrate key,
 * and the header dict or {@code createHeaders(...)} is rewritten by its own handler, told whether
 * the client's {@code api_key} carries the key.
 */
final class PortkeyBoundClients extends PythonShapeHandler {
    private final PythonHeaderDicts headerDicts;
    private final CreateHeadersCalls createHeaders;

    PortkeyBoundClients(PythonFileContext ctx, PythonHeaderDicts headerDicts, CreateHeadersCalls createHeaders) {
        super(ctx);
        this.headerDicts = headerDicts;
        this.createHeaders = createHeaders;
    }

    /** Any other call (OpenAI, AsyncOpenAI, ChatOpenAI, instructor, dspy.LM, httpx.Client...) pointed at Portkey. */
    void call(Node call, Node args) {
        Map<String, Node> kw = PythonClientCalls.kwargs(args);
        Node urlArg = null;
        boolean portkeyUrl = false;
        for (String name : BASE_URL_KWARGS) {
            Node a = kw.get(name);
            if (a != null && a.field("value") != null && isPortkeyUrl(a.field("value"))) {
                urlArg = a;
                portkeyUrl = true;
            }
        }
        List<Node> headerArgs = new ArrayList<>();
        // Each header argument's Portkey headers: written in place, or held in a variable assigned
        // once in the same scope and used only here (then the client's api_key can take the key).
        Map<Node, Node> headerValues = new HashMap<>();
        boolean portkeyHeaders = false;
        for (String name : HEADER_KWARGS) {
            Node a = kw.get(name);
            if (a == null || a.field("value") == null) {
                continue;
            }
            Node v = a.field("value");
            Node held = PythonVariables.singleAssignment(v);
            if (held != null && !ctx.isConsumed(held)) {
                v = held;
            }
            if (createHeaders.matches(v) || v.is("dictionary") && PythonHeaderDicts.hasPortkeyKey(v)) {
                headerArgs.add(a);
                headerValues.put(a, v);
                portkeyHeaders = true;
            }
        }
        if (!portkeyUrl && !portkeyHeaders) {
            return;
        }
        for (Node a : headerArgs) {
            Node v = headerValues.get(a);
            if (v.is("call") && createHeaders.manualArgument(v) != null) {
                // Headers for a custom host: the whole client stays on Portkey, like Portkey(custom_host=...).
                createHeaders.leaveOnPortkey(v);
                if (urlArg != null && urlArg.field("value").is("identifier")) {
                    ctx.names().keep(urlArg.field("value").text());
                }
                ctx.consume(call);
                return;
            }
        }
        if (urlArg != null && ctx.suppressed(baseUrlRule, urlArg.start())) {
            keepOnPortkey(call, urlArg, headerArgs, headerValues);
            return;
        }
        Node keyArg = null;
        for (String name : KEY_KWARGS) {
            if (kw.containsKey(name)) {
                keyArg = kw.get(name);
            }
        }
        boolean sdkClient = portkeyUrl && keyArg != null || headerArgs.stream().anyMatch(a -> !a.field("name").text().equals("headers"));
        if (urlArg != null) {
            Node value = urlArg.field("value");
            String replacement = value.is("identifier") ? PythonStrings.quote(baseUrlRule.to()) : rules.rewriteUrls(value.text());
            work.fix(urlArg.start(), baseUrlRule, urlArg.field("name").text() + "=... pointed at Portkey",
                    PythonEdits.replace(value, replacement, baseUrlRule.id()));
            ctx.consume(urlArg);
        }
        if (keyArg != null && sdkClient) {
            Node value = keyArg.field("value");
            Rule r = ctx.apiKeyRule();
            if (value != null && !value.text().equals(keyExpression)) {
                work.fix(keyArg.start(), r, keyArg.field("name").text() + "=... of a client pointed at Portkey (the Concentrate key replaces it)",
                        PythonEdits.replace(value, keyExpression, r.id()));
                ctx.needOs();
            }
            ctx.consume(keyArg);
        }
        ctx.markBound(call);
        // The key can move into an api_key= argument only where one exists or the constructor is
        // an SDK client known to take one; any other class (a settings object, a provider profile)
        // would reject an unknown keyword, so its header dict carries the key as Authorization.
        // A request method (create(...)) runs on a client that carries the key already.
        Node fn = call.field("function");
        boolean takesKey = keyArg != null || !PythonClientCalls.isConstructor(fn) || PythonClientCalls.acceptsApiKey(fn);
        boolean keyNeeded = false;
        for (Node a : headerArgs) {
            Node v = headerValues.get(a);
            // A dict held in a variable keeps its keyword argument (and the variable) even when emptied.
            Node owner = v.equals(a.field("value")) ? a : null;
            boolean carriesKey = sdkClient && takesKey && !a.field("name").text().equals("headers");
            boolean keyHeader = v.is("dictionary") ? headerDicts.rewrite(v, owner, carriesKey) : createHeaders.rewrite(v, owner, carriesKey);
            // A per-request extra_headers of create(...) cannot take the key back as api_key; a
            // client's default_headers (or a client whose base URL was Portkey's) can.
            keyNeeded |= keyHeader && carriesKey && (a.field("name").text().equals("default_headers") || urlArg != null);
        }
        if (keyNeeded && keyArg == null) {
            // The key travelled in a Portkey header that is gone: the client's api_key carries it now.
            Rule r = ctx.apiKeyRule();
            String code = "api_key=" + keyExpression;
            List<Node> elements = PythonEdits.elements(args);
            Node before = elements.isEmpty() ? null : elements.get(0);
            if (urlArg != null) {
                work.edit(edits.insertAfter(urlArg, code, r.id()));
            } else if (before != null) {
                work.edit(edits.insertBefore(before, code, r.id()));
            } else {
                work.edit(PythonEdits.insertIntoEmpty(args, code, r.id()));
            }
            ctx.needOs();
        }
    }

    /**
     * A client whose Portkey base URL is suppressed keeps talking to Portkey, so it stays as written:
     * its key and Portkey headers are what the gateway still needs. The URL's finding is recorded for
     * the suppression to silence, and the portkey_ai names the kept code reads (the gateway URL,
     * {@code createHeaders}) are kept, so their imports stay and the client still runs.
     */
    private void keepOnPortkey(Node call, Node urlArg, List<Node> headerArgs, Map<Node, Node> headerValues) {
        work.fix(urlArg.start(), baseUrlRule, urlArg.field("name").text() + "=... pointed at Portkey");
        Node url = urlArg.field("value");
        if (url.is("identifier")) {
            ctx.names().keep(url.text());
        }
        for (Node a : headerArgs) {
            Node v = headerValues.get(a);
            if (createHeaders.matches(v) && v.field("function").is("identifier")) {
                ctx.names().keep(v.field("function").text());
            }
        }
        ctx.consume(call);
    }

    /**
     * A client's settings as a dict whose base URL is Portkey's: autogen's {@code config_list}
     * entries, options built for {@code ChatOpenAI(**options)}, {@code client_args}. Its entries
     * follow the same rules as a call's keyword arguments: the key entry carries the Concentrate
     * key (then the Portkey key header goes), the header entry is migrated. Without a key entry
     * the consumer is unknown, so the header dict carries the key as Authorization.
     */
    void settingsDict(Node dict) {
        Map<String, Node> pairs = new LinkedHashMap<>();
        for (Node p : PythonEdits.elements(dict)) {
            if (p.is("pair") && p.field("value") != null) {
                PythonStrings.value(p.field("key")).ifPresent(k -> pairs.put(k, p));
            }
        }
        Node urlPair = null;
        for (String name : BASE_URL_KWARGS) {
            Node p = pairs.get(name);
            if (p != null && isPortkeyUrl(p.field("value"))) {
                urlPair = p;
            }
        }
        if (urlPair == null) {
            return;
        }
        Node url = urlPair.field("value");
        String replacement = url.is("identifier") ? PythonStrings.quote(baseUrlRule.to()) : rules.rewriteUrls(url.text());
        work.fix(urlPair.start(), baseUrlRule, PythonStrings.value(urlPair.field("key")).orElse("base_url") + " entry pointed at Portkey",
                PythonEdits.replace(url, replacement, baseUrlRule.id()));
        ctx.consume(urlPair);
        Node keyPair = null;
        for (String name : KEY_KWARGS) {
            keyPair = keyPair != null ? keyPair : pairs.get(name);
        }
        if (keyPair != null) {
            Node value = keyPair.field("value");
            Rule r = ctx.apiKeyRule();
            if (!value.text().equals(keyExpression)) {
                work.fix(keyPair.start(), r, PythonStrings.value(keyPair.field("key")).orElse("api_key")
                        + " entry of client settings pointed at Portkey (the Concentrate key replaces it)",
                        PythonEdits.replace(value, keyExpression, r.id()));
                ctx.needOs();
            }
            ctx.consume(keyPair);
        }
        for (String name : HEADER_KWARGS) {
            Node p = pairs.get(name);
            if (p == null) {
                continue;
            }
            Node v = p.field("value");
            boolean carriesKey = keyPair != null && !name.equals("headers");
            if (createHeaders.matches(v)) {
                createHeaders.rewrite(v, p, carriesKey);
            } else if (v.is("dictionary") && PythonHeaderDicts.hasPortkeyKey(v)) {
                headerDicts.rewrite(v, p, carriesKey);
            }
        }
    }

    /** A base URL that is Portkey's: the imported {@code PORTKEY_GATEWAY_URL}, or a literal the URL rules rewrite. */
    private boolean isPortkeyUrl(Node value) {
        if (value.is("identifier")) {
            return PortkeyNames.GATEWAY_URL.equals(ctx.names().portkeyName(value.text()));
        }
        if (value.is("string") || value.is("concatenated_string")) {
            return !rules.rewriteUrls(value.text()).equals(value.text());
        }
        return false;
    }
}
