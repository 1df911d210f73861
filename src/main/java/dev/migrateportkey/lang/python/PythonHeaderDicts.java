package dev.migrateportkey.lang.python;

import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * A dict literal of headers holding {@code x-portkey-*} keys, wherever it stands: the
 * {@code default_headers}/{@code extra_headers}/{@code headers} of a client or request, an entry of
 * client settings, or a bare dict. Each Portkey header follows its {@code request-header} rule
 * (dropped, renamed, moved to Authorization, into the model slug or the request body), an
 * Authorization entry beside them (BYOK) is fixed up, and a dict left empty takes its keyword
 * argument along.
 */
final class PythonHeaderDicts extends PythonShapeHandler {
    private final PythonConfigs configs;

    PythonHeaderDicts(PythonFileContext ctx, PythonConfigs configs) {
        super(ctx);
        this.configs = configs;
    }

    static boolean isPortkeyHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("x-portkey-");
    }

    /** Whether the dict has an {@code x-portkey-*} key: only then is it a Portkey header dict. */
    static boolean hasPortkeyKey(Node dict) {
        for (Node p : PythonEdits.elements(dict)) {
            if (p.is("pair") && PythonStrings.value(p.field("key")).filter(PythonHeaderDicts::isPortkeyHeader).isPresent()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A dict literal of headers. {@code owner} is the keyword argument holding it (removed when
     * nothing is left), {@code clientCarriesKey} whether an SDK client's api_key carries the key.
     * Returns whether the Portkey key header was found (the client then needs an api_key).
     */
    boolean rewrite(Node dict, Node owner, boolean clientCarriesKey) {
        if (!hasPortkeyKey(dict)) {
            return false;
        }
        List<Node> elements = PythonEdits.elements(dict);
        Node authorization = null;
        for (Node p : elements) {
            if (p.is("pair") && PythonStrings.value(p.field("key")).filter(k -> k.equalsIgnoreCase("Authorization")).isPresent()) {
                authorization = p;
            }
        }
        // Beside a custom host (left for a human: it is not Concentrate's to take), the Authorization
        // entry is that host's credential, so it is not touched.
        boolean customHost = elements.stream().anyMatch(p -> p.is("pair") && PythonStrings.value(p.field("key"))
                .filter(PythonHeaderDicts::isPortkeyHeader).flatMap(rules::requestHeader)
                .filter(r -> r.action() == Action.MANUAL).isPresent());
        Set<Node> remove = new LinkedHashSet<>();
        List<TextEdit> out = new ArrayList<>();
        boolean keyFound = false;
        boolean authorizationDone = customHost;
        for (Node p : elements) {
            if (!p.is("pair")) {
                continue;
            }
            Node key = p.field("key");
            Node value = p.field("value");
            Optional<String> header = PythonStrings.value(key).filter(PythonHeaderDicts::isPortkeyHeader);
            if (header.isEmpty() || value == null) {
                continue;
            }
            Rule r = rules.requestHeader(header.get()).orElse(null);
            if (r == null) {
                continue;
            }
            String subject = header.get() + " header";
            switch (r.action()) {
                case DROP -> {
                    remove.add(p);
                    work.fix(key.start(), r, subject);
                }
                case TO_MODEL_PREFIX -> {
                    remove.add(p);
                    work.fix(key.start(), r, subject);
                    if (r.prefix() != null) {
                        ctx.pins().add(new ProviderPin(r.prefix(), header.get(), false), r);
                    } else {
                        ctx.pins().fromValue(value, r);
                    }
                }
                case RENAME_HEADER -> work.fix(key.start(), r, subject,
                        PythonEdits.replace(key, PythonStrings.quote(r.to(), PythonStrings.quoteOf(key)), r.id()));
                case TO_AUTHORIZATION -> {
                    keyFound = true;
                    String bearer = "\"Bearer \" + " + keyExpression;
                    if (!clientCarriesKey) {
                        ctx.needOs();
                    }
                    if (clientCarriesKey) {
                        remove.add(p);
                        work.fix(key.start(), r, subject);
                    } else if (authorization != null) {
                        remove.add(p);
                        Node av = authorization.field("value");
                        List<TextEdit> change = authorizationDone || av == null || av.text().equals(bearer) ? List.of()
                                : List.of(PythonEdits.replace(av, bearer, r.id()));
                        authorizationDone = true;
                        work.fix(key.start(), r, subject, change);
                    } else {
                        char q = PythonStrings.quoteOf(key);
                        work.fix(key.start(), r, subject, TextEdit.replace(p.start(), p.end(),
                                PythonStrings.quote("Authorization", q) + ": " + PythonStrings.quote("Bearer ", q) + " + " + keyExpression, r.id()));
                    }
                }
                case DECOMPOSE_CONFIG -> {
                    remove.add(p);
                    configs.config(value, dict, r, subject);
                }
                case TO_BODY_PARAM -> {
                    if (bodyParamOfRequest(owner, r, value)) {
                        remove.add(p);
                        work.fix(key.start(), r, subject + " of this request becomes its " + r.param() + " body param");
                    } else {
                        work.manualWithTodo(key.start(), PythonEdits.anchor(dict), r, subject, COMMENT);
                    }
                }
                default -> work.manualWithTodo(key.start(), PythonEdits.anchor(dict), r, subject, COMMENT);
            }
        }
        if (authorization != null && !authorizationDone) {
            byokAuthorization(authorization, clientCarriesKey, remove);
        }
        if (owner != null && remove.size() == elements.size() && owner.parent() != null) {
            out.addAll(edits.removeElements(owner.parent(), Set.of(owner), "header-map"));
        } else {
            out.addAll(edits.removeElements(dict, remove, "header-map"));
        }
        out.forEach(work::edit);
        ctx.consume(owner != null ? owner : dict);
        return keyFound;
    }

    /**
     * An Authorization entry beside Portkey headers carries what Portkey forwarded to the provider
     * (BYOK: an upstream provider key, or a virtual key), and Concentrate would answer it with 401.
     * It goes where the client's api_key carries the Concentrate key (custom headers override the
     * SDK's own Authorization), and otherwise carries the Concentrate key itself.
     */
    private void byokAuthorization(Node authorization, boolean clientCarriesKey, Set<Node> remove) {
        Rule r = rules.requestHeader("x-portkey-api-key").filter(k -> k.action() == Action.TO_AUTHORIZATION)
                .orElse(ctx.apiKeyRule());
        Node av = authorization.field("value");
        String bearer = "\"Bearer \" + " + keyExpression;
        if (clientCarriesKey) {
            remove.add(authorization);
            work.fix(authorization.start(), r, "Authorization header beside Portkey headers (the provider key Portkey"
                    + " forwarded): the client's api_key carries the Concentrate key");
        } else if (av != null && !av.text().equals(bearer)) {
            ctx.needOs();
            work.fix(authorization.start(), r, "Authorization header beside Portkey headers (the provider key Portkey"
                    + " forwarded) now carries the Concentrate key", PythonEdits.replace(av, bearer, r.id()));
        }
    }

    /**
     * A header of one request ({@code extra_headers} of a call) that becomes a body param of the
     * same request: {@code extra_body={"param": value}} is added beside it. Only when the call has
     * no {@code extra_body} yet (merging into an existing one is left to a human).
     */
    private boolean bodyParamOfRequest(Node owner, Rule r, Node value) {
        if (owner == null || !owner.is("keyword_argument") || r.param() == null || !owner.field("name").text().equals("extra_headers")
                || owner.parent() == null || PythonClientCalls.kwargs(owner.parent()).containsKey("extra_body")) {
            return false;
        }
        work.edit(edits.insertBefore(owner, "extra_body={" + PythonStrings.quote(r.param()) + ": " + value.text() + "}", r.id()));
        return true;
    }
}
