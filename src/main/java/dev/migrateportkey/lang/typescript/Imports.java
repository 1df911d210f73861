package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The names a file takes from the Portkey packages ({@code import ... from 'portkey-ai'},
 * {@code require('portkey-ai')}, the Vercel AI SDK provider) and what becomes of each import once
 * the file is migrated: the client class becomes {@code OpenAI} from {@code openai}, the factory
 * {@code createOpenAI} from {@code @ai-sdk/openai}; helpers whose every use was rewritten
 * ({@code createHeaders}, {@code PORTKEY_GATEWAY_URL}) leave the import; anything still used stays.
 */
final class Imports {
    /** Dependency rules name npm packages as {@code npm:<name>}. */
    static final String NPM = "npm:";

    /** What {@code PORTKEY_GATEWAY_URL} holds in portkey-ai. */
    static final String PORTKEY_GATEWAY_URL = "https://api.portkey.ai/v1";

    /** What a Portkey client class or factory becomes. */
    record Target(String module, String name, boolean factory, Map<String, String> methodRenames) {
        String fromModule() {
            return factory ? "@portkey-ai/vercel-provider" : "portkey-ai";
        }

        /** The import clause or require binding that brings {@code name} in. */
        String binding() {
            return factory ? "{ " + name + " }" : name;
        }
    }

    private enum Kind { CLIENT, FACTORY, CREATE_HEADERS, GATEWAY_URL, OTHER }

    /** One imported name: the node that declares it, what it is, and its local name. */
    private record Spec(JsNode node, Kind kind, String local) {
    }

    /** One import statement or {@code require} declaration of a Portkey package. */
    private record Site(JsNode statement, JsNode binding, JsNode source, boolean require, List<Spec> specs) {
    }

    private static final Target OPENAI = new Target("openai", "OpenAI", false, Map.of());
    private static final Target AI_SDK = new Target("@ai-sdk/openai", "createOpenAI", true,
            Map.of("chatModel", "chat", "completionModel", "completion", "embeddingModel", "embedding"));

    private final JsNode root;
    private final RuleTable rules;
    private final List<Site> sites = new ArrayList<>();
    private final Map<String, Kind> kinds = new HashMap<>();
    private final Set<String> unmigrated = new HashSet<>();
    private final Set<String> migrated = new HashSet<>();
    /** Client-class aliases ({@code const Portkey = PortkeyModule.default || ...}) to the imported name they read. */
    private final Map<String, String> aliases = new HashMap<>();
    private final Map<String, JsNode> aliasDeclarations = new HashMap<>();
    private final List<int[]> siteRanges = new ArrayList<>();
    /** The first (value) import clause of each target module, for merging the migrated name into it. */
    private final Map<String, JsNode> targetImports = new HashMap<>();
    private final Set<String> mergedTargets = new HashSet<>();
    /** Portkey imports that stay for names the tool does not migrate (types, namespaces, other APIs). */
    private final List<JsNode> kept = new ArrayList<>();
    private String openAiLocal;
    /** {@code import type OpenAI from 'openai'}, when that is how the file names OpenAI. */
    private JsNode openAiTypeOnly;
    /** Every name the OpenAI class is bound to, module-level or inside a function. */
    private final Set<String> openAiNames = new HashSet<>();
    /** The module-level {@code require('openai')} statement that binds {@code openAiLocal}, if that is how. */
    private JsNode openAiRequire;
    /** Whether {@code openAiRequire} was moved up above a Portkey require that came first. */
    private boolean openAiRequireMoved;
    private String createOpenAiLocal;

    Imports(JsNode root, JsValues values, RuleTable rules) {
        this.root = root;
        this.rules = rules;
        for (JsNode n : root.findAll(x -> x.is("import_statement") || x.is("variable_declarator"))) {
            if (n.is("import_statement")) {
                esImport(n);
            } else {
                requireCall(n);
            }
        }
        for (Site s : sites) {
            siteRanges.add(new int[]{s.statement().start(), s.statement().end()});
            for (Spec spec : s.specs()) {
                kinds.put(spec.local(), spec.kind());
                if (spec.kind() == Kind.GATEWAY_URL) {
                    values.know(spec.local(), PORTKEY_GATEWAY_URL);
                }
            }
        }
        clientAliases();
    }

