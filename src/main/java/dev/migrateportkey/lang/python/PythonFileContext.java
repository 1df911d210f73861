package dev.migrateportkey.lang.python;

import dev.migrateportkey.config.ConfigDecomposer;
import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderResolver;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.plan.Suppressions;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the shape handlers of one Python file share: the file's text and syntax tree, the
 * {@link FileMigration} they record into, the rule table and what is derived from it once per file
 * (the key expression, the base URL rule, the slug maker, the Config decomposer), and the per-file
 * state one handler leaves for another: the ranges already taken care of, the calls that send to
 * Portkey, whether {@code import os} is needed, the portkey_ai names and the provider pins.
 */
final class PythonFileContext {
    /** Python's line comment: TODOs are written with it. */
    static final String COMMENT = "#";
    static final String PORTKEY_MODULE = "portkey_ai";
    /** Dependency rules name PyPI packages as {@code pypi:<name>}. */
    private static final String PYPI = "pypi:";

    private final FileMigration work;
    private final Node root;
    private final PythonEdits edits;
    private final RuleTable rules;
    private final String keyExpression;
    private final Rule baseUrlRule;
    private final ModelSlugs slugs;
    private final ConfigDecomposer decomposer;
    private final PortkeyNames names = new PortkeyNames();
    private final ProviderPins pins;

    /** Character ranges an edit already takes care of: nothing inside is looked at again. */
    private final List<int[]> consumed = new ArrayList<>();
    /** Start offsets of calls that send to Portkey (a Portkey client, or a client pointed at it). */
    private final Set<Integer> boundCalls = new HashSet<>();
    private boolean needsOs;
    /** The file's {@code migrate-portkey:ignore} comments: the sites they name are left as written. */
    private final List<Suppressions.Suppression> suppressions;

    PythonFileContext(FileMigration work, Node root) {
        this.work = work;
        this.root = root;
        this.edits = new PythonEdits(work.text());
        this.rules = work.rules();
        String keyVar = rules.envVar("PORTKEY_API_KEY").map(Rule::to).filter(t -> t != null).orElse("CONCENTRATE_API_KEY");
        this.keyExpression = "os.environ[" + PythonStrings.quote(keyVar) + "]";
        this.baseUrlRule = rules.sdkParam("base_url").orElseThrow();
        ProviderResolver providers = new ProviderResolver(rules, work.options().virtualKeys());
        this.slugs = new ModelSlugs(rules, providers, work.options().pinProvider());
        this.decomposer = new ConfigDecomposer(rules, providers, slugs);
        this.pins = new ProviderPins(providers);
        this.suppressions = Suppressions.in(work.text(), rules);
    }

    /**
     * Whether a finding of {@code rule} at {@code offset} is suppressed, so its text stays as written
     * and whatever it names (an imported function, a keyword argument) must stay usable.
     */
    boolean suppressed(Rule rule, int offset) {
        return !suppressions.isEmpty() && Suppressions.covers(suppressions, rule.id(), work.text().line(offset));
    }

    FileMigration work() {
        return work;
    }

    Node root() {
        return root;
    }

    SourceText text() {
        return work.text();
    }

    PythonEdits edits() {
        return edits;
    }

    RuleTable rules() {
        return rules;
    }

    /** The Python expression that reads the Concentrate key: {@code os.environ["CONCENTRATE_API_KEY"]}. */
    String keyExpression() {
        return keyExpression;
    }

    /** The {@code base_url} rule: it names Concentrate's URL and owns a client's move onto it. */
    Rule baseUrlRule() {
        return baseUrlRule;
    }

    /** The {@code api_key} rule: it owns the Concentrate key written into a client. */
    Rule apiKeyRule() {
        return rules.sdkParam("api_key").orElseThrow();
    }

    /** The rule for the {@code portkey_ai} PyPI dependency: it owns imports and names of that package. */
    Rule dependencyRule() {
        return rules.find(RuleKind.DEPENDENCY, PYPI + PORTKEY_MODULE).orElseThrow();
    }

    ModelSlugs slugs() {
        return slugs;
    }

    ConfigDecomposer decomposer() {
        return decomposer;
    }

    PortkeyNames names() {
        return names;
    }

    ProviderPins pins() {
        return pins;
    }

    void consume(Node n) {
        consumed.add(new int[] {n.start(), n.end()});
    }

    boolean isConsumed(Node n) {
        int s = n.start();
        int e = n.end();
        for (int[] r : consumed) {
            if (r[0] <= s && e <= r[1]) {
                return true;
            }
        }
        return false;
    }

    /** Records that {@code call} sends to Portkey, so its model strings follow the pinned provider. */
    void markBound(Node call) {
        boundCalls.add(call.start());
    }

    boolean isBound(Node call) {
        return boundCalls.contains(call.start());
    }

    /** Some edit reads the key with {@code os.environ}: the file must import os. */
    void needOs() {
        needsOs = true;
    }

    boolean needsOs() {
        return needsOs;
    }

    /** The {@code sdk-param} rule of a Portkey SDK keyword, when the rule names it itself. */
    Optional<Rule> sdkRule(String name) {
        return rules.sdkParam(name).filter(r -> r.match().contains(name));
    }

    /** A parameter that is removed (it would break the OpenAI client) but needs a human: TODO with its value. */
    void manualRemoved(Node arg, Node site, Rule r, String subject, String todo) {
        work.manual(arg.start(), r.id(), subject + ": " + todo);
        work.todoAbove(PythonEdits.anchor(site), COMMENT, todo, r.id());
    }

    /** Milliseconds to seconds without float noise: 30000 becomes 30, 1500 becomes 1.5. */
    static String seconds(String millis) {
        try {
            BigDecimal sec = new BigDecimal(millis.replace("_", "")).movePointLeft(3).stripTrailingZeros();
            return sec.scale() <= 0 ? sec.toBigInteger().toString() : sec.toPlainString();
        } catch (NumberFormatException e) {
            return "(" + millis + ") / 1000";
        }
    }

    /** Code quoted in a message: on one line, cut at 80 characters. */
    static String oneLine(String s) {
        String t = s.replaceAll("\\s*\\R\\s*", " ").strip();
        return t.length() > 80 ? t.substring(0, 77) + "..." : t;
    }
}
