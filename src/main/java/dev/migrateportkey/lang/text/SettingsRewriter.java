package dev.migrateportkey.lang.text;

import dev.migrateportkey.config.ModelSlugs;
import dev.migrateportkey.config.ProviderResolver;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.report.SecretMasker;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.PublicEnvPrefixes;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The one place that decides what happens to the entries of a config file, whatever its syntax
 * (environment files, shell, Dockerfile, properties, YAML). Scanners find the entries; this class
 * asks the rule table about each and records findings and text edits on the original text:
 *
 * <ul>
 *   <li>a key named {@code x-portkey-*} (a header map entry) follows its request-header rule;</li>
 *   <li>a dotted path with a {@code setting} rule (Spring AI, LangChain4j) has its URL or key rewritten;</li>
 *   <li>an environment variable with an {@code env-var} rule is renamed or commented out;</li>
 *   <li>any other value has its Portkey URL and its references to renamed variables rewritten;</li>
 *   <li>a custom {@code portkey} block, and any other line still naming Portkey, is left to a human.</li>
 * </ul>
 *
 * Upstream provider keys and other commented-out variables are only touched in a file that also
 * configures Portkey: an {@code OPENAI_API_KEY} in a file that never mentions Portkey serves
 * something else.
 */
public final class SettingsRewriter {
    /** What a literal Portkey key becomes: the guide's Concentrate key placeholder. */
    public static final String KEY_PLACEHOLDER = "sk-cn-v1-...";
    private static final String KEY_RULE = "env-portkey-api-key";

    private final FileMigration work;
    private final SourceText text;
    private final RuleTable rules;
    private final ScannedFile scan;
    private final String commentPrefix;
    private final boolean trailingComments;
    private final VariableReferences references;
    /** Every entry's path, to see whether a variable's new name is already set beside it. */
    private final java.util.Set<String> paths = new java.util.HashSet<>();
    /** Every entry, to find a header's siblings. */
    private List<Setting> all = List.of();
    /** Whether the file configures a client key setting ({@code spring.ai.openai.api-key}) that carries the key. */
    private boolean clientKeySetting;
    /** Lines a finding already covers: the leftover sweep does not report them again. */
    private final BitSet handledLines = new BitSet();
    /** Whole-line removals, applied together at the end so that neighbours merge. */
    private final List<TextEdit> removals = new ArrayList<>();

    /**
     * @param commentPrefix the syntax's line comment marker ({@code #}), or null when the syntax has
     *                      none: then nothing is commented out and manual items get no TODO line
     */
    public SettingsRewriter(FileMigration work, ScannedFile scan, String commentPrefix) {
        this(work, scan, commentPrefix, true);
    }

    /**
     * @param trailingComments whether {@code commentPrefix} after a blank also starts a comment in
     *                         mid-line (YAML, shell), rather than only at the start of a line (properties)
     */
    public SettingsRewriter(FileMigration work, ScannedFile scan, String commentPrefix, boolean trailingComments) {
        this.trailingComments = trailingComments && commentPrefix != null;
        this.work = work;
        this.text = work.text();
        this.rules = work.rules();
        this.scan = scan;
        this.commentPrefix = commentPrefix;
        this.references = new VariableReferences(rules);
    }

    public void run() {
        List<Setting> settings = scan.settings();
        settings.forEach(x -> paths.add(x.path()));
        all = settings;
        clientKeySetting = settings.stream().anyMatch(x -> rules.find(RuleKind.SETTING, x.path())
                .filter(r -> r.action() == Action.REPLACE_ENV).isPresent());
        boolean configuresPortkey = settings.stream().anyMatch(this::mentionsPortkey);
        List<Setting> rest = portkeyBlocks(chartValues(settings));
        java.util.Set<Setting> headerLists = new HeaderLists(this, work, references, rest).run();
        for (Setting s : rest) {
            if (headerLists.contains(s)) {
                continue;
            }
            if (isPlaceholder(s)) {
                placeholderLeft(s);
            } else if (!header(s) && !settingRule(s, configuresPortkey) && !envVar(s, configuresPortkey)
                    && !catalogModel(s, configuresPortkey) && !renamedKeyReadingPortkeySecret(s)) {
                values(s);
            }
        }
        new InstallCommands(work, scan, handledLines).run();
        new LeftoverSweep(work, scan, commentPrefix, trailingComments, handledLines, removals).run();
        removeLines();
    }

