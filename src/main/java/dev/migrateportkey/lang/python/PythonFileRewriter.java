package dev.migrateportkey.lang.python;

import dev.migrateportkey.config.ConfigDecomposer;
import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.config.Decomposition;
import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.config.ProviderResolver;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the Portkey sites of one Python file and records what each becomes. It knows Python shapes
 * (the {@code portkey_ai} imports, client constructors, keyword arguments, header dicts,
 * {@code createHeaders(...)}, {@code with_options(...)}, string literals); the rule table decides
 * what happens to each parameter, header, URL and variable.
 */
final class PythonFileRewriter {
    private static final String COMMENT = "#";
    /** The rule id of an open TODO comment whose text names no rule. */
    private static final String TODO_RULE = "migration-todo";
    private static final String PORTKEY_MODULE = "portkey_ai";
    /** Dependency rules name PyPI packages as {@code pypi:<name>}. */
    private static final String PYPI = "pypi:";
    /** The portkey_ai names this migrator knows, and what the client classes become. */
    private static final Map<String, String> CLIENT_CLASSES = Map.of("Portkey", "OpenAI", "AsyncPortkey", "AsyncOpenAI");
    private static final String CREATE_HEADERS = "createHeaders";
    private static final String GATEWAY_URL = "PORTKEY_GATEWAY_URL";
    /** Keyword arguments that carry a base URL, across the OpenAI SDK, LangChain, LiteLLM/DSPy. */
    private static final Set<String> BASE_URL_KWARGS = Set.of("base_url", "api_base", "openai_api_base");
    /** Keyword arguments that carry the API key. */
    private static final Set<String> KEY_KWARGS = Set.of("api_key", "openai_api_key");
    /** Keyword arguments that carry a header dict. */
    private static final Set<String> HEADER_KWARGS = Set.of("default_headers", "extra_headers", "headers");
    /** What the OpenAI client's with_options takes itself: those are left alone. */
    private static final Set<String> OPENAI_OPTIONS = Set.of("api_key", "base_url", "timeout", "max_retries",
            "default_headers", "default_query", "http_client", "organization", "project", "websocket_base_url");
    /** Calls that read a response header by name. */
    /**
     * Callees (last name segment) known to take an {@code api_key} argument: the OpenAI and
     * Anthropic SDKs and the wrappers around them (LangChain, LlamaIndex, DSPy, CrewAI, LiteLLM).
     */
    private static final Pattern API_KEY_CALLEES = Pattern.compile("(?i)\\w*(openai|anthropic|litellm)\\w*|LM|LLM|a?completion|a?embedding");
    private static final Set<String> HEADER_GETTERS = Set.of("get", "getheader", "get_all", "getlist");
    private static final Pattern PORTKEY_VAR = Pattern.compile("\\b[A-Z][A-Z0-9_]*PORTKEY[A-Z0-9_]*\\b|\\bPORTKEY_[A-Z0-9_]+\\b");

    private final FileMigration work;
    private final Node root;
    private final SourceText text;
    private final PythonEdits edits;
    private final RuleTable rules;
    private final String keyExpression;
    private final Rule baseUrlRule;
    private final ProviderResolver providers;
    private final ModelSlugs slugs;
    private final ConfigDecomposer decomposer;

    /** Character ranges an edit already takes care of: nothing inside is looked at again. */
    private final List<int[]> consumed = new ArrayList<>();
    /** Local name to the portkey_ai name it was imported as. */
    private final Map<String, String> imported = new LinkedHashMap<>();
    /** portkey_ai names that stay imported (a client left on Portkey, a name without equivalent). */
    private final Set<String> keepImported = new HashSet<>();
    /** Client classes that some code now uses as the OpenAI class. */
    private final Set<String> migratedClasses = new LinkedHashSet<>();
    private final List<Pin> pins = new ArrayList<>();
    private final List<Node> portkeyImports = new ArrayList<>();
    /** Start offsets of calls that send to Portkey (a Portkey client, or a client pointed at it). */
    private final Set<Integer> boundCalls = new HashSet<>();
    private boolean needsOs;

    /** A provider the code pinned its requests to, and the rule that moved it into the model slug. */
    private record Pin(ProviderPin pin, Rule rule) {
    }

    PythonFileRewriter(FileMigration work, Node root) {
        this.work = work;
        this.root = root;
        this.text = work.text();
        this.edits = new PythonEdits(text);
        this.rules = work.rules();
        String keyVar = rules.envVar("PORTKEY_API_KEY").map(Rule::to).filter(t -> t != null).orElse("CONCENTRATE_API_KEY");
        this.keyExpression = "os.environ[" + PythonStrings.quote(keyVar) + "]";
        this.baseUrlRule = rules.sdkParam("base_url").orElseThrow();
        this.providers = new ProviderResolver(rules, work.options().virtualKeys());
        this.slugs = new ModelSlugs(rules, providers, work.options().pinProvider());
        this.decomposer = new ConfigDecomposer(rules, providers, slugs);
    }

    void run() {
        List<Node> all = root.descendants();
        collectImports(all);
        for (Node n : all) {
            if (n.is("call") && !isConsumed(n)) {
                call(n);
            } else if (n.is("dictionary") && !isConsumed(n)) {
                boundDict(n);
            }
        }
        for (Node n : all) {
            if (isConsumed(n)) {
                continue;
            }
            switch (n.type()) {
                case "dictionary" -> headerDict(n, null, false);
                case "call" -> {
                    if (isCreateHeaders(n)) {
                        createHeaders(n, null, false);
                    }
                }
                case "identifier" -> gatewayConstant(n);
                case "string" -> literal(n);
                default -> {
                }
            }
        }
        renameClientUses(all);
        rewriteImports();
        models(all);
        if (needsOs) {
            addImportOs();
        }
        leftoverTodos(all);
    }