    /**
     * {@code const Portkey = PortkeyModule.default || PortkeyModule.Portkey || PortkeyModule}: a name
     * picked out of the required module is the client class too, so its {@code new} is migrated (or
     * reported when its options cannot be read) like the imported name's.
     */
    private void clientAliases() {
        for (JsNode d : root.findAll(x -> x.is("variable_declarator"))) {
            JsNode name = d.child("name");
            JsNode value = d.child("value");
            if (name == null || value == null || !name.is("identifier") || kinds.containsKey(name.text())
                    || !(value.is("member_expression") || value.is("binary_expression") || value.is("parenthesized_expression"))) {
                continue;
            }
            List<JsNode> fromClient = value.findAll(x -> x.is("identifier") && kinds.get(x.text()) == Kind.CLIENT);
            boolean onlyLookups = value.findAll(x -> x.is("call_expression") || x.is("new_expression")).isEmpty();
            if (!fromClient.isEmpty() && onlyLookups) {
                kinds.put(name.text(), Kind.CLIENT);
                aliases.put(name.text(), fromClient.get(0).text());
                aliasDeclarations.put(name.text(), d);
            }
        }
    }

    private boolean isPortkeyModule(String module) {
        return module != null && rules.find(RuleKind.DEPENDENCY, NPM + module).isPresent();
    }

    private static boolean isVercel(String module) {
        return module.startsWith("@portkey-ai/");
    }

    private void esImport(JsNode stmt) {
        JsNode source = stmt.child("source");
        String module = source == null ? null : JsValues.literal(source);
        module = module == null ? null : ModuleSpecifiers.packageName(module);
        JsNode clause = stmt.childOfType("import_clause");
        if (module == null) {
            return;
        }
        if (module.equals("openai") || module.equals("@ai-sdk/openai")) {
            if (clause != null && !stmt.text().startsWith("import type")) {
                targetImports.putIfAbsent(module, clause);
            }
            String before = openAiLocal;
            existingTarget(module, clause);
            if (stmt.text().startsWith("import type") && module.equals("openai") && openAiLocal != null && !openAiLocal.equals(before)) {
                // Only a type: a migrated `new OpenAI(...)` needs it as a value, so `type` goes then.
                openAiTypeOnly = stmt;
            }
            return;
        }
        if (!isPortkeyModule(module) || clause == null) {
            return;
        }
        List<Spec> specs = new ArrayList<>();
        for (JsNode c : clause.namedChildren()) {
            if (c.is("identifier")) {
                specs.add(new Spec(c, isVercel(module) ? Kind.OTHER : Kind.CLIENT, c.text()));
            } else if (c.is("named_imports")) {
                for (JsNode spec : c.namedChildren()) {
                    if (!spec.is("import_specifier")) {
                        continue;
                    }
                    JsNode name = spec.child("name");
                    JsNode alias = spec.child("alias");
                    String local = alias != null ? alias.text() : name.text();
                    boolean typeOnly = spec.text().startsWith("type ");
                    specs.add(new Spec(spec, typeOnly ? Kind.OTHER : kindOf(module, name.text()), local));
                }
            } else {
                specs.add(new Spec(c, Kind.OTHER, c.text()));
            }
        }
        boolean typeOnly = stmt.text().startsWith("import type");
        if (typeOnly) {
            kept.add(stmt);
            return;
        }
        sites.add(new Site(stmt, clause, source, false, specs));
    }

    private void existingTarget(String module, JsNode clause) {
        if (clause == null) {
            return;
        }
        for (JsNode c : clause.namedChildren()) {
            if (c.is("identifier") && module.equals("openai")) {
                openAiLocal = c.text();
                openAiNames.add(c.text());
            } else if (c.is("named_imports")) {
                for (JsNode spec : c.namedChildren()) {
                    JsNode name = spec.child("name");
                    JsNode alias = spec.child("alias");
                    String local = alias != null ? alias.text() : name == null ? null : name.text();
                    if (name != null && name.text().equals("OpenAI") && module.equals("openai")) {
                        openAiLocal = local;
                        openAiNames.add(local);
                    } else if (name != null && name.text().equals("createOpenAI")) {
                        createOpenAiLocal = local;
                    }
                }
            }
        }
    }