    /**
     * Applies the recorded line removals, adjacent ones merged. A removal that reaches the end of
     * a file without a final line separator takes the separator before it instead, so the file
     * still ends without one.
     */
    private void removeLines() {
        removals.sort(java.util.Comparator.comparingInt(TextEdit::start));
        List<TextEdit> merged = new ArrayList<>();
        for (TextEdit e : removals) {
            TextEdit last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
            if (last != null && e.start() <= last.end()) {
                merged.set(merged.size() - 1, TextEdit.delete(last.start(), Math.max(last.end(), e.end()), last.ruleId()));
            } else {
                merged.add(e);
            }
        }
        String t = text.text();
        for (TextEdit e : merged) {
            int start = e.start();
            boolean noFinalSeparator = !t.endsWith("\n") && !t.endsWith("\r");
            if (e.end() == t.length() && noFinalSeparator && start > 0) {
                start--;
                if (start > 0 && t.charAt(start) == '\n' && t.charAt(start - 1) == '\r') {
                    start--;
                }
            }
            work.edit(TextEdit.delete(start, e.end(), e.ruleId()));
        }
    }

    // ---- portkey blocks -------------------------------------------------------------------

    /** Reports each custom {@code portkey} block once, naming its keys; returns the entries outside them. */
    private List<Setting> portkeyBlocks(List<Setting> settings) {
        Map<String, List<Setting>> blocks = new LinkedHashMap<>();
        List<Setting> rest = new ArrayList<>();
        for (Setting s : settings) {
            String block = blockPath(s);
            if (block == null) {
                rest.add(s);
            } else {
                blocks.computeIfAbsent(block, k -> new ArrayList<>()).add(s);
            }
        }
        for (Map.Entry<String, List<Setting>> e : blocks.entrySet()) {
            Optional<Rule> rule = rules.find(RuleKind.SETTING, e.getKey());
            if (rule.isEmpty()) {
                rest.addAll(e.getValue());
                continue;
            }
            List<String> held = new ArrayList<>();
            for (Setting s : e.getValue()) {
                if (s.hasValue() && s.valueEnd() > s.valueStart()) {
                    held.add(s.path() + " (" + describe(s.name(), renameReferences(s)) + ")");
                } else if (s.hasValue() || s.secretLookup()) {
                    held.add(s.path());
                }
                markLines(s.entryStart() >= 0 ? s.entryStart() : s.anchor(),
                        s.entryStart() >= 0 ? Math.max(s.entryStart(), s.entryEnd() - 1) : s.anchor());
            }
            Setting first = e.getValue().get(0);
            String subject = "custom block " + e.getKey() + (held.isEmpty() ? "" : " holding " + String.join(", ", held));
            int at = first.entryStart() >= 0 ? first.entryStart() + text.indentation(first.entryStart()).length() : first.anchor();
            manual(at, at, rule.get(), subject);
        }
        return rest;
    }

    /**
     * A variable read inside a custom block ({@code api-key: ${PORTKEY_API_KEY}}) follows the
     * env-var rules like any other read: the environment files this run rewrites define the new
     * name, so a block left reading the old one would no longer resolve (Spring refuses to start on
     * an unresolvable placeholder). Returns the value as it now reads.
     */
    private String renameReferences(Setting s) {
        String v = value(s);
        if (s.secretLookup() || !v.contains("$")) {
            return v;
        }
        String nv = references.rename(v);
        Rule r = references.firstRenamedRule(v);
        if (nv.equals(v) || r == null) {
            return v;
        }
        fix(s.anchor(), r, s.path() + " now reads " + nv, TextEdit.replace(s.valueStart(), s.valueEnd(), nv, r.id()));
        return nv;
    }

    /**
     * In a Helm values file, the keys named after Portkey ({@code portkeyApiKey}, {@code portkey.apiKey}):
     * one manual item per key that holds a value, naming it and what it must hold now
     * ({@link ChartValues}); a Portkey URL in it is rewritten (a value is not the interface, its
     * key is). Returns the other entries.
     */
    private List<Setting> chartValues(List<Setting> settings) {
        Rule rule = rules.byId(ChartValues.RULE).orElse(null);
        if (rule == null || !ChartValues.isValuesFile(work.file().fileName())) {
            return settings;
        }
        List<Setting> rest = new ArrayList<>();
        for (Setting s : settings) {
            if (!s.hasKey() || !ChartValues.isChartKey(s.path())) {
                rest.add(s);
                continue;
            }
            markLines(s.anchor(), s.anchor());
            if (!s.hasValue() || s.secretLookup()) {
                continue; // a parent key (portkey:): its leaves carry the advice
            }
            values(s);
            String v = value(s);
            Rule key = rules.envVar(ChartValues.variable(s.path())).orElse(null);
            if (isPlaceholder(s)) {
                placeholderLeft(s);
            } else if (key != null && key.id().equals(KEY_RULE) && !v.isBlank() && !v.contains("$") && !v.contains("{{")
                    && !v.startsWith("http") && !STORED_SECRET.matcher(v).matches()) {
                // A literal key is a value like any other: it becomes the placeholder, as in an env list.
                fix(s.anchor(), key, s.path() + " now holds the placeholder " + KEY_PLACEHOLDER,
                        TextEdit.replace(s.valueStart(), s.valueEnd(), KEY_PLACEHOLDER, key.id()));
                keyPlaceholder(s, s.path(), v);
                v = KEY_PLACEHOLDER;
            }
            String shown = v.isEmpty() ? "" : describe(s.name(), rules.rewriteUrls(v));
            int at = s.entryStart() >= 0 ? s.entryStart() + text.indentation(s.entryStart()).length() : s.anchor();
            work.manual(s.anchor(), rule.id(), ChartValues.keyMessage(rules, s.path(), shown));
            if (commentPrefix != null && !scan.opaqueLines().get(text.line(at))) {
                // The TODO leaves the value out: it changes when its URL is rewritten, and the TODO must not.
                work.todoAbove(at, commentPrefix, ChartValues.keyMessage(rules, s.path(), ""), rule.id());
            }
        }
        return rest;
    }

