package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.config.ConfigDecomposer;
import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.config.ProviderResolver;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One TypeScript or JavaScript file being migrated, as every shape handler of {@link JsFileRewriter}
 * sees it: its source and syntax tree, the {@link FileMigration} findings go into, the rule table,
 * and the state the handlers share so that no two of them edit the same text (claimed ranges, the
 * one {@link ObjectRewrite} per object literal, the header objects already handled).
 */
final class JsFileContext {
    /** What starts a TODO comment line in JavaScript. */
    static final String COMMENT = "//";
    /** Keys whose object value is a set of HTTP headers. */
    static final Set<String> HEADER_KEYS = Set.of("headers", "defaultHeaders");
    static final Pattern PORTKEY_VAR = RuleTable.PORTKEY_VARIABLE;

    final FileMigration work;
    final JsNode root;
    final SourceText text;
    final RuleTable rules;
    final JsValues values;
    final Imports imports;
    /** The file's own string quote, for every string the tool writes. */
    final char quote;
    /** The rule every Portkey import and client answers to (removing the npm package). */
    final Rule dependencyRule;
    final ProviderResolver providers;
    final ModelSlugs slugs;
    final ConfigDecomposer decomposer;
    /** How this file reads the Concentrate key. */
    final KeyReads keys;

    /** Ranges an edit already replaces or removes: nothing inside them is looked at again. */
    final List<int[]> claimed = new ArrayList<>();
    /** The pending rewrite of each object literal touched, emitted once at the end ({@link ObjectEdits}). */
    final Map<JsNode, ObjectRewrite> objects = new IdentityHashMap<>();
    /** Header objects already handled, and for each the entry of its owner to drop if it empties. */
    final Map<JsNode, JsNode> headerOwners = new IdentityHashMap<>();
    /** Object literals a handler already read as options or headers: the walk skips them. */
    final Set<JsNode> handled = Collections.newSetFromMap(new IdentityHashMap<>());

    JsFileContext(FileMigration work, JsNode root) {
        this.work = work;
        this.root = root;
        this.text = work.text();
        this.rules = work.rules();
        this.values = new JsValues(root);
        this.quote = dominantQuote(root);
        this.dependencyRule = Imports.npmDependencyRule(rules);
        this.imports = new Imports(root, values, rules);
        this.providers = new ProviderResolver(rules, work.options().virtualKeys());
        this.slugs = new ModelSlugs(rules, providers, work.options().pinProvider());
        this.decomposer = new ConfigDecomposer(rules, providers, slugs);
        this.keys = new KeyReads(rules, root);
    }

    ObjectRewrite rewrite(JsNode object) {
        return objects.computeIfAbsent(object, ObjectRewrite::new);
    }

    void claim(JsNode n) {
        claimed.add(new int[]{n.start(), n.end()});
    }

    boolean isClaimed(JsNode n) {
        return n.insideAny(claimed);
    }

    String quoted(String s) {
        return JsValues.quote(s, quote);
    }

    /**
     * Where a TODO goes: above the object entry when it starts its own line, otherwise above the
     * statement that holds the node.
     */
    int anchor(JsNode n) {
        for (JsNode cur = n; cur != null; cur = cur.parent()) {
            if ((cur.is("pair") || cur.is("shorthand_property_identifier")) && text.onlyBlankBefore(cur.start())) {
                return cur.start();
            }
            String t = cur.type();
            if (t.endsWith("_statement") || t.endsWith("_declaration") || t.equals("public_field_definition")) {
                JsNode up = cur.parent();
                if (up != null && up.is("export_statement")) {
                    return up.start();
                }
                return cur.start();
            }
        }
        return n.start();
    }

    /** The sdk-param rule that names {@code key} itself (not one found by a looser match), or null. */
    Rule sdkParam(String key) {
        return rules.sdkParam(key).filter(r -> r.match().contains(key)).orElse(null);
    }

    /** The provider a {@code provider} or {@code virtualKey} option (or header) names, if it can be told. */
    ProviderPin providerOf(JsNode entry) {
        JsNode value = entry.is("pair") ? entry.child("value") : null;
        return value == null ? null : values.resolve(value).flatMap(providers::resolve).orElse(null);
    }

    /** Virtual key names whose guessed provider was already reported, so each is reported once. */
    private final Set<String> guessesReported = new java.util.HashSet<>();

    /**
     * The provider a {@code virtualKey}/{@code provider} option or header value pins, as
     * {@link #providerOf} tells it, and what a human must know about it: a provider guessed from a
     * virtual key's name is written but reported (once per name) with how to confirm it; a value the
     * tool cannot resolve (a variable, an unknown name) is reported as leaving the models bare, with
     * how to pin them. Either is a manual item of the rewrite, not a TODO: the option itself is gone.
     */
    ProviderPin pinOf(JsNode value, Rule r, String what) {
        if (value == null) {
            return null;
        }
        ProviderPin pin = values.resolve(value).flatMap(providers::resolve).orElse(null);
        if (pin != null) {
            if (pin.guessed() && guessesReported.add(pin.from())) {
                work.manual(value.start(), r.id(), what + ": provider " + pin.describe()
                        + "; the models of its requests the tool rewrites get the " + pin.prefix() + "/ prefix: fix them by hand if the guess is wrong");
            }
            return pin;
        }
        Optional<String> name = values.resolve(value);
        String flag = name.map(n -> n.startsWith("@") ? n.substring(1) : n).orElse("<its value>");
        work.manual(value.start(), r.id(), what + " " + (name.isPresent() ? "'" + name.get() + "'" : "from " + value.text())
                + " names no provider the tool can tell: the models of its requests stay bare (Concentrate routes them);"
                + " to pin them, rerun with --virtual-key " + flag + "=PROVIDER or write each model as provider/model-id");
        return null;
    }

    /** Whether anything under {@code node} names Portkey: a string, a Portkey import, a PORTKEY_* variable. */
    boolean mentionsPortkey(JsNode node) {
        for (JsNode n : node.findAll(x -> x.is("string") || x.is("template_string") || x.is("identifier")
                || x.is("property_identifier") || x.is("call_expression"))) {
            switch (n.type()) {
                case "string", "template_string" -> {
                    if (n.text().toLowerCase(Locale.ROOT).contains("portkey")) {
                        return true;
                    }
                }
                case "identifier" -> {
                    if (imports.isGatewayUrl(n.text()) || imports.isCreateHeaders(n.text())) {
                        return true;
                    }
                    Optional<String> v = values.resolve(n);
                    if (v.isPresent() && v.get().toLowerCase(Locale.ROOT).contains("portkey")) {
                        return true;
                    }
                }
                case "property_identifier" -> {
                    if (PORTKEY_VAR.matcher(n.text()).matches()) {
                        return true;
                    }
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** The file's own string quote: the one most of its string literals use. */
    private static char dominantQuote(JsNode root) {
        int single = 0;
        int dbl = 0;
        for (JsNode s : root.findAll(n -> n.is("string"))) {
            if (s.text().startsWith("'")) {
                single++;
            } else {
                dbl++;
            }
        }
        return dbl > single ? '"' : '\'';
    }
}