    private void requireCall(JsNode declarator) {
        JsNode value = declarator.child("value");
        JsNode name = declarator.child("name");
        if (value == null || name == null || !value.is("call_expression")) {
            return;
        }
        JsNode fn = value.child("function");
        JsNode args = value.child("arguments");
        if (fn == null || !fn.text().equals("require") || args == null || args.namedChildren().size() != 1) {
            return;
        }
        JsNode source = args.namedChildren().get(0);
        String module = JsValues.literal(source);
        module = module == null ? null : ModuleSpecifiers.packageName(module);
        JsNode statement = declarator.parent();
        if (module == null || statement == null || statement.namedChildren().size() != 1) {
            return;
        }
        if (module.equals("openai") && name.is("identifier")) {
            openAiNames.add(name.text());
            // Only a module-level require is visible to every migrated use; one inside a function
            // is that function's own (a new module-level require may shadow it safely).
            if (statement.parent() != null && statement.parent().is("program") && openAiLocal == null) {
                openAiLocal = name.text();
                openAiRequire = statement;
            }
            return;
        }
        if (!isPortkeyModule(module)) {
            return;
        }
        List<Spec> specs = new ArrayList<>();
        if (name.is("identifier")) {
            specs.add(new Spec(name, isVercel(module) ? Kind.OTHER : Kind.CLIENT, name.text()));
        } else if (name.is("object_pattern")) {
            for (JsNode p : name.namedChildren()) {
                if (p.is("shorthand_property_identifier_pattern")) {
                    specs.add(new Spec(p, kindOf(module, p.text()), p.text()));
                } else if (p.is("pair_pattern") && p.child("key") != null && p.child("value") != null
                        && p.child("value").is("identifier")) {
                    specs.add(new Spec(p, kindOf(module, p.child("key").text()), p.child("value").text()));
                } else {
                    specs.add(new Spec(p, Kind.OTHER, p.text()));
                }
            }
        } else {
            return;
        }
        sites.add(new Site(statement, name, source, true, specs));
    }

    private static Kind kindOf(String module, String imported) {
        if (isVercel(module)) {
            return imported.equals("createPortkey") ? Kind.FACTORY : Kind.OTHER;
        }
        return switch (imported) {
            case "Portkey", "default" -> Kind.CLIENT;
            case "createHeaders" -> Kind.CREATE_HEADERS;
            case "PORTKEY_GATEWAY_URL" -> Kind.GATEWAY_URL;
            default -> Kind.OTHER;
        };
    }

    boolean isImportSite(JsNode n) {
        return n.insideAny(siteRanges);
    }

    boolean isClientClass(String name) {
        return kinds.get(name) == Kind.CLIENT;
    }

    boolean isClientFactory(String name) {
        return kinds.get(name) == Kind.FACTORY;
    }

    /** The OpenAI client class as this file imports it from {@code openai}. */
    boolean isOpenAiClient(String name) {
        return name.equals(openAiLocal);
    }

    /** {@code name} is bound to the OpenAI class somewhere in the file (a function's own require included). */
    boolean isOpenAiName(String name) {
        return openAiNames.contains(name);
    }

    boolean isCreateHeaders(String name) {
        return kinds.get(name) == Kind.CREATE_HEADERS;
    }

    boolean isGatewayUrl(String name) {
        return kinds.get(name) == Kind.GATEWAY_URL;
    }

    /** What a client class or factory name becomes, under the name the file already imports it by. */
    Target clientTarget(String local) {
        if (kinds.get(local) == Kind.FACTORY) {
            return createOpenAiLocal == null ? AI_SDK : new Target(AI_SDK.module(), createOpenAiLocal, true, AI_SDK.methodRenames());
        }
        return openAiLocal == null ? OPENAI : new Target(OPENAI.module(), openAiLocal, false, Map.of());
    }

