package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ProviderPin;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one file knows about its clients and the requests made through them: which variables hold
 * a Portkey (or OpenAI) client, which getter returns which client, the provider each client or call
 * is pinned to, and every {@code create}-style request with an object body. Configs, body params
 * and model slugs need this to find the requests a client option applies to.
 */
final class ClientIndex {
    /** SDK methods whose first argument is a request body with a {@code model}. */
    private static final Set<String> REQUEST_METHODS = Set.of("create", "stream", "parse", "createAndPoll");

    private final JsFileContext ctx;
    /** Provider slug prefix known for a client variable ({@code const client = new Portkey({provider})}). */
    private final Map<String, ProviderPin> clientProviders = new HashMap<>();
    /** Variables (or fields) that hold a Portkey (or OpenAI) client made in this file. */
    private final Set<String> portkeyClientNames = new HashSet<>();
    /** Getter functions to the client variable they return. */
    private final Map<String, String> getterReturns = new HashMap<>();
    /** Variables that hold an OpenAI client calling OpenAI itself, never through Portkey. */
    private final Set<String> openAiDirectNames = new HashSet<>();
    /** Provider slug prefix known for one call ({@code fetch(url, {headers: {'x-portkey-provider': ...}})}). */
    // JsNode keeps identity equality; linked, so the pinned calls are visited in the order they were
    // found (an IdentityHashMap's order depends on identity hashes, which differ from run to run).
    private final Map<JsNode, ProviderPin> callProviders = new LinkedHashMap<>();
    private final Set<ProviderPin> providerHints = new LinkedHashSet<>();
    private final List<JsNode> requestCalls = new ArrayList<>();
    /** Variables holding a provider made by a migrated factory ({@code const portkey = createPortkey(...)}). */
    private final Map<String, Imports.Target> factoryVariables = new HashMap<>();
    /** Whether the file made or pointed a client at Portkey: then its model strings get slugs. */
    private boolean portkeyClients;
    /** Whether a client of the file names a provider the tool cannot tell: then no file-wide pin is guessed. */
    private boolean unknownProviders;

    ClientIndex(JsFileContext ctx) {
        this.ctx = ctx;
    }

    /**
     * Reads the client variables and getters of the whole file before the walk: a Portkey-only
     * namespace call may come before the client in the text. OpenAI clients count too, so that
     * check still reports such a call once rewrite made the client.
     */
    void collect(List<JsNode> all) {
        collectGetters(all);
        Imports imports = ctx.imports;
        for (JsNode n : all) {
            JsNode callee = n.is("new_expression") ? n.child("constructor") : n.is("call_expression") ? n.child("function") : null;
            if (callee != null && callee.is("identifier") && (imports.isClientClass(callee.text())
                    || imports.isClientFactory(callee.text()) || n.is("new_expression") && imports.isOpenAiClient(callee.text()))) {
                String variable = clientVariable(n);
                if (variable != null) {
                    portkeyClientNames.add(variable);
                }
            }
            if (callee != null && callee.is("identifier") && n.is("new_expression") && imports.isOpenAiName(callee.text())
                    && talksToOpenAi(n) && clientVariable(n) != null) {
                openAiDirectNames.add(clientVariable(n));
            }
        }
    }

    /** Notes that the file made a Portkey client or pointed one at Portkey. */
    void markPortkeyClient() {
        portkeyClients = true;
    }

    /** Whether the file made a Portkey client or pointed one at Portkey: then its model strings get slugs. */
    boolean hasPortkeyClients() {
        return portkeyClients;
    }

    /** Client options that name the model themselves (LangChain's {@code ChatOpenAI({ model })}), with their client's pin. */
    private final Map<JsNode, ProviderPin> modelOptions = new LinkedHashMap<>();

    /** Notes that the options of a client pinned to {@code provider} name its model ({@code model: '...'}). */
    void pinModelOption(JsNode options, ProviderPin provider) {
        modelOptions.put(options, provider);
    }

    /** Client options naming their model, with the provider their client is pinned to. */
    Map<JsNode, ProviderPin> modelOptions() {
        return modelOptions;
    }

    /** Pins one call (a fetch, a request with its own headers) to {@code provider}. */
    void pinCall(JsNode call, ProviderPin provider) {
        callProviders.put(call, provider);
    }

    /** The calls pinned to a provider by their own headers, with that provider. */
    Map<JsNode, ProviderPin> pinnedCalls() {
        return callProviders;
    }

    /** The SDK requests with an object body, in file order. */
    List<JsNode> requests() {
        return requestCalls;
    }

    /** Remembers that {@code variable} holds a provider made by the migrated factory {@code target}. */
    void rememberFactory(String variable, Imports.Target target) {
        factoryVariables.put(variable, target);
    }