    /**
     * A TODO this tool wrote above code that is gone (a Config or cache namespace whose value now
     * lives only in the comment) keeps {@code check} failing until a human deletes it. A TODO above
     * code that is still reported is not counted twice.
     */
    private void leftoverTodos(List<Node> all) {
        Set<Integer> reported = new HashSet<>();
        for (var f : work.findings()) {
            if (f.kind() == dev.migrateportkey.plan.Finding.Kind.MANUAL) {
                reported.add(f.line());
            }
        }
        for (Node c : all) {
            if (!c.is("comment") || !c.text().contains(FileMigration.TODO_MARK)) {
                continue;
            }
            Node stmt = c.nextNamedSibling();
            while (stmt != null && stmt.is("comment")) {
                stmt = stmt.nextNamedSibling();
            }
            if (stmt != null) {
                boolean covered = false;
                for (int line = text.line(stmt.start()); line <= text.line(stmt.end()); line++) {
                    covered |= reported.contains(line);
                }
                if (covered) {
                    continue;
                }
            }
            String body = c.text().substring(c.text().indexOf(FileMigration.TODO_MARK) + FileMigration.TODO_MARK.length())
                    .replaceFirst("^:\\s*", "");
            String ruleId = rules.all().stream().filter(r -> r.note() != null && !r.note().isBlank() && body.contains(r.note()))
                    .map(Rule::id).findFirst().orElse(TODO_RULE);
            work.manual(c.start(), ruleId, "a migration TODO is still open: " + body);
        }
    }

    // ---------------------------------------------------------------- imports

    private void collectImports(List<Node> all) {
        for (Node n : all) {
            if (n.is("import_from_statement")) {
                Node module = n.field("module_name");
                String m = module == null ? "" : module.text();
                if (m.equals(PORTKEY_MODULE)) {
                    portkeyImports.add(n);
                    for (Node name : importedNames(n)) {
                        String orig = name.is("aliased_import") ? name.field("name").text() : name.text();
                        String local = name.is("aliased_import") ? name.field("alias").text() : orig;
                        imported.put(local, orig);
                    }
                    consume(n);
                } else if (m.startsWith(PORTKEY_MODULE + ".")) {
                    importWithoutEquivalent(n, m);
                }
            } else if (n.is("import_statement")) {
                for (Node name : importedNames(n)) {
                    String orig = name.is("aliased_import") ? name.field("name").text() : name.text();
                    if (orig.equals(PORTKEY_MODULE) || orig.startsWith(PORTKEY_MODULE + ".")) {
                        importWithoutEquivalent(n, orig);
                    }
                }
            }
        }
    }

    private void importWithoutEquivalent(Node stmt, String what) {
        Rule r = rules.find(RuleKind.DEPENDENCY, PYPI + PORTKEY_MODULE).orElseThrow();
        work.manual(stmt.start(), r.id(), "import of " + what + ": " + r.note()
                + " Rewrite its uses by hand (from openai import OpenAI).");
        work.todoAbove(stmt.start(), COMMENT, "replace " + what + " with the OpenAI SDK (from openai import OpenAI) pointed at "
                + baseUrlRule.to(), r.id());
        consume(stmt);
    }

    private static List<Node> importedNames(Node stmt) {
        List<Node> out = new ArrayList<>();
        for (int i = 0; i < stmt.childCount(); i++) {
            if ("name".equals(stmt.fieldNameOfChild(i))) {
                out.add(stmt.child(i));
            }
        }
        return out;
    }

    /** Replaces each portkey_ai import with what the file still needs: OpenAI names, and Portkey names left. */
    private void rewriteImports() {
        Set<String> alreadyFromOpenai = openaiImports();
        Rule r = rules.find(RuleKind.DEPENDENCY, PYPI + PORTKEY_MODULE).orElseThrow();
        for (Node stmt : portkeyImports) {
            List<String> openai = new ArrayList<>();
            List<String> portkey = new ArrayList<>();
            for (Node name : importedNames(stmt)) {
                String orig = name.is("aliased_import") ? name.field("name").text() : name.text();
                String local = name.is("aliased_import") ? name.field("alias").text() : orig;
                String alias = local.equals(orig) ? "" : " as " + local;
                if (isClientClass(orig)) {
                    if (migratedClasses.contains(local) || !keepImported.contains(local)) {
                        String target = CLIENT_CLASSES.get(orig) + alias;
                        if (!alreadyFromOpenai.contains(target)) {
                            openai.add(target);
                        }
                    }
                    if (keepImported.contains(local)) {
                        portkey.add(name.text());
                    }
                } else if (orig.equals(CREATE_HEADERS) || orig.equals(GATEWAY_URL)) {
                    if (keepImported.contains(local)) {
                        portkey.add(name.text());
                    }
                } else {
                    portkey.add(name.text());
                    work.manual(name.start(), r.id(), "portkey_ai." + orig + " has no OpenAI SDK equivalent: " + r.note());
                    work.todoAbove(stmt.start(), COMMENT, "portkey_ai." + orig + " has no OpenAI SDK equivalent; replace its uses by hand", r.id());
                }
            }
            String sep = text.lineSeparator();
            String indent = text.indentation(stmt.start());
            List<String> lines = new ArrayList<>();
            if (!portkey.isEmpty()) {
                lines.add("from " + PORTKEY_MODULE + " import " + String.join(", ", portkey));
            }
            if (!openai.isEmpty()) {
                lines.add("from openai import " + String.join(", ", openai));
            }
            String replacement = String.join(sep + indent, lines);
            if (replacement.equals(stmt.text())) {
                continue;
            }
            List<TextEdit> out = new ArrayList<>();
            if (lines.isEmpty() && text.onlyBlankBefore(stmt.start()) && text.onlyBlankOrCommentAfter(stmt.end(), null)) {
                int end = text.nextLineStart(stmt.end());
                // An import set apart by blank lines inside a function would leave two blank lines
                // behind: the one after it goes too. (Not at module level, where import os may be
                // inserted right after the removed line.)
                if (stmt.parent() != null && stmt.parent().is("block") && blankLineBefore(stmt.start()) && blankLineAt(end)) {
                    end = text.nextLineStart(end);
                }
                out.add(TextEdit.delete(text.lineStart(stmt.start()), end, r.id()));
            } else if (lines.isEmpty()) {
                out.add(TextEdit.replace(stmt.start(), stmt.end(), "pass", r.id()));
            } else {
                out.add(TextEdit.replace(stmt.start(), stmt.end(), replacement, r.id()));
            }
            work.fix(stmt.start(), r, "import from portkey_ai", out);
        }
    }

    /** Whether the line above the one holding {@code offset} is blank. */
    private boolean blankLineBefore(int offset) {
        int line = text.line(offset);
        return line > 1 && text.lineText(line - 1).isBlank();
    }

    /** Whether {@code lineStart} starts a blank line (not the end of the text). */
    private boolean blankLineAt(int lineStart) {
        return lineStart < text.length() && text.lineText(text.line(lineStart)).isBlank();
    }