    /** A use of {@code local} that was migrated to the OpenAI name: that name must be imported. */
    void migrated(String local) {
        migrated.add(aliases.getOrDefault(local, local));
        migrated.add(local);
    }

    /** A use of {@code local} the tool could not migrate: its import stays (the one an alias reads too). */
    void unmigrated(String local) {
        unmigrated.add(aliases.getOrDefault(local, local));
        unmigrated.add(local);
    }

    /** Rewrites every Portkey import as the migrated file needs it. */
    void finish(FileMigration work, SourceText text, char fileQuote, List<int[]> claimed) {
        Rule dependency = npmDependencyRule(rules);
        if (openAiTypeOnly != null && kinds.entrySet().stream().anyMatch(e -> e.getValue() == Kind.CLIENT
                && migrated.contains(e.getKey()) && !aliases.containsKey(e.getKey()))) {
            int at = openAiTypeOnly.start() + "import".length();
            int end = text.text().indexOf("type", at) + "type".length();
            while (end < openAiTypeOnly.end() && Character.isWhitespace(text.text().charAt(end))) {
                end++;
            }
            work.fix(openAiTypeOnly.start(), dependency, "import type from 'openai' (now used as a value)",
                    TextEdit.replace(at, end, " ", dependency.id()));
        }
        unusedAliases(work, text, dependency, claimed);
        Set<String> used = usedNames(claimed);
        for (Site site : sites) {
            List<Spec> kept = new ArrayList<>();
            Target replacing = null;
            List<Spec> replaced = new ArrayList<>();
            for (Spec spec : site.specs()) {
                boolean needed = switch (spec.kind()) {
                    case OTHER -> true;
                    case CLIENT, FACTORY -> unmigrated.contains(spec.local());
                    case CREATE_HEADERS, GATEWAY_URL -> used.contains(spec.local()) || unmigrated.contains(spec.local());
                };
                if (needed) {
                    kept.add(spec);
                    if ((spec.kind() == Kind.CLIENT || spec.kind() == Kind.FACTORY) && migrated.contains(spec.local())) {
                        // Some uses stay Portkey's, others were migrated: both imports are needed.
                        replacing = clientTarget(spec.local());
                    }
                } else if (spec.kind() == Kind.CLIENT || spec.kind() == Kind.FACTORY) {
                    replacing = clientTarget(spec.local());
                    replaced.add(spec);
                }
            }
            if (kept.stream().anyMatch(k -> k.kind() == Kind.OTHER)) {
                this.kept.add(site.statement());
            }
            if (kept.size() == site.specs().size() && replacing == null) {
                continue;
            }
            boolean alreadyImported = replacing != null
                    && (replacing.factory() ? createOpenAiLocal != null : openAiLocal != null);
            List<TextEdit> edits = new ArrayList<>();
            String ruleId = dependency.id();
            char q = site.source().text().isEmpty() ? fileQuote : site.source().text().charAt(0);
            if (alreadyImported && !replacing.factory() && requiredLater(site)) {
                // require() is not hoisted: the existing OpenAI require moves up to where the Portkey
                // one was, or the migrated uses between the two would read it before it is set.
                openAiRequireMoved = true;
                if (kept.isEmpty()) {
                    edits.add(TextEdit.replace(site.statement().start(), site.statement().end(), openAiRequire.text(), ruleId));
                } else {
                    edits.add(TextEdit.replace(site.binding().start(), site.binding().end(), binding(site, kept), ruleId));
                    edits.add(TextEdit.insert(text.lineStart(site.statement().start()),
                            text.indentation(site.statement().start()) + openAiRequire.text() + text.lineSeparator(), ruleId));
                }
                edits.add(removeStatement(text, openAiRequire, ruleId));
            } else if (kept.isEmpty() && replacing != null && !alreadyImported && !site.require()
                    && mergeInto(replacing, text, ruleId, edits)) {
                // The file already imports from the target module: the name joins that import.
                edits.add(removeStatement(text, site.statement(), ruleId));
            } else if (kept.isEmpty() && replacing != null && !alreadyImported) {
                edits.add(TextEdit.replace(site.binding().start(), site.binding().end(), replacing.binding(), ruleId));
                edits.add(TextEdit.replace(site.source().start(), site.source().end(), JsValues.quote(ModuleSpecifiers.sameStyle(JsValues.literal(site.source()), replacing.module()), q), ruleId));
            } else if (kept.isEmpty()) {
                edits.add(removeStatement(text, site.statement(), ruleId));
            } else {
                if (kept.size() < site.specs().size()) {
                    edits.add(TextEdit.replace(site.binding().start(), site.binding().end(), binding(site, kept), ruleId));
                }
                if (replacing != null && !alreadyImported) {
                    String stmt = site.statement().text();
                    boolean semi = stmt.endsWith(";");
                    String line = site.require()
                            ? declarationKeyword(stmt) + " " + replacing.binding() + " = require(" + JsValues.quote(ModuleSpecifiers.sameStyle(JsValues.literal(site.source()), replacing.module()), q) + ")"
                            : "import " + replacing.binding() + " from " + JsValues.quote(ModuleSpecifiers.sameStyle(JsValues.literal(site.source()), replacing.module()), q);
                    int at = text.lineStart(site.statement().start());
                    edits.add(TextEdit.insert(at, text.indentation(site.statement().start()) + line + (semi ? ";" : "")
                            + text.lineSeparator(), ruleId));
                }
            }
            for (Spec spec : replaced) {
                String to = clientTarget(spec.local()).name();
                if (!to.equals(spec.local())) {
                    for (JsNode ref : references(spec.local(), claimed)) {
                        edits.add(TextEdit.replace(ref.start(), ref.end(), to, ruleId));
                    }
                }
            }
            String module = JsValues.literal(site.source());
            work.fix(site.statement().start(), dependency, (site.require() ? "require('" : "import from '") + module
                    + (site.require() ? "')" : "'"), edits);
        }
        for (JsNode statement : this.kept) {
            // The package cannot be removed while this import stays: check keeps saying so.
            work.manualWithTodo(statement.start(), text.lineStart(statement.start()), dependency,
                    "import kept for names the tool does not migrate (" + statement.text().replaceAll("\\s+", " ")
                            + "): replace them with the OpenAI SDK's types and APIs, then remove the import", "//");
        }
    }