    /** The migrated factory whose provider {@code variable} holds, or null. */
    Imports.Target factoryOf(String variable) {
        return factoryVariables.get(variable);
    }

    /** Whether {@code name} holds a client made in this file. */
    boolean isClientVariable(String name) {
        return portkeyClientNames.contains(name);
    }

    /** Whether {@code name} holds an OpenAI client that calls OpenAI itself. */
    boolean isOpenAiDirect(String name) {
        return openAiDirectNames.contains(name);
    }

    /** Records {@code call} as a request when its method is a request method and its body an object. */
    void maybeRequest(JsNode call, String method, List<JsNode> argList) {
        if (REQUEST_METHODS.contains(method) && !argList.isEmpty() && requestBody(argList.get(0)) != null) {
            requestCalls.add(call);
        }
    }

    /**
     * {@code new OpenAI({ apiKey })} with no base URL, no headers and no Portkey name in its options:
     * it calls OpenAI itself, so no provider pin of the file applies to its requests.
     */
    private boolean talksToOpenAi(JsNode newExpression) {
        JsNode args = newExpression.child("arguments");
        if (args == null || args.namedChildren().size() != 1 || !args.namedChildren().get(0).is("object")) {
            return false;
        }
        JsNode options = args.namedChildren().get(0);
        for (JsNode entry : options.namedChildren()) {
            String key = JsValues.keyName(entry);
            if (key == null || key.equalsIgnoreCase("baseURL") || key.equals("defaultHeaders") || key.equals("defaultQuery")) {
                return false;
            }
        }
        return !ctx.mentionsPortkey(options);
    }

    /** The variable or field a client made at {@code site} is stored in, or null. */
    static String clientVariable(JsNode site) {
        if (site == null) {
            return null;
        }
        JsNode decl = site.parent();
        while (decl != null && (decl.is("await_expression") || decl.is("parenthesized_expression"))) {
            decl = decl.parent();
        }
        if (decl != null && decl.is("variable_declarator") && decl.child("name") != null) {
            return decl.child("name").text();
        }
        if (decl != null && decl.is("assignment_expression") && decl.child("left") != null) {
            return lastName(decl.child("left"));
        }
        if (decl != null && (decl.is("public_field_definition") || decl.is("field_definition"))) {
            JsNode name = decl.child("name") != null ? decl.child("name") : decl.child("property");
            return name == null ? null : name.text();
        }
        return null;
    }

    /**
     * Notes that the client made at {@code site} names a provider the tool cannot tell (a virtual
     * key read from a variable): its requests stay bare, and no other client's pin may be taken for
     * the file's requests the tool cannot attribute.
     */
    void rememberUnknownProvider(JsNode site) {
        unknownProviders = true;
        String variable = clientVariable(site);
        if (variable != null) {
            clientProviders.put(variable, null);
        }
    }

    /** Pins the client made at {@code site} (and the file, as a hint) to {@code provider}. */
    void rememberProvider(JsNode site, ProviderPin provider) {
        if (provider == null) {
            return;
        }
        providerHints.add(provider);
        String variable = clientVariable(site);
        if (variable != null) {
            clientProviders.put(variable, provider);
        }
    }

    /**
     * The provider a request goes to: its own call's pin, else its client's, else the file's when
     * every hint names one prefix.
     */
    ProviderPin providerFor(JsNode call) {
        for (JsNode c = call; c != null; c = c.parent()) {
            if (callProviders.containsKey(c)) {
                return callProviders.get(c);
            }
        }
        String receiver = receiverOf(call);
        if (receiver != null && clientProviders.containsKey(receiver)) {
            return clientProviders.get(receiver);
        }
        if (unknownProviders) {
            return null;
        }
        Set<String> prefixes = new HashSet<>();
        providerHints.forEach(h -> prefixes.add(h.prefix()));
        return prefixes.size() == 1 ? providerHints.iterator().next() : null;
    }

    /**
     * The object literal a request argument is, through TypeScript casts and parentheses
     * ({@code {...} as any}, {@code {...} satisfies Params}); null when it is not one.
     */
    static JsNode requestBody(JsNode arg) {
        JsNode cur = arg;
        while (cur != null && (cur.is("as_expression") || cur.is("satisfies_expression") || cur.is("parenthesized_expression")
                || cur.is("non_null_expression") || cur.is("type_assertion"))) {
            List<JsNode> inner = cur.namedChildren().stream().filter(c -> !c.is("comment")).toList();
            cur = cur.is("type_assertion") ? inner.get(inner.size() - 1) : inner.isEmpty() ? null : inner.get(0);
        }
        return cur != null && cur.is("object") ? cur : null;
    }