    /** Names (with {@code as} aliases) the file already imports from openai at module level. */
    private Set<String> openaiImports() {
        Set<String> out = new HashSet<>();
        for (Node stmt : root.namedChildren()) {
            if (stmt.is("import_from_statement") && stmt.field("module_name") != null
                    && stmt.field("module_name").text().equals("openai")) {
                for (Node name : importedNames(stmt)) {
                    out.add(name.is("aliased_import") ? name.field("name").text() + " as " + name.field("alias").text() : name.text());
                }
            }
        }
        return out;
    }

    /** Adds {@code import os} after the module's last top-level import, when the file has none. */
    private void addImportOs() {
        Node lastImport = null;
        Node firstStatement = null;
        for (Node stmt : root.namedChildren()) {
            if (stmt.is("comment")) {
                continue;
            }
            if (stmt.is("import_statement")) {
                for (Node name : importedNames(stmt)) {
                    if (name.text().equals("os")) {
                        return;
                    }
                }
            }
            if (firstStatement == null && !(stmt.is("expression_statement") && stmt.namedChildren().size() == 1
                    && stmt.namedChildren().get(0).is("string"))) {
                firstStatement = stmt;
            }
            if (stmt.is("import_statement") || stmt.is("import_from_statement") || stmt.is("future_import_statement")) {
                lastImport = stmt;
            }
        }
        String sep = text.lineSeparator();
        Rule r = rules.sdkParam("api_key").orElseThrow();
        if (lastImport != null) {
            int at = text.nextLineStart(lastImport.end());
            String lead = at == text.length() && text.lineEnd(lastImport.end()) == text.length() ? sep : "";
            work.edit(TextEdit.insert(at, lead + "import os" + (lead.isEmpty() ? sep : ""), r.id()));
        } else {
            int at = firstStatement == null ? text.length() : text.lineStart(firstStatement.start());
            work.edit(TextEdit.insert(at, "import os" + sep, r.id()));
        }
    }

    // ---------------------------------------------------------------- calls

    private void call(Node call) {
        Node fn = call.field("function");
        Node args = call.field("arguments");
        if (fn == null) {
            return;
        }
        if (fn.is("identifier") && isClientClass(imported.get(fn.text()))) {
            portkeyClient(call, fn, args);
            return;
        }
        if (portkeyApi(call, fn)) {
            return;
        }
        if (args == null || !args.is("argument_list")) {
            return;
        }
        if (fn.is("attribute") && fn.field("attribute") != null && fn.field("attribute").text().equals("with_options")) {
            withOptions(call, fn, args);
            return;
        }
        boundClient(call, args);
    }

    private Map<String, Node> kwargs(Node args) {
        Map<String, Node> out = new LinkedHashMap<>();
        for (Node a : PythonEdits.elements(args)) {
            if (a.is("keyword_argument") && a.field("name") != null) {
                out.put(a.field("name").text(), a);
            }
        }
        return out;
    }