    /**
     * Adds the target's name to the file's own import from its module ({@code import { openai } from
     * '@ai-sdk/openai'} gets {@code createOpenAI}; {@code import { toFile } from 'openai'} gets the
     * default {@code OpenAI}). False when there is none or it cannot take the name.
     */
    private boolean mergeInto(Target target, SourceText text, String ruleId, List<TextEdit> edits) {
        JsNode clause = targetImports.get(target.module());
        if (clause == null || mergedTargets.contains(target.module())) {
            return false;
        }
        JsNode named = clause.childOfType("named_imports");
        boolean hasDefault = clause.namedChildren().stream().anyMatch(c -> c.is("identifier"));
        boolean namespace = clause.namedChildren().stream().anyMatch(c -> c.is("namespace_import"));
        if (target.factory()) {
            if (named == null) {
                return false;
            }
            String inside = text.text().substring(named.start() + 1, named.end() - 1);
            boolean trailingComma = inside.strip().endsWith(",");
            boolean empty = inside.isBlank();
            edits.add(TextEdit.insert(named.end() - 1 - (inside.length() - inside.stripTrailing().length()),
                    (empty ? " " : trailingComma ? " " : ", ") + target.name() + (empty ? " " : ""), ruleId));
        } else {
            if (hasDefault || namespace) {
                return false;
            }
            edits.add(TextEdit.insert(clause.start(), target.name() + ", ", ruleId));
        }
        mergedTargets.add(target.module());
        return true;
    }

    /** The module-level OpenAI require comes after this Portkey require (and was not moved yet). */
    private boolean requiredLater(Site site) {
        return openAiRequire != null && !openAiRequireMoved && site.require()
                && openAiRequire.start() > site.statement().start();
    }