    /** The request bodies of one call: its first argument, or the JSON.stringify bodies of a fetch. */
    List<JsNode> bodiesOf(JsNode call) {
        JsNode args = call.child("arguments");
        if (args != null && !args.namedChildren().isEmpty() && requestBody(args.namedChildren().get(0)) != null) {
            return List.of(requestBody(args.namedChildren().get(0)));
        }
        return jsonStringifyBodies(call);
    }

    /** The object literals passed to {@code JSON.stringify} inside a call ({@code fetch(url, { body: JSON.stringify({...}) })}). */
    static List<JsNode> jsonStringifyBodies(JsNode call) {
        List<JsNode> out = new ArrayList<>();
        for (JsNode c : call.findAll(n -> n.is("call_expression") && n != call)) {
            JsNode fn = c.child("function");
            JsNode a = c.child("arguments");
            if (fn != null && fn.text().equals("JSON.stringify") && a != null && !a.namedChildren().isEmpty()
                    && a.namedChildren().get(0).is("object")) {
                out.add(a.namedChildren().get(0));
            }
        }
        return out;
    }

    /** The bodies of every request this file makes through the client variable {@code name}. */
    List<JsNode> requestBodiesOf(String name) {
        List<JsNode> out = new ArrayList<>();
        if (name == null) {
            return out;
        }
        for (JsNode call : requestCalls) {
            if (name.equals(receiverOf(call))) {
                out.add(requestBody(call.child("arguments").namedChildren().get(0)));
            }
        }
        return out;
    }

    /**
     * The client variable a request goes through: the root of its member chain, or the variable a
     * getter returns when the chain starts with a call of it ({@code getClient().chat.completions.create}).
     */
    String receiverOf(JsNode call) {
        String root = rootName(call.child("function"));
        return root != null && getterReturns.containsKey(root) ? getterReturns.get(root) : root;
    }

    /**
     * Functions whose every return gives the same variable ({@code function getClient() { ...
     * return _client; }}), by name: requests made on their result go through that variable.
     */
    private void collectGetters(List<JsNode> all) {
        for (JsNode fn : all) {
            if (!(fn.is("function_declaration") || fn.is("method_definition") || fn.is("arrow_function")
                    || fn.is("function_expression") || fn.is("function"))) {
                continue;
            }
            String name = fn.child("name") != null ? fn.child("name").text() : null;
            if (name == null && fn.parent() != null && fn.parent().is("variable_declarator") && fn.parent().child("name") != null) {
                name = fn.parent().child("name").text();
            }
            JsNode body = fn.child("body");
            if (name == null || body == null) {
                continue;
            }
            Set<String> returned = new HashSet<>();
            if (!body.is("statement_block")) {
                returned.add(returnedName(body));
            } else {
                for (JsNode r : body.findAll(x -> x.is("return_statement"))) {
                    if (r.ancestor(a -> a.is("function_declaration") || a.is("method_definition") || a.is("arrow_function")
                            || a.is("function_expression") || a.is("function")) == fn) {
                        List<JsNode> value = r.namedChildren().stream().filter(c -> !c.is("comment")).toList();
                        returned.add(value.size() == 1 ? returnedName(value.get(0)) : null);
                    }
                }
            }
            if (returned.size() == 1 && !returned.contains(null)) {
                getterReturns.put(name, returned.iterator().next());
            }
        }
    }

    /** {@code x}, {@code this.x} or {@code x!}: the variable name; null for anything else. */
    private static String returnedName(JsNode e) {
        JsNode cur = e;
        while (cur != null && (cur.is("non_null_expression") || cur.is("parenthesized_expression"))) {
            cur = cur.namedChildren().isEmpty() ? null : cur.namedChildren().get(0);
        }
        if (cur == null) {
            return null;
        }
        if (cur.is("identifier")) {
            return cur.text();
        }
        if (cur.is("member_expression") && cur.child("object") != null && cur.child("object").is("this") && cur.child("property") != null) {
            return cur.child("property").text();
        }
        return null;
    }

    /** The variable a member chain starts from ({@code client} of {@code client.chat.completions.create}, {@code x} of {@code this.x.y}). */
    static String rootName(JsNode e) {
        JsNode cur = e;
        String lastProperty = null;
        while (cur != null) {
            if (cur.is("member_expression")) {
                JsNode obj = cur.child("object");
                if (obj != null && obj.is("this")) {
                    JsNode p = cur.child("property");
                    return p == null ? null : p.text();
                }
                cur = obj;
            } else if (cur.is("identifier")) {
                return cur.text();
            } else if (cur.is("call_expression")) {
                cur = cur.child("function");
            } else {
                return lastProperty;
            }
        }
        return null;
    }

    private static String lastName(JsNode e) {
        if (e.is("member_expression") && e.child("property") != null) {
            return e.child("property").text();
        }
        return e.text();
    }
}