    /** {@code Portkey(...)} / {@code AsyncPortkey(...)}: becomes the OpenAI client pointed at Concentrate. */
    private void portkeyClient(Node call, Node fn, Node args) {
        String local = fn.text();
        Map<String, Node> kw = args == null ? Map.of() : kwargs(args);
        // A parameter with no equivalent (custom_host) means the client is not Concentrate's to take.
        for (Map.Entry<String, Node> e : kw.entrySet()) {
            Optional<Rule> rule = sdkRule(e.getKey());
            if (rule.isPresent() && rule.get().action() == Action.MANUAL) {
                work.manualWithTodo(e.getValue().start(), PythonEdits.anchor(call), rule.get(),
                        e.getKey() + "=... of a Portkey client (left on Portkey)", COMMENT);
                keepImported.add(local);
                consume(call);
                return;
            }
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
                        needsOs = true;
                    }
                    consume(value);
                }
                case REPLACE_URL -> {
                    urlArg = arg;
                    String url = PythonStrings.quote(r.to());
                    if (!value.text().equals(url)) {
                        work.fix(arg.start(), r, subject, PythonEdits.replace(value, url, r.id()));
                    }
                    consume(value);
                }
                case DROP -> {
                    remove.add(arg);
                    work.fix(arg.start(), r, subject);
                }
                case TO_MODEL_PREFIX -> {
                    remove.add(arg);
                    work.fix(arg.start(), r, subject);
                    pinFromParameter(name, value, r);
                }
                case RENAME_HEADER -> {
                    // A client-wide trace id is not a request id: dropped, as the guide's Step 2 does.
                    remove.add(arg);
                    work.fix(arg.start(), r, subject + " (a client-wide id; send X-Request-Id per request if you need one)");
                }
                case DECOMPOSE_CONFIG -> {
                    remove.add(arg);
                    config(value, call, r, subject);
                }
                case TO_BODY_PARAM -> {
                    remove.add(arg);
                    manualRemoved(arg, call, r, subject, "pass " + r.param() + " in the body of each request: extra_body={"
                            + PythonStrings.quote(r.param()) + ": " + oneLine(value.text()) + "}");
                }
                case TO_CLIENT_TIMEOUT -> {
                    String v = value.is("integer") || value.is("float") ? seconds(value.text()) : "(" + value.text() + ") / 1000";
                    work.fix(arg.start(), r, subject + " (milliseconds; the OpenAI SDK's timeout is in seconds)",
                            TextEdit.replace(arg.start(), arg.end(), "timeout=" + v, r.id()));
                }
                default -> {
                }
            }
        }
        out.addAll(edits.removeElements(args, remove, "sdk-param"));
        remove.forEach(this::consume);
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
            needsOs = true;
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
        String target = CLIENT_CLASSES.get(imported.get(local));
        migratedClasses.add(local);
        if (local.equals(imported.get(local))) {
            out.add(PythonEdits.replace(fn, target, baseUrlRule.id()));
        }
        work.fix(call.start(), baseUrlRule, local + "(...) becomes " + target + "(...) against Concentrate", out);
        boundCalls.add(call.start());
        consume(call);
    }

    /** Any other call (OpenAI, AsyncOpenAI, ChatOpenAI, instructor, dspy.LM, httpx.Client...) pointed at Portkey. */
    private void boundClient(Node call, Node args) {
        Map<String, Node> kw = kwargs(args);
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
        boolean portkeyHeaders = false;
        for (String name : HEADER_KWARGS) {
            Node a = kw.get(name);
            if (a == null || a.field("value") == null) {
                continue;
            }
            Node v = a.field("value");
            if (isCreateHeaders(v) || v.is("dictionary") && hasPortkeyKey(v)) {
                headerArgs.add(a);
                portkeyHeaders = true;
            }
        }
        if (!portkeyUrl && !portkeyHeaders) {
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
            consume(urlArg);
        }
        if (keyArg != null && sdkClient) {
            Node value = keyArg.field("value");
            Rule r = rules.sdkParam("api_key").orElseThrow();
            if (value != null && !value.text().equals(keyExpression)) {
                work.fix(keyArg.start(), r, keyArg.field("name").text() + "=... of a client pointed at Portkey (the Concentrate key replaces it)",
                        PythonEdits.replace(value, keyExpression, r.id()));
                needsOs = true;
            }
            consume(keyArg);
        }
        boundCalls.add(call.start());
        // The key can move into an api_key= argument only where one exists or the constructor is
        // an SDK client known to take one; any other class (a settings object, a provider profile)
        // would reject an unknown keyword, so its header dict carries the key as Authorization.
        // A request method (create(...)) runs on a client that carries the key already.
        Node fn = call.field("function");
        boolean takesKey = keyArg != null || !isConstructor(fn) || acceptsApiKey(fn);
        boolean keyNeeded = false;
        for (Node a : headerArgs) {
            Node v = a.field("value");
            boolean carriesKey = sdkClient && takesKey && !a.field("name").text().equals("headers");
            boolean keyHeader = v.is("dictionary") ? headerDict(v, a, carriesKey) : createHeaders(v, a, carriesKey);
            // A per-request extra_headers of create(...) cannot take the key back as api_key; a
            // client's default_headers (or a client whose base URL was Portkey's) can.
            keyNeeded |= keyHeader && carriesKey && (a.field("name").text().equals("default_headers") || urlArg != null);
        }
        if (keyNeeded && keyArg == null) {
            // The key travelled in a Portkey header that is gone: the client's api_key carries it now.
            Rule r = rules.sdkParam("api_key").orElseThrow();
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
            needsOs = true;
        }
    }

    /**
     * A client's settings as a dict whose base URL is Portkey's: autogen's {@code config_list}
     * entries, options built for {@code ChatOpenAI(**options)}, {@code client_args}. Its entries
     * follow the same rules as a call's keyword arguments: the key entry carries the Concentrate
     * key (then the Portkey key header goes), the header entry is migrated. Without a key entry
     * the consumer is unknown, so the header dict carries the key as Authorization.
     */
    private void boundDict(Node dict) {
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
        consume(urlPair);
        Node keyPair = null;
        for (String name : KEY_KWARGS) {
            keyPair = keyPair != null ? keyPair : pairs.get(name);
        }
        if (keyPair != null) {
            Node value = keyPair.field("value");
            Rule r = rules.sdkParam("api_key").orElseThrow();
            if (!value.text().equals(keyExpression)) {
                work.fix(keyPair.start(), r, PythonStrings.value(keyPair.field("key")).orElse("api_key")
                        + " entry of client settings pointed at Portkey (the Concentrate key replaces it)",
                        PythonEdits.replace(value, keyExpression, r.id()));
                needsOs = true;
            }
            consume(keyPair);
        }
        for (String name : HEADER_KWARGS) {
            Node p = pairs.get(name);
            if (p == null) {
                continue;
            }
            Node v = p.field("value");
            boolean carriesKey = keyPair != null && !name.equals("headers");
            if (isCreateHeaders(v)) {
                createHeaders(v, p, carriesKey);
            } else if (v.is("dictionary") && hasPortkeyKey(v)) {
                headerDict(v, p, carriesKey);
            }
        }
    }

    /** {@code client.with_options(trace_id=..., metadata=...)}: Portkey-only options go. */
    private void withOptions(Node call, Node fn, Node args) {
        Map<String, Node> kw = kwargs(args);
        Set<Node> remove = new LinkedHashSet<>();
        List<TextEdit> out = new ArrayList<>();
        boolean any = false;
        for (Map.Entry<String, Node> e : kw.entrySet()) {
            String name = e.getKey();
            Node arg = e.getValue();
            Node value = arg.field("value");
            Optional<Rule> rule = sdkRule(name);
            if (rule.isEmpty() || OPENAI_OPTIONS.contains(name) || value == null) {
                continue;
            }
            any = true;
            Rule r = rule.get();
            String subject = name + "=... of with_options";
            switch (r.action()) {
                case RENAME_HEADER -> {
                    if (kw.containsKey("default_headers")) {
                        remove.add(arg);
                        manualRemoved(arg, call, r, subject, "add " + PythonStrings.quote(r.to()) + ": " + oneLine(value.text())
                                + " to default_headers");
                    } else {
                        work.fix(arg.start(), r, subject, TextEdit.replace(arg.start(), arg.end(),
                                "default_headers={" + PythonStrings.quote(r.to()) + ": " + value.text() + "}", r.id()));
                    }
                }
                case DROP -> {
                    remove.add(arg);
                    work.fix(arg.start(), r, subject);
                }
                case TO_MODEL_PREFIX -> {
                    remove.add(arg);
                    work.fix(arg.start(), r, subject);
                    pinFromParameter(name, value, r);
                }
                case DECOMPOSE_CONFIG -> {
                    remove.add(arg);
                    config(value, call, r, subject);
                }
                case TO_CLIENT_TIMEOUT -> {
                    String v = value.is("integer") || value.is("float") ? seconds(value.text()) : "(" + value.text() + ") / 1000";
                    work.fix(arg.start(), r, subject, TextEdit.replace(arg.start(), arg.end(), "timeout=" + v, r.id()));
                }
                case KEEP, CHECKLIST -> {
                }
                default -> {
                    remove.add(arg);
                    manualRemoved(arg, call, r, subject, r.note() + " (was " + oneLine(arg.text()) + ")");
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
        consume(call);
    }

    /** Calls of Portkey-only APIs ({@code client.prompts.completions.create(...)}): a human decides. */
    private boolean portkeyApi(Node call, Node fn) {
        if (!fn.is("attribute")) {
            return false;
        }
        String path = fn.text().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            for (String m : r.match()) {
                if (m.startsWith("/")) {
                    continue;
                }
                String p = m.toLowerCase(Locale.ROOT);
                if (path.equals(p) || path.endsWith("." + p)) {
                    work.manualWithTodo(call.start(), PythonEdits.anchor(call), r, fn.text().replaceAll("\\s+", "") + "(...)", COMMENT);
                    consume(call);
                    return true;
                }
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- headers

    private boolean isCreateHeaders(Node n) {
        if (!n.is("call") || n.field("function") == null) {
            return false;
        }
        Node fn = n.field("function");
        String name = fn.is("identifier") ? fn.text()
                : fn.is("attribute") && fn.field("attribute") != null && fn.field("object") != null
                && fn.field("object").text().equals(PORTKEY_MODULE) ? fn.field("attribute").text() : null;
        return name != null && (CREATE_HEADERS.equals(imported.get(name)) || fn.is("attribute") && name.equals(CREATE_HEADERS));
    }

    private boolean hasPortkeyKey(Node dict) {
        for (Node p : PythonEdits.elements(dict)) {
            if (p.is("pair") && PythonStrings.value(p.field("key")).filter(PythonFileRewriter::isPortkeyHeader).isPresent()) {
                return true;
            }
        }
        return false;
    }

    private static boolean isPortkeyHeader(String name) {
        return name.toLowerCase(Locale.ROOT).startsWith("x-portkey-");
    }

    /**
     * A dict literal of headers. {@code owner} is the keyword argument holding it (removed when
     * nothing is left), {@code clientCarriesKey} whether an SDK client's api_key carries the key.
     * Returns whether the Portkey key header was found (the client then needs an api_key).
     */
    private boolean headerDict(Node dict, Node owner, boolean clientCarriesKey) {
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
                .filter(PythonFileRewriter::isPortkeyHeader).flatMap(rules::requestHeader)
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
            Optional<String> header = PythonStrings.value(key).filter(PythonFileRewriter::isPortkeyHeader);
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
                        pins.add(new Pin(new ProviderPin(r.prefix(), header.get(), false), r));
                    } else {
                        pin(value, r);
                    }
                }
                case RENAME_HEADER -> work.fix(key.start(), r, subject,
                        PythonEdits.replace(key, PythonStrings.quote(r.to(), PythonStrings.quoteOf(key)), r.id()));
                case TO_AUTHORIZATION -> {
                    keyFound = true;
                    String bearer = "\"Bearer \" + " + keyExpression;
                    needsOs |= !clientCarriesKey;
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
                    config(value, dict, r, subject);
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
        consume(owner != null ? owner : dict);
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
                .orElse(rules.sdkParam("api_key").orElseThrow());
        Node av = authorization.field("value");
        String bearer = "\"Bearer \" + " + keyExpression;
        if (clientCarriesKey) {
            remove.add(authorization);
            work.fix(authorization.start(), r, "Authorization header beside Portkey headers (the provider key Portkey"
                    + " forwarded): the client's api_key carries the Concentrate key");
        } else if (av != null && !av.text().equals(bearer)) {
            needsOs = true;
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
                || owner.parent() == null || kwargs(owner.parent()).containsKey("extra_body")) {
            return false;
        }
        work.edit(edits.insertBefore(owner, "extra_body={" + PythonStrings.quote(r.param()) + ": " + value.text() + "}", r.id()));
        return true;
    }

    /**
     * {@code createHeaders(provider=..., api_key=..., trace_id=...)}: becomes the dict of the
     * headers that still mean something on Concentrate, or goes with its keyword argument.
     */
    private boolean createHeaders(Node call, Node owner, boolean clientCarriesKey) {
        Node args = call.field("arguments");
        List<String> entries = new ArrayList<>();
        boolean keyFound = false;
        for (Node a : args == null ? List.<Node>of() : PythonEdits.elements(args)) {
            if (!a.is("keyword_argument") || a.field("name") == null || a.field("value") == null) {
                work.manualWithTodo(a.start(), PythonEdits.anchor(call), rules.requestHeader("x-portkey-*").orElseThrow(),
                        "createHeaders argument '" + oneLine(a.text()) + "'", COMMENT);
                consume(call);
                return false;
            }
            String name = a.field("name").text();
            Node value = a.field("value");
            Optional<Rule> rule = sdkRule(name);
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
                        needsOs = true;
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
                    pin(value, r);
                }
                case DECOMPOSE_CONFIG -> config(value, call, r, subject);
                case TO_BODY_PARAM -> manualRemoved(a, call, r, subject, "pass " + r.param() + " in the body of each request: extra_body={"
                        + PythonStrings.quote(r.param()) + ": " + oneLine(value.text()) + "}");
                case KEEP, CHECKLIST -> {
                }
                default -> manualRemoved(a, call, r, subject, r.note() + " (was " + oneLine(a.text()) + ")");
            }
        }
        Rule r = rules.requestHeader("x-portkey-*").orElseThrow();
        if (entries.isEmpty() && owner != null && owner.parent() != null) {
            edits.removeElements(owner.parent(), Set.of(owner), r.id()).forEach(work::edit);
            consume(owner);
        } else {
            work.edit(TextEdit.replace(call.start(), call.end(), "{" + String.join(", ", entries) + "}", r.id()));
            consume(call);
        }
        return keyFound;
    }

    // ---------------------------------------------------------------- configs

    /** A Portkey Config passed at {@code value}: decomposed when it is a literal, else a manual item. */
    private void config(Node value, Node site, Rule r, String subject) {
        Node literal = value;
        String origin = "Config in " + subject;
        if (value.is("call") && value.field("function") != null && value.field("function").text().endsWith("dumps")
                && value.field("arguments") != null && PythonEdits.elements(value.field("arguments")).size() == 1) {
            literal = PythonEdits.elements(value.field("arguments")).get(0);
        }
        Map<String, Object> map = PythonValues.dict(literal).orElse(null);
        if (map == null) {
            Optional<String> s = PythonStrings.value(value);
            if (s.isPresent()) {
                ConfigText.Parsed parsed = ConfigText.parse(s.get());
                if (parsed instanceof ConfigText.Inline inline) {
                    map = inline.config();
                } else if (parsed instanceof ConfigText.SavedId id) {
                    Path file = work.options().configFiles().get(id.id());
                    if (file == null) {
                        String msg = "saved Config '" + id.id() + "' cannot be read offline: export it and run again with --config-file "
                                + id.id() + "=FILE, or decompose it by hand (" + r.note() + ")";
                        work.manual(value.start(), r.id(), subject + ": " + msg);
                        work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
                        work.config(value.start(), "saved Config " + id.id(), Map.of(), List.of(), List.of(msg));
                        return;
                    }
                    try {
                        map = ConfigText.readFile(file);
                        origin = "saved Config " + id.id() + " (" + file + ")";
                    } catch (IOException e) {
                        String msg = "saved Config '" + id.id() + "': " + e.getMessage();
                        work.manual(value.start(), r.id(), subject + ": " + msg);
                        work.config(value.start(), "saved Config " + id.id(), Map.of(), List.of(), List.of(msg));
                        work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
                        return;
                    }
                }
            }
        }
        if (map == null) {
            String msg = "a Config built at run time (" + oneLine(value.text()) + "): decompose it by hand; " + r.note();
            work.manual(value.start(), r.id(), subject + ": " + msg);
            work.config(value.start(), "Config built at run time: " + oneLine(value.text()), Map.of(), List.of(), List.of(msg));
            work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
            return;
        }
        Decomposition d = decomposer.decompose(map);
        work.config(value.start(), origin, d.bodyParams(), d.dropped(), d.manual());
        if (d.primaryProvider() != null) {
            pins.add(new Pin(d.primaryProvider(), r));
        }
        List<String> todo = new ArrayList<>();
        if (d.model() != null) {
            todo.add("send model=" + PythonStrings.quote(d.model()));
        }
        if (!d.paramsWithoutModel().isEmpty()) {
            todo.add("pass extra_body=" + PythonStrings.literal(d.paramsWithoutModel()) + " on each request");
        }
        if (d.clientTimeoutMs() != null) {
            todo.add("set timeout=" + seconds(String.valueOf(d.clientTimeoutMs())) + " on the client");
        }
        todo.addAll(d.manual());
        if (todo.isEmpty()) {
            work.fix(value.start(), r, subject + " (nothing in it needs a body param: " + String.join("; ", d.dropped()) + ")");
            return;
        }
        String msg = "the Portkey Config is gone: " + String.join("; ", todo);
        work.manual(value.start(), r.id(), subject + ": " + msg);
        work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
    }

    // ---------------------------------------------------------------- names and literals

    private void gatewayConstant(Node id) {
        if (!GATEWAY_URL.equals(imported.get(id.text()))) {
            return;
        }
        Node parent = id.parent();
        if (parent != null && (parent.is("attribute") && id.equals(parent.field("attribute")) || parent.is("keyword_argument")
                && id.equals(parent.field("name")))) {
            return;
        }
        if (parent != null && parent.is("assignment") && id.equals(parent.field("left"))) {
            keepImported.add(id.text());
            return;
        }
        Rule r = rules.baseUrl("https://api.portkey.ai/v1").orElse(baseUrlRule);
        work.fix(id.start(), r, GATEWAY_URL, PythonEdits.replace(id, PythonStrings.quote(r.to()), r.id()));
        consume(id);
    }

    /** Remaining uses of a client class name (type hints, isinstance) follow the import's rename. */
    private void renameClientUses(List<Node> all) {
        for (Node n : all) {
            if (!n.is("identifier") || isConsumed(n)) {
                continue;
            }
            String orig = imported.get(n.text());
            if (!isClientClass(orig) || !n.text().equals(orig) || keepImported.contains(n.text())) {
                continue;
            }
            Node parent = n.parent();
            if (parent != null && (parent.is("attribute") && n.equals(parent.field("attribute"))
                    || parent.is("keyword_argument") && n.equals(parent.field("name")))) {
                continue;
            }
            migratedClasses.add(n.text());
            work.edit(PythonEdits.replace(n, CLIENT_CLASSES.get(orig), baseUrlRule.id()));
        }
    }

    private boolean isPortkeyUrl(Node value) {
        if (value.is("identifier")) {
            return GATEWAY_URL.equals(imported.get(value.text()));
        }
        if (value.is("string") || value.is("concatenated_string")) {
            return !rules.rewriteUrls(value.text()).equals(value.text());
        }
        return false;
    }

    private void literal(Node lit) {
        String source = lit.text();
        String lower = source.toLowerCase(Locale.ROOT);
        if (!lower.contains("portkey")) {
            return;
        }
        if (lower.contains("api.portkey.ai")) {
            Optional<Rule> api = portkeyApiPath(source);
            if (api.isPresent()) {
                work.manualWithTodo(lit.start(), PythonEdits.anchor(lit), api.get(), "Portkey-only endpoint", COMMENT);
                consume(lit);
                return;
            }
            String rewritten = rules.rewriteUrls(source);
            if (!rewritten.equals(source)) {
                Rule r = rules.baseUrl(source.substring(lower.indexOf("http"))).orElse(baseUrlRule);
                work.fix(lit.start(), r, "Portkey gateway URL", PythonEdits.replace(lit, rewritten, r.id()));
                consume(lit);
                return;
            }
        }
        Optional<String> value = PythonStrings.value(lit);
        if (value.isPresent() && mockTarget(lit, value.get())) {
            return;
        }
        if (value.isPresent() && isPortkeyHeader(value.get())) {
            headerName(lit, value.get());
            return;
        }
        // An f-string's {...} parts are code: a name there (PORTKEY_AVAILABLE) is a Python
        // variable, and a string there is visited as a literal of its own.
        List<Node> code = lit.children().stream().filter(c -> c.is("interpolation")).toList();
        Matcher m = PORTKEY_VAR.matcher(source);
        List<TextEdit> changes = new ArrayList<>();
        Set<String> applied = new LinkedHashSet<>();
        Rule fixRule = null;
        Set<String> manualDone = new HashSet<>();
        while (m.find()) {
            int at = lit.start() + m.start();
            if (code.stream().anyMatch(c -> c.start() <= at && at < c.end())) {
                continue;
            }
            Rule r = rules.envVar(m.group()).orElse(null);
            if (r == null) {
                continue;
            }
            if (r.action() == Action.REPLACE_ENV) {
                changes.add(TextEdit.replace(at, lit.start() + m.end(), r.to(), r.id()));
                applied.add(m.group());
                fixRule = fixRule == null ? r : fixRule;
            } else if (manualDone.add(m.group())) {
                work.manualWithTodo(lit.start(), PythonEdits.anchor(lit), r, m.group() + " read here", COMMENT);
            }
        }
        if (fixRule != null) {
            // Name the variable, not the whole string: a docstring would make a finding of many lines.
            work.fix(lit.start(), fixRule, "environment variable " + String.join(", ", applied), changes);
            if (isEnvironWrite(lit)) {
                // The value written was a Portkey credential (a Portkey key, often a virtual key):
                // renamed, it would reach Concentrate as its key and be refused with 401.
                String todo = "the value written to " + fixRule.to() + " here was a Portkey credential (a Portkey or"
                        + " virtual key): assign your Concentrate key (sk-cn-v1-...) instead";
                work.manual(lit.start(), fixRule.id(), todo);
                work.todoAbove(PythonEdits.anchor(lit), COMMENT, todo, fixRule.id());
            }
        }
    }

    /** {@code os.environ["NAME"] = value}: the literal is the key of an environment write. */
    private static boolean isEnvironWrite(Node lit) {
        Node sub = lit.parent();
        if (sub == null || !sub.is("subscript") || sub.field("value") == null || !sub.field("value").text().endsWith("environ")) {
            return false;
        }
        Node assign = sub.parent();
        return assign != null && assign.is("assignment") && assign.field("left") != null && assign.field("left").start() == sub.start();
    }

    /** An x-portkey-* name outside a header dict: a response header read, or a name the tool cannot follow. */
    private void headerName(Node lit, String name) {
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
            consume(lit);
            return;
        }
        Rule r = rules.requestHeader(name).orElse(null);
        if (r != null && r.action() != Action.KEEP) {
            work.manualWithTodo(lit.start(), PythonEdits.anchor(lit), r, name + " named outside a header dict the tool recognises", COMMENT);
        }
        consume(lit);
    }

    private Optional<Rule> portkeyApiPath(String url) {
        int host = url.toLowerCase(Locale.ROOT).indexOf("api.portkey.ai");
        String path = url.substring(host + "api.portkey.ai".length());
        int end = 0;
        while (end < path.length() && "\"'`} \n".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        path = path.substring(0, end);
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            if (r.specificity(path) >= 0 && r.match().stream().anyMatch(p -> p.startsWith("/"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- models

    /** A parameter that pinned a provider: the rule's own prefix (aws_*, azure_*), else its value. */
    private void pinFromParameter(String name, Node value, Rule r) {
        if (r.prefix() != null) {
            pins.add(new Pin(new ProviderPin(r.prefix(), name, false), r));
        } else {
            pin(value, r);
        }
    }

    private void pin(Node value, Rule r) {
        PythonStrings.value(value).flatMap(providers::resolve).ifPresent(p -> pins.add(new Pin(p, r)));
    }

    /**
     * Model strings sent from this file, with the slug each becomes. When the file pins exactly one
     * provider (a provider header or parameter, a virtual key the tool knows), a bare model string
     * is rewritten to provider/model as --pin-provider says; a provider guessed from a virtual key's
     * name is reported, never written.
     */
    private void models(List<Node> all) {
        Set<String> prefixes = new LinkedHashSet<>();
        pins.forEach(p -> prefixes.add(p.pin().prefix()));
        Pin pin = prefixes.size() == 1 ? pins.get(0) : null;
        for (Node n : all) {
            boolean kwarg = n.is("keyword_argument") && n.field("name") != null && n.field("name").text().equals("model");
            boolean pair = n.is("pair") && PythonStrings.value(n.field("key")).filter("model"::equals).isPresent();
            if (!(kwarg || pair) || isConsumed(n)) {
                continue;
            }
            Node value = n.field("value");
            if (value == null) {
                continue;
            }
            Optional<String> model = PythonStrings.value(value);
            if (model.isEmpty() || !value.is("string")) {
                if (!(kwarg && otherClient(n))) {
                    catalogBuiltAtRunTime(value);
                }
                continue;
            }
            if (kwarg && otherClient(n)) {
                // The model of a client that does not go through Portkey (an embedding client
                // still calling OpenAI directly) is not the pinned provider's to change.
                work.model(value.start(), model.get(), model.get());
                continue;
            }
            if (CATALOG.matcher(model.get()).matches()) {
                catalogModel(value, model.get());
                continue;
            }
            ModelSlugs.Slug slug = slugs.slug(model.get(), pin == null ? null : pin.pin());
            work.model(value.start(), model.get(), slug.slug());
            if (pin != null && !slug.slug().equals(model.get()) && !slug.guessed()) {
                work.fix(value.start(), pin.rule(), "model '" + model.get() + "' sent through Portkey with provider "
                                + pin.pin().describe() + " becomes '" + slug.slug() + "'",
                        PythonEdits.replace(value, PythonStrings.quote(slug.slug(), PythonStrings.quoteOf(value)), pin.rule().id()));
            }
        }
    }

    /** A dotted mock target naming a Portkey client class: {@code portkey_ai.Portkey}, {@code app.llm.AsyncPortkey}. */
    private static final Pattern MOCK_TARGET = Pattern.compile("((?:[A-Za-z_][A-Za-z0-9_]*\\.)+)(AsyncPortkey|Portkey)");
    /** Callees that take a dotted target as their first argument: {@code patch}, {@code mocker.patch}, {@code monkeypatch.setattr}. */
    private static final Set<String> MOCK_CALLEES = Set.of("patch", "setattr");

    /**
     * The target of a test double ({@code patch("portkey_ai.Portkey")}, {@code mocker.patch("app.llm.AsyncPortkey")}):
     * once the code under test builds {@code OpenAI}/{@code AsyncOpenAI}, a target naming the
     * Portkey class fails to import ({@code portkey_ai} is gone) or patches nothing and lets the
     * test reach the network. It follows the class: {@code portkey_ai.X} becomes {@code openai.Y},
     * and {@code module.X} becomes {@code module.Y}, the name the migrated module now imports.
     */
    private boolean mockTarget(Node lit, String value) {
        Matcher m = MOCK_TARGET.matcher(value);
        Node args = lit.parent();
        if (!m.matches() || args == null || !args.is("argument_list") || args.namedChildren().isEmpty()
                || args.namedChildren().get(0).start() != lit.start()) {
            return false;
        }
        Node call = args.parent();
        Node fn = call == null ? null : call.field("function");
        Node name = fn == null ? null : fn.is("attribute") ? fn.field("attribute") : fn;
        if (name == null || !name.is("identifier") || !MOCK_CALLEES.contains(name.text())) {
            return false;
        }
        String module = m.group(1).equals(PORTKEY_MODULE + ".") ? "openai." : m.group(1);
        String target = module + CLIENT_CLASSES.get(m.group(2));
        Rule r = rules.find(RuleKind.DEPENDENCY, PYPI + PORTKEY_MODULE).orElseThrow();
        work.fix(lit.start(), r, "mock target '" + value + "' follows the client class to '" + target + "'",
                PythonEdits.replace(lit, PythonStrings.quote(target, PythonStrings.quoteOf(lit)), r.id()));
        consume(lit);
        return true;
    }

    /** A Portkey Model Catalog string: {@code @integration-slug/model-id}. */
    private static final java.util.regex.Pattern CATALOG = java.util.regex.Pattern.compile(
            "@[A-Za-z0-9][A-Za-z0-9_.-]*/[^\\s/][^\\s]*");

    /**
     * A Model Catalog string sent through Portkey ({@code model="@openai-prod/gpt-4o"}): Concentrate
     * has no catalog, so it becomes the guide's Step 5 slug whatever the file pinned elsewhere:
     * {@code provider/model} when the integration names a known provider, the bare model otherwise
     * (Concentrate routes it). A provider guessed from the integration's name is written and
     * reported for a human to confirm, as in settings files.
     */
    private void catalogModel(Node value, String model) {
        ModelSlugs.Slug made = slugs.slug(model, null);
        String integration = model.substring(1, model.indexOf('/'));
        work.model(value.start(), model, made.slug());
        Rule r = catalogRule(made.pin());
        String servedBy = made.pin() != null ? "served by " + made.pin().describe()
                : "named through a Portkey Model Catalog integration the tool does not know: sent bare, Concentrate routes it"
                  + " (pin a provider with --virtual-key " + integration + "=PROVIDER)";
        work.fix(value.start(), r, "model '" + model + "' " + servedBy + " becomes '" + made.slug() + "'",
                PythonEdits.replace(value, PythonStrings.quote(made.slug(), PythonStrings.quoteOf(value)), r.id()));
        if (made.guessed()) {
            work.manual(value.start(), r.id(), "provider of " + model + " guessed as " + made.pin().prefix()
                    + ": confirm it, or run again with --virtual-key " + integration + "=PROVIDER");
        }
    }

    /** The provider rule whose prefix the catalog string resolved to, else the provider header's rule. */
    private Rule catalogRule(ProviderPin pin) {
        return rules.ofKind(RuleKind.PROVIDER).stream().filter(p -> pin != null && pin.prefix().equals(p.prefix()))
                .findFirst().orElseGet(() -> rules.byId("header-provider").orElseThrow());
    }

    /**
     * An f-string model that starts with a Model Catalog integration ({@code f"@{slug}/{model}"}):
     * the integration is named at run time, so the tool cannot tell which provider it stands for.
     * Left for a human, with a TODO, since Concentrate would refuse the {@code @} form.
     */
    private void catalogBuiltAtRunTime(Node value) {
        if (!value.is("string") || !PythonStrings.prefix(value).contains("f")) {
            return;
        }
        Node first = value.child(1);
        if (first == null || !first.is("string_content") || !first.text().startsWith("@")) {
            return;
        }
        Rule r = rules.byId("header-provider").orElseThrow();
        work.manualWithTodo(value.start(), PythonEdits.anchor(value), r.id(),
                "model " + value.text() + " names a Portkey Model Catalog integration at run time: Concentrate has no catalog;"
                        + " send provider/model-id (e.g. openai/gpt-4o) or the bare model id instead (guide, Step 5)", COMMENT);
    }

    // ---------------------------------------------------------------- shared

    /**
     * Whether a keyword argument belongs to a client constructed here ({@code Name(...)} or
     * {@code module.Name(...)}, a class by Python's naming) that is not pointed at Portkey.
     * Request methods ({@code client.chat.completions.create(...)}) are not constructors.
     */
    private boolean otherClient(Node kwarg) {
        Node args = kwarg.parent();
        Node call = args == null ? null : args.parent();
        return call != null && call.is("call") && !boundCalls.contains(call.start()) && isConstructor(call.field("function"));
    }

    /** {@code Name(...)} or {@code module.Name(...)}: a class, by Python's naming convention. */
    private static boolean isConstructor(Node fn) {
        Node name = fn == null ? null : fn.is("attribute") ? fn.field("attribute") : fn;
        return name != null && name.is("identifier") && Character.isUpperCase(name.text().charAt(0));
    }

    /** Whether the callee is an SDK client (or wrapper) known to accept {@code api_key=...}. */
    private static boolean acceptsApiKey(Node fn) {
        if (fn == null) {
            return false;
        }
        Node name = fn.is("attribute") ? fn.field("attribute") : fn;
        return name != null && name.is("identifier") && API_KEY_CALLEES.matcher(name.text()).matches();
    }

    private static boolean isClientClass(String portkeyName) {
        return portkeyName != null && CLIENT_CLASSES.containsKey(portkeyName);
    }

    /**
     * The rule for a keyword argument of a Portkey client constructor: its own
     * {@code sdk-param} rule, or else the rule of the header the SDK turns it into
     * ({@code aws_region} sets {@code x-portkey-aws-region}, which the header rules know). The
     * OpenAI client's own options have no such rule: they stay.
     */
    private Optional<Rule> paramRule(String name) {
        Optional<Rule> own = sdkRule(name);
        if (own.isPresent() || OPENAI_OPTIONS.contains(name) || !name.matches("[a-z][a-z0-9_]*")) {
            return own;
        }
        return rules.requestHeader("x-portkey-" + name.replace('_', '-'));
    }

    private Optional<Rule> sdkRule(String name) {
        return rules.sdkParam(name).filter(r -> r.match().contains(name));
    }

    /** A parameter that is removed (it would break the OpenAI client) but needs a human: TODO with its value. */
    private void manualRemoved(Node arg, Node site, Rule r, String subject, String todo) {
        work.manual(arg.start(), r.id(), subject + ": " + todo);
        work.todoAbove(PythonEdits.anchor(site), COMMENT, todo, r.id());
    }

    /** Milliseconds to seconds without float noise: 30000 becomes 30, 1500 becomes 1.5. */
    private static String seconds(String millis) {
        try {
            BigDecimal sec = new BigDecimal(millis.replace("_", "")).movePointLeft(3).stripTrailingZeros();
            return sec.scale() <= 0 ? sec.toBigInteger().toString() : sec.toPlainString();
        } catch (NumberFormatException e) {
            return "(" + millis + ") / 1000";
        }
    }

    private static String oneLine(String s) {
        String t = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }

    private void consume(Node n) {
        consumed.add(new int[] {n.start(), n.end()});
    }

    private boolean isConsumed(Node n) {
        int s = n.start();
        int e = n.end();
        for (int[] r : consumed) {
            if (r[0] <= s && e <= r[1]) {
                return true;
            }
        }
        return false;
    }
}