    /** An alias whose every {@code new} was migrated has no reader left: its declaration goes. */
    private void unusedAliases(FileMigration work, SourceText text, Rule dependency, List<int[]> claimed) {
        for (Map.Entry<String, JsNode> a : aliasDeclarations.entrySet()) {
            JsNode declarator = a.getValue();
            JsNode statement = declarator.parent();
            if (!migrated.contains(a.getKey()) || unmigrated.contains(a.getKey()) || statement == null
                    || statement.namedChildren().size() != 1 || declarator.insideAny(claimed)) {
                continue;
            }
            JsNode own = declarator.child("name");
            boolean read = references(a.getKey(), claimed).stream().anyMatch(r -> r.start() != own.start());
            if (!read) {
                // Its own reads of the imported name go with it: no rename inside the removed text.
                claimed.add(new int[]{statement.start(), statement.end()});
                work.fix(statement.start(), dependency, a.getKey() + " (alias of the Portkey client class)",
                        List.of(removeStatement(text, statement, dependency.id())));
            }
        }
    }

    private static String declarationKeyword(String statement) {
        int sp = statement.indexOf(' ');
        return sp < 0 ? "const" : statement.substring(0, sp);
    }

    /** The import clause or require pattern with only {@code kept} in it, in their own spelling. */
    private static String binding(Site site, List<Spec> kept) {
        if (site.require()) {
            if (site.binding().is("identifier")) {
                return site.binding().text();
            }
            List<String> parts = kept.stream().map(s -> s.node().text()).toList();
            return "{ " + String.join(", ", parts) + " }";
        }
        String defaultPart = null;
        List<String> named = new ArrayList<>();
        for (Spec s : kept) {
            if (s.node().is("identifier")) {
                defaultPart = s.node().text();
            } else if (s.node().is("import_specifier")) {
                named.add(s.node().text());
            } else {
                defaultPart = defaultPart == null ? s.node().text() : defaultPart + ", " + s.node().text();
            }
        }
        StringBuilder out = new StringBuilder();
        if (defaultPart != null) {
            out.append(defaultPart);
        }
        if (!named.isEmpty()) {
            out.append(out.length() > 0 ? ", " : "").append("{ ").append(String.join(", ", named)).append(" }");
        }
        return out.toString();
    }

    /** Names of Portkey imports still used outside the rewritten ranges. */
    private Set<String> usedNames(List<int[]> claimed) {
        Set<String> out = new HashSet<>();
        for (String name : kinds.keySet()) {
            if (!references(name, claimed).isEmpty()) {
                out.add(name);
            }
        }
        return out;
    }

    /** Identifier and type references to {@code name} outside import sites and rewritten ranges. */
    private List<JsNode> references(String name, List<int[]> claimed) {
        List<JsNode> out = new ArrayList<>();
        for (JsNode n : root.findAll(x -> (x.is("identifier") || x.is("type_identifier")) && x.text().equals(name))) {
            if (isImportSite(n) || n.insideAny(claimed)) {
                continue;
            }
            out.add(n);
        }
        return out;
    }

    private static TextEdit removeStatement(SourceText text, JsNode statement, String ruleId) {
        int s = statement.start();
        int e = statement.end();
        if (text.onlyBlankBefore(s) && text.onlyBlankOrCommentAfter(e, null)) {
            int from = text.lineStart(s);
            int to = text.nextLineStart(e);
            // An import block that disappears from the top of the file takes its blank line along.
            boolean topOrAfterBlank = from == 0 || text.lineText(text.line(from) - 1).isBlank();
            if (topOrAfterBlank && to < text.length() && text.lineText(text.line(to)).isBlank()) {
                to = text.nextLineStart(to);
            }
            return TextEdit.delete(from, to, ruleId);
        }
        return TextEdit.delete(s, e, ruleId);
    }

    /** The rule that removes the Portkey npm package: the one every Portkey import answers to. */
    static Rule npmDependencyRule(RuleTable rules) {
        return rules.find(RuleKind.DEPENDENCY, NPM + "portkey-ai")
                .orElseGet(() -> rules.ofKind(RuleKind.DEPENDENCY).stream().findFirst().orElseThrow());
    }
}