    /** The path up to a segment named {@code portkey} with something under it, or null. */
    private static String blockPath(Setting s) {
        String[] seg = s.path().split("\\.");
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < seg.length; i++) {
            if (i > 0) {
                sb.append('.');
            }
            sb.append(seg[i]);
            if (seg[i].equalsIgnoreCase("portkey") && (i < seg.length - 1 || !s.hasValue())) {
                return sb.toString();
            }
        }
        return null;
    }

    /** A value for a message: shortened, and masked whole when its name says it is a secret. */
    private static String describe(String name, String value) {
        if (SECRET_NAME.matcher(name).find() && !value.contains("$")) {
            return SecretMasker.maskSecret(value);
        }
        String v = value.length() > 60 ? value.substring(0, 57) + "..." : value;
        return SecretMasker.mask(v);
    }

    /** Names of settings that hold a credential (a reference such as {@code ${X}} is not one). */
    private static final java.util.regex.Pattern SECRET_NAME = java.util.regex.Pattern.compile(
            "(?i)(api[-_.]?key|apikey|token|secret|password|credential)");

    // ---- x-portkey-* header entries --------------------------------------------------------

    private boolean header(Setting s) {
        if (!s.hasKey()) {
            return false;
        }
        String name = s.name().replace("[", "").replace("]", "").replace("\"", "").replace("'", "");
        if (!name.toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
            return false;
        }
        Rule r = rules.requestHeader(name).orElse(null);
        if (r == null) {
            return false;
        }
        Action a = r.action();
        String subject = "header entry " + name;
        if (a == Action.RENAME_HEADER) {
            fix(s.anchor(), r, subject + " renamed to " + r.to(), TextEdit.replace(s.keyStart(), s.keyEnd(), r.to(), r.id()));
        } else if (a == Action.TO_AUTHORIZATION && !clientKeySetting && s.hasValue() && !s.secretLookup()
                && !value(s).isBlank()) {
            toAuthorization(s, r, subject);
        } else if ((a == Action.DROP || a == Action.TO_MODEL_PREFIX || a == Action.TO_AUTHORIZATION) && s.ownsLines()) {
            fix(s.anchor(), r, subject + " removed");
            removals.add(TextEdit.delete(s.entryStart(), s.entryEnd(), r.id()));
        } else {
            manual(s.anchor(), s.ownsLines() ? s.entryStart() : s.anchor(), r, subject);
        }
        return true;
    }

    /**
     * The key header of a header map with no client key setting in the file to carry the key: the
     * map's {@code Authorization} entry, or this entry renamed to one, carries
     * {@code Bearer <Concentrate key>} (the guide's Step 3). A reference keeps its shape
     * ({@code ${PORTKEY_API_KEY}} becomes {@code Bearer ${CONCENTRATE_API_KEY}}); a literal key
     * becomes the placeholder, left for a human.
     */
    private void toAuthorization(Setting s, Rule r, String subject) {
        String v = value(s);
        boolean literal = !v.contains("$");
        String bearer = "Bearer " + (literal ? KEY_PLACEHOLDER : references.rename(v));
        String parent = s.path().substring(0, s.path().length() - s.name().length());
        Setting auth = all.stream()
                .filter(x -> x != s && x.hasKey() && x.hasValue() && !x.secretLookup()
                        && x.path().equalsIgnoreCase(parent + "Authorization"))
                .findFirst().orElse(null);
        if (auth != null && s.ownsLines()) {
            // BYOK: the provider key stood in Authorization; the Concentrate key takes its place.
            fix(s.anchor(), r, subject + " removed; the Authorization entry beside it now sends " + bearer,
                    TextEdit.replace(auth.valueStart(), auth.valueEnd(), bearer, r.id()));
            removals.add(TextEdit.delete(s.entryStart(), s.entryEnd(), r.id()));
            markLines(auth.anchor(), auth.anchor());
        } else if (auth == null) {
            fix(s.anchor(), r, subject + " now Authorization: " + bearer,
                    TextEdit.replace(s.keyStart(), s.keyEnd(), "Authorization", r.id()),
                    TextEdit.replace(s.valueStart(), s.valueEnd(), bearer, r.id()));
        } else {
            manual(s.anchor(), s.anchor(), r, subject);
            return;
        }
        if (literal) {
            todo(s, KEY_RULE);
            work.manual(s.anchor(), KEY_RULE, "Authorization: the literal key (" + SecretMasker.maskSecret(v)
                    + ") was replaced by the placeholder " + KEY_PLACEHOLDER + "; set your real Concentrate key here");
        }
    }

    // ---- Spring AI / LangChain4j settings ---------------------------------------------------

    private boolean settingRule(Setting s, boolean configuresPortkey) {
        if (!s.hasValue() || s.secretLookup()) {
            return false;
        }
        Rule r = rules.find(RuleKind.SETTING, s.path()).orElse(null);
        if (r == null) {
            return false;
        }
        String v = value(s);
        if (r.action() == Action.REPLACE_URL) {
            Optional<Rule> url = rules.baseUrl(v);
            if (url.isEmpty() && v.contains("${") && v.toLowerCase(Locale.ROOT).contains("portkey")) {
                // ${PORTKEY_BASE_URL} would become ${CONCENTRATE_BASE_URL}, which holds the /v1 URL:
                // wrong for a setting whose target says otherwise, so the setting gets its own value.
                fix(s.anchor(), r, s.path() + " now " + r.to() + " (it read " + v + ")",
                        TextEdit.replace(s.valueStart(), s.valueEnd(), r.to(), r.id()));
                return true;
            }
            if (url.isEmpty()) {
                return false;
            }
            String rest = v.substring(prefixLength(url.get(), v));
            // The setting's own target says whether /v1 belongs in it; a /v1 the old URL had is not kept twice.
            if (rest.startsWith("/v1")) {
                rest = rest.substring(3);
            }
            if (rest.equals("/")) {
                rest = "";
            }
            fix(s.anchor(), r, s.path() + " now " + r.to() + rest,
                    TextEdit.replace(s.valueStart(), s.valueEnd(), r.to() + rest, r.id()));
            return true;
        }
        if (r.action() == Action.REPLACE_ENV && configuresPortkey) {
            String wanted = "${" + r.to() + "}";
            if (v.equals(wanted)) {
                return true;
            }
            fix(s.anchor(), r, s.path() + " now reads " + wanted,
                    TextEdit.replace(s.valueStart(), s.valueEnd(), wanted, r.id()));
            return true;
        }
        return false;
    }

    private static int prefixLength(Rule r, String s) {
        int best = 0;
        for (String p : r.match()) {
            if (s.regionMatches(true, 0, p, 0, p.length())) {
                best = Math.max(best, p.length());
            }
        }
        return best;
    }

    // ---- environment variables ------------------------------------------------------------

    private boolean envVar(Setting s, boolean configuresPortkey) {
        if (!s.hasKey() || !VariableReferences.isEnvName(s.name())) {
            return false;
        }
        // A bundler's public prefix (VITE_PORTKEY_API_KEY) is looked through, as the code migrators
        // do, so the variable and the code reading it keep one name (PublicEnvPrefixes).
        PublicEnvPrefixes.Lookup found = PublicEnvPrefixes.lookup(rules, s.name()).orElse(null);
        if (found == null) {
            return false;
        }
        Rule r = found.rule();
        if (r.action() == Action.REPLACE_ENV) {
            String to = found.renamedTo();
            String parent = s.path().substring(0, s.path().length() - s.name().length());
            if (paths.contains(parent + to) && s.ownsLines() && commentPrefix != null) {
                // The new variable is already set beside it (a migration begun by hand): renaming
                // would define it twice, so the old one is commented out instead.
                commentOut(s, r, s.name() + " commented out, " + to + " is already set here");
            } else {
                renameVariable(s, r, to);
            }
            return true;
        }
        if (r.action() == Action.COMMENT_OUT_ENV) {
            if (!configuresPortkey) {
                return false;
            }
            if (s.ownsLines() && commentPrefix != null) {
                commentOut(s, r, s.name() + " commented out");
            } else {
                // The rule's note speaks of a line the tool commented out; here a human has to.
                String subject = commentPrefix == null
                        ? s.name() + " left in place: this file format has no comments to park it in"
                        : s.name() + " shares its line with other settings: comment it out by hand";
                work.manual(s.anchor(), r, subject);
                markLines(s.anchor(), s.anchor());
                if (commentPrefix != null && !scan.opaqueLines().get(text.line(s.anchor()))) {
                    work.todoAbove(s.anchor(), commentPrefix, subject + ". " + r.note(), r.id());
                }
            }
            return true;
        }
        if (r.action() == Action.MANUAL) {
            manual(s.anchor(), s.ownsLines() ? s.entryStart() : s.anchor(), r, s.name());
            return true;
        }
        return false;
    }

    private void renameVariable(Setting s, Rule r, String to) {
        List<TextEdit> edits = new ArrayList<>();
        edits.add(TextEdit.replace(s.keyStart(), s.keyEnd(), to, r.id()));
        String subject = s.name() + " renamed to " + to;
        boolean literalKey = false;
        if (s.hasValue()) {
            String v = value(s);
            if (s.secretLookup()) {
                String nv = references.renameInLookup(v);
                if (!nv.equals(v)) {
                    edits.add(TextEdit.replace(s.valueStart(), s.valueEnd(), nv, r.id()));
                }
                subject += "; the secret it reads is now named after Concentrate: create it with your Concentrate key";
            } else if (v.contains("$")) {
                String nv = references.rename(v);
                if (!nv.equals(v)) {
                    edits.add(TextEdit.replace(s.valueStart(), s.valueEnd(), nv, r.id()));
                    subject += "; its value now reads " + nv + ": define that where the reference resolves";
                }
            } else if (!rules.rewriteUrls(v).equals(v)) {
                String nv = rules.rewriteUrls(v);
                edits.add(TextEdit.replace(s.valueStart(), s.valueEnd(), nv, r.id()));
                subject += ", value " + nv;
            } else if (holdsAddress(r) && SELF_HOSTED.matcher(v).matches()) {
                // A self-hosted gateway (http://localhost:8787/v1, an in-cluster service): the
                // variable now names Concentrate, so it must hold Concentrate's address, path kept.
                String host = rules.baseUrl("https://api.portkey.ai").map(Rule::to).orElse(null);
                java.util.regex.Matcher m = SELF_HOSTED.matcher(v);
                if (host != null && m.matches()) {
                    String nv = host + (m.group(1) == null ? "" : m.group(1));
                    edits.add(TextEdit.replace(s.valueStart(), s.valueEnd(), nv, r.id()));
                    subject += "; it pointed at a self-hosted gateway (" + v + "), now " + nv;
                }
            } else if (!v.isBlank() && !v.startsWith("http") && !holdsAddress(r) && !STORED_SECRET.matcher(v).matches()
                    && !v.contains("{{")) {
                // ({{ .Values.x }} is a template expression, a read like ${X}: never a literal key.)
                edits.add(TextEdit.replace(s.valueStart(), s.valueEnd(), KEY_PLACEHOLDER, r.id()));
                literalKey = true;
            }
        }
        if (literalKey) {
            todo(s, r.id());
            work.manual(s.anchor(), r.id(), to + ": the literal key (" + SecretMasker.maskSecret(value(s))
                    + ") was replaced by the placeholder " + KEY_PLACEHOLDER + "; set your real Concentrate key here");
        }
        fix(s.anchor(), r, subject, edits);
        secretNamedAfterPortkey(s, r, to, edits);
    }

    /**
     * The variable a first run renamed the key to ({@code CONCENTRATE_API_KEY}) still reading a
     * secret named after Portkey: the same manual item on every later run, so {@code check} keeps
     * failing until the secret is replaced, and no second TODO is written.
     */
    private boolean renamedKeyReadingPortkeySecret(Setting s) {
        Rule r = rules.byId(KEY_RULE).orElse(null);
        if (r == null || !s.hasKey() || r.to() == null || !s.name().equals(r.to())) {
            return false;
        }
        return secretNamedAfterPortkey(s, r, s.name(), List.of());
    }

    /**
     * A renamed key variable that still reads its value from a secret store entry named after
     * Portkey: a Jenkins {@code credentials('portkey-api-key')}, a Serverless
     * {@code ${ssm:/app/portkey-api-key}}, a Make {@code $(shell cat .portkey-key)}. That entry
     * holds the Portkey key, so the variable would send it to Concentrate: a manual item that says
     * what to store and where, instead of the generic "still refers to Portkey".
     */
    private boolean secretNamedAfterPortkey(Setting s, Rule r, String to, List<TextEdit> edits) {
        if (holdsAddress(r) || s.secretLookup()) {
            return false;
        }
        int lineEnd = text.lineStart(s.keyEnd()) + text.lineText(text.line(s.keyEnd())).length();
        String tail = text.text().substring(s.keyEnd(), Math.max(s.keyEnd(), lineEnd));
        if (s.hasValue()) {
            String v = value(s);
            for (TextEdit e : edits) {
                if (e.start() == s.valueStart() && e.end() == s.valueEnd()) {
                    v = e.replacement();
                }
            }
            tail = v;
        }
        if (!tail.toLowerCase(Locale.ROOT).contains("portkey") || ChartValues.read(tail) != null) {
            // A chart value read ({{ .Values.portkey.apiKey }}) gets its own advice from the sweep.
            return false;
        }
        // Without a value range the tail starts at the operator (= credentials('...')): not part of the secret.
        String shown = tail.replaceFirst("^[ \\t]*[:?+!]*=[ \\t]*", "").strip();
        shown = SecretMasker.mask(shown.length() > 60 ? shown.substring(0, 57) + "..." : shown);
        String message = to + " still takes its value from " + shown + ", which holds the Portkey key: put your"
                + " Concentrate key (sk-cn-v1-...) in a secret or variable named after Concentrate and read that one here";
        int anchor = s.ownsLines() ? s.entryStart() : s.anchor();
        if (commentPrefix != null && !scan.opaqueLines().get(text.line(anchor))) {
            work.manualWithTodo(s.anchor(), anchor, r.id(), message, commentPrefix);
        } else {
            work.manual(s.anchor(), r.id(), message);
        }
        markLines(s.anchor(), s.anchor());
        return true;
    }

    /**
     * A reference to a secret the platform stores ({@code "@portkey-api-key"} in a
     * {@code vercel.json} {@code env}): a name, not a key, so it is never replaced by the placeholder.
     */
    private static final java.util.regex.Pattern STORED_SECRET = java.util.regex.Pattern.compile("@[a-z0-9][a-z0-9_.-]*");

    /** An http(s) URL whose host is not Concentrate's; group 1 is its path and query. */
    private static final java.util.regex.Pattern SELF_HOSTED = java.util.regex.Pattern.compile(
            "(?i)https?://(?!api\\.concentrate\\.ai)[^/\\s$]+(/\\S*)?");

    /** Whether a renamed variable holds an address (its new name says URL, host or endpoint), not a key. */
    private static boolean holdsAddress(Rule r) {
        String to = r.to() == null ? "" : r.to().toUpperCase(Locale.ROOT);
        return to.endsWith("_URL") || to.endsWith("_HOST") || to.endsWith("_ENDPOINT");
    }

    private boolean isPlaceholder(Setting s) {
        return s.hasValue() && !s.secretLookup()
                && (value(s).equals(KEY_PLACEHOLDER) || value(s).equals("Bearer " + KEY_PLACEHOLDER));
    }

    /** A placeholder a first run left: a human still has to put the real key in. */
    void placeholderLeft(Setting s) {
        String name = s.hasKey() ? s.name() : "the key";
        work.manual(s.valueStart(), KEY_RULE, name + " still holds the placeholder " + KEY_PLACEHOLDER
                + ": set your real Concentrate key here");
        markLines(s.anchor(), s.anchor());
        todo(s, KEY_RULE);
    }

    /** A literal Portkey key this run replaced by the placeholder in {@code s}: a TODO and a manual item, key masked. */
    void keyPlaceholder(Setting s, String name, String oldKey) {
        todo(s, KEY_RULE);
        work.manual(s.anchor(), KEY_RULE, name + ": the literal key (" + SecretMasker.maskSecret(oldKey)
                + ") was replaced by the placeholder " + KEY_PLACEHOLDER + "; set your real Concentrate key here");
        markLines(s.anchor(), s.anchor());
    }

    /** Removes the lines an entry owns (with the other removals, merged at the end). */
    void remove(Setting s, Rule r) {
        removals.add(TextEdit.delete(s.entryStart(), s.entryEnd(), r.id()));
    }

    /** The lines of an entry a finding covers: the leftover sweep does not report them again. */
    void handled(Setting s) {
        markLines(s.ownsLines() ? s.entryStart() : s.anchor(), s.ownsLines() ? Math.max(s.entryStart(), s.entryEnd() - 1) : s.anchor());
    }

    /** A manual item with a TODO above {@code anchor} where the syntax has comments. */
    void manualAt(int offset, int anchor, Rule r, String subject) {
        manual(offset, anchor, r, subject);
    }

    String valueOf(Setting s) {
        return value(s);
    }

    private void todo(Setting s, String ruleId) {
        int anchor = s.ownsLines() ? s.entryStart() : s.anchor();
        if (commentPrefix != null && !scan.opaqueLines().get(text.line(anchor))) {
            work.todoAbove(anchor, commentPrefix, "set this to your Concentrate key (sk-cn-v1-...);"
                    + " the Portkey key that stood here was replaced by a placeholder", ruleId);
        }
    }

    private void commentOut(Setting s, Rule r, String subject) {
        List<TextEdit> edits = new ArrayList<>();
        String marker = commentPrefix + " ";
        int at = s.entryStart();
        while (at < s.entryEnd()) {
            int lineStart = text.lineStart(at);
            int indent = text.indentation(at).length();
            edits.add(TextEdit.insert(lineStart + Math.min(indent, s.commentColumn()), marker, r.id()));
            int next = text.nextLineStart(at);
            if (next <= at) {
                break;
            }
            at = next;
        }
        // The note goes in first: insertions at one offset apply in the order they are recorded.
        work.todoAbove(s.entryStart(), commentPrefix, r.note(), r.id());
        fix(s.anchor(), r, subject, edits);
    }

    // ---- Portkey model catalog strings -----------------------------------------------------

    /** {@code @provider-slug/model}, alone or behind a client prefix ({@code openai/@slug/model}, LiteLLM). */
    private static final java.util.regex.Pattern CATALOG = java.util.regex.Pattern.compile(
            "(?:^|(?<=/))@([A-Za-z0-9][A-Za-z0-9_.-]*)/([A-Za-z0-9][A-Za-z0-9_.:-]*)$");

    /**
     * A Portkey model catalog string in a file that configures Portkey: Concentrate has no catalog,
     * so {@code @slug/model} becomes the slug the guide's Step 5 gives ({@code provider/model} for a
     * known provider, the bare model otherwise). A provider guessed from the slug's parts is written
     * and reported for a human to confirm.
     */
    private boolean catalogModel(Setting s, boolean configuresPortkey) {
        if (!configuresPortkey || !s.hasValue() || s.secretLookup()) {
            return false;
        }
        String v = value(s);
        java.util.regex.Matcher m = CATALOG.matcher(v);
        if (!m.find()) {
            return false;
        }
        Rule r = rules.requestHeader("x-portkey-provider").orElse(null);
        if (r == null) {
            return false;
        }
        String catalog = v.substring(m.start());
        ModelSlugs.Slug slug = slugs().slug(catalog, null);
        String nv = v.substring(0, m.start()) + slug.slug();
        int at = s.valueStart() + m.start();
        work.model(at, catalog, slug.slug());
        String subject = "Portkey catalog model " + catalog + " becomes " + slug.slug()
                + (slug.pin() == null ? " (@" + m.group(1) + " names no known provider: the bare slug lets routing pick one)" : "");
        fix(s.anchor(), r, subject, TextEdit.replace(s.valueStart(), s.valueEnd(), nv, r.id()));
        if (slug.guessed()) {
            work.manual(at, r.id(), "provider of " + catalog + " guessed as " + slug.pin().prefix()
                    + ": confirm it, or run again with --virtual-key " + m.group(1) + "=PROVIDER");
        }
        markLines(s.anchor(), s.anchor());
        return true;
    }

    private ModelSlugs slugs;

    private ModelSlugs slugs() {
        if (slugs == null) {
            slugs = new ModelSlugs(rules, new ProviderResolver(rules, work.options().virtualKeys()), work.options().pinProvider());
        }
        return slugs;
    }

    // ---- values ----------------------------------------------------------------------------

    /** A header argument of a command line: {@code -H "x-portkey-name: value"} (curl, wget, httpie-like). */
    private static final java.util.regex.Pattern HEADER_ARG = java.util.regex.Pattern.compile(
            "([ \\t]*)(?:-H|--header)[ \\t]+([\"'])(x-portkey-[A-Za-z0-9-]+)[ \\t]*:[ \\t]*([^\"'\\r\\n]*)\\2");

    /**
     * The {@code x-portkey-*} header arguments of a bare command line (a curl call in a script or a
     * CI step) follow their request-header rules: the key header becomes
     * {@code Authorization: Bearer <Concentrate key>}, renamed headers are renamed, dropped ones go
     * (with their line when nothing else is on it but the continuation). Headers that need a human
     * stay for the sweep; so does the key header of a command that already sends Authorization (BYOK).
     * Returns true when it recorded the line's edit.
     */
    private boolean headerArguments(Setting s) {
        if (s.hasKey() || !s.hasValue() || s.secretLookup()) {
            return false;
        }
        String v = value(s);
        java.util.regex.Matcher m = HEADER_ARG.matcher(v);
        StringBuilder sb = new StringBuilder();
        List<String> done = new ArrayList<>();
        Rule first = null;
        boolean literalKey = false;
        while (m.find()) {
            Rule r = rules.requestHeader(m.group(3)).orElse(null);
            String replacement = null;
            if (r != null && r.action() == Action.RENAME_HEADER) {
                replacement = m.group(1) + "-H " + m.group(2) + r.to() + ": " + m.group(4) + m.group(2);
                done.add(m.group(3) + " renamed to " + r.to());
            } else if (r != null && r.action() == Action.TO_AUTHORIZATION && !sendsAuthorization(s)) {
                literalKey = !m.group(4).contains("$");
                String key = literalKey ? KEY_PLACEHOLDER : references.rename(m.group(4));
                replacement = m.group(1) + "-H " + m.group(2) + "Authorization: Bearer " + key + m.group(2);
                done.add(m.group(3) + " now Authorization: Bearer " + key);
            } else if (r != null && (r.action() == Action.DROP || r.action() == Action.TO_MODEL_PREFIX)) {
                replacement = "";
                done.add(m.group(3) + " removed");
            }
            if (replacement == null) {
                continue;
            }
            first = first == null ? r : first;
            m.appendReplacement(sb, java.util.regex.Matcher.quoteReplacement(replacement));
        }
        if (first == null) {
            return false;
        }
        m.appendTail(sb);
        String nv = rules.rewriteUrls(references.rename(sb.toString()));
        if (!v.isEmpty() && !Character.isWhitespace(v.charAt(0))) {
            nv = nv.stripLeading(); // the removed header led the line: its indentation stays, not a gap
        }
        String subject = "this line's headers: " + String.join(", ", done);
        String rest = nv.strip();
        if ((rest.isEmpty() || rest.equals("\\")) && s.ownsLines()) {
            fix(s.anchor(), first, subject + " (the line went with them)");
            removals.add(TextEdit.delete(s.entryStart(), s.entryEnd(), first.id()));
        } else if (rest.equals("\\") && text.onlyBlankBefore(s.valueStart())) {
            // A continuation line holding only the header: the lines around it still chain.
            int from = text.lineStart(s.valueStart());
            fix(s.anchor(), first, subject + " (the line went with them)");
            removals.add(TextEdit.delete(from, text.nextLineStart(from), first.id()));
        } else if (rest.isEmpty() || rest.equals("\\")) {
            return false;
        } else {
            work.fix(s.valueStart(), first, subject, List.of(TextEdit.replace(s.valueStart(), s.valueEnd(), nv, first.id())));
        }
        if (literalKey) {
            work.manual(s.valueStart(), KEY_RULE, "Authorization: the literal key was replaced by the placeholder "
                    + KEY_PLACEHOLDER + "; set your real Concentrate key here");
        }
        return true;
    }

    /** Whether a line near this one already sends an Authorization header (the same command, BYOK). */
    private boolean sendsAuthorization(Setting s) {
        int line = text.line(s.valueStart());
        for (int l = Math.max(1, line - 6); l <= Math.min(text.lineCount(), line + 6); l++) {
            if (text.lineText(l).toLowerCase(Locale.ROOT).contains("authorization:")) {
                return true;
            }
        }
        return false;
    }

    private void values(Setting s) {
        if (!s.hasValue() || headerArguments(s)) {
            return;
        }
        String v = value(s);
        String renamed = s.secretLookup() ? v : references.rename(v);
        String nv = rules.rewriteUrls(renamed);
        if (nv.equals(v)) {
            return;
        }
        Rule r;
        String subject;
        if (!nv.equals(renamed)) {
            r = rules.baseUrl(v.substring(Math.max(0, indexOfPortkeyUrl(v)))).orElse(null);
            subject = (s.hasKey() ? s.path() : s.path().isEmpty() ? "this line" : s.path() + " item") + " now points at Concentrate";
        } else {
            r = references.firstRenamedRule(v);
            subject = (s.hasKey() ? s.path() : s.path().isEmpty() ? "this line" : s.path() + " item") + " now reads " + nv;
        }
        if (r == null) {
            return;
        }
        // A line that still names Portkey after this (an x-portkey header in a curl command) is left to the sweep.
        work.fix(s.valueStart(), r, subject, List.of(TextEdit.replace(s.valueStart(), s.valueEnd(), nv, r.id())));
    }

    private int indexOfPortkeyUrl(String v) {
        for (int i = 0; i < v.length(); i++) {
            if (v.regionMatches(true, i, "http", 0, 4) && rules.baseUrl(v.substring(i)).isPresent()) {
                return i;
            }
        }
        return -1;
    }

    // ---- recording -------------------------------------------------------------------------

    private void fix(int offset, Rule r, String subject, TextEdit... edits) {
        fix(offset, r, subject, List.of(edits));
    }

    private void fix(int offset, Rule r, String subject, List<TextEdit> edits) {
        work.fix(offset, r, subject, edits);
    }

    private void manual(int offset, int anchor, Rule r, String subject) {
        if (commentPrefix != null && !scan.opaqueLines().get(text.line(anchor))) {
            work.manualWithTodo(offset, anchor, r, subject, commentPrefix);
        } else {
            work.manual(offset, r, subject);
        }
        markLines(offset, offset);
    }

    private void markLines(int from, int to) {
        int a = text.line(Math.min(from, text.length()));
        int b = text.line(Math.min(Math.max(from, to), text.length()));
        handledLines.set(a, b + 1);
    }

    private boolean mentionsPortkey(Setting s) {
        if (s.path().toLowerCase(Locale.ROOT).contains("portkey")) {
            return true;
        }
        return s.hasValue() && value(s).toLowerCase(Locale.ROOT).contains("portkey");
    }

    private String value(Setting s) {
        return text.text().substring(s.valueStart(), s.valueEnd());
    }
}
