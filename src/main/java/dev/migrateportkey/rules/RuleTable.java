package dev.migrateportkey.rules;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The loaded migration table. Migrators ask it what a header, parameter, URL, variable or
 * provider becomes; they never name those things themselves.
 */
public final class RuleTable {
    private final List<Rule> rules;
    private final Map<String, Rule> byId;
    private final Map<RuleKind, List<Rule>> byKind = new EnumMap<>(RuleKind.class);
    /**
     * Answers of {@link #find}, by kind and subject. A migrator asks about the same few header names
     * and parameters in every file, and glob matching against every rule of a kind showed up in
     * profiles of a 2,000-file rewrite. Bounded so that odd inputs cannot grow it without end.
     */
    private final Map<RuleKind, Map<String, Optional<Rule>>> found = new EnumMap<>(RuleKind.class);
    private static final int MAX_CACHED_PER_KIND = 10_000;

    public RuleTable(List<Rule> rules) {
        Map<String, Rule> ids = new LinkedHashMap<>();
        for (Rule r : rules) {
            ids.put(r.id(), r);
        }
        this.byId = Collections.unmodifiableMap(ids);
        this.rules = List.copyOf(ids.values());
        for (RuleKind k : RuleKind.values()) {
            byKind.put(k, new ArrayList<>());
            found.put(k, new ConcurrentHashMap<>());
        }
        for (Rule r : this.rules) {
            byKind.get(r.kind()).add(r);
        }
    }

    public List<Rule> all() {
        return rules;
    }

    public List<Rule> ofKind(RuleKind kind) {
        return Collections.unmodifiableList(byKind.get(kind));
    }

    public Optional<Rule> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The most specific rule of {@code kind} matching {@code subject}; ties go to the rule defined first. */
    public Optional<Rule> find(RuleKind kind, String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Map<String, Optional<Rule>> cache = found.get(kind);
        Optional<Rule> known = cache.get(subject);
        if (known != null) {
            return known;
        }
        Optional<Rule> result = search(kind, subject);
        if (cache.size() < MAX_CACHED_PER_KIND) {
            cache.put(subject, result);
        }
        return result;
    }

    private Optional<Rule> search(RuleKind kind, String subject) {
        Rule best = null;
        int bestScore = -1;
        for (Rule r : byKind.get(kind)) {
            int score = r.specificity(subject);
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    public Optional<Rule> requestHeader(String name) {
        return find(RuleKind.REQUEST_HEADER, name);
    }

    public Optional<Rule> responseHeader(String name) {
        return find(RuleKind.RESPONSE_HEADER, name);
    }

    public Optional<Rule> envVar(String name) {
        return find(RuleKind.ENV_VAR, name);
    }

    public Optional<Rule> provider(String name) {
        return find(RuleKind.PROVIDER, name);
    }

    public Optional<Rule> sdkParam(String name) {
        return find(RuleKind.SDK_PARAM, name);
    }

    public Optional<Rule> configKey(String path) {
        return find(RuleKind.CONFIG_KEY, path);
    }

    /** A Portkey variable name inside any text: {@code PORTKEY_API_KEY}, {@code MY_PORTKEY_KEY}. */
    public static final java.util.regex.Pattern PORTKEY_VARIABLE =
            java.util.regex.Pattern.compile("\\b[A-Z][A-Z0-9_]*PORTKEY[A-Z0-9_]*\\b|\\bPORTKEY_[A-Z0-9_]+\\b");

    /**
     * What {@link #renameVariables} did to a text.
     *
     * @param text     the text with every renamed variable replaced (unchanged when {@code applied} is empty)
     * @param applied  the rename rules applied, in text order
     * @param manual   each variable without a rename rule, with its rule, once each, in text order
     */
    public record VariableRenames(String text, List<Rule> applied, Map<String, Rule> manual) {
    }

    /**
     * Renames the Portkey variable names inside {@code text} as their rules say, as {@link #rewriteUrls}
     * does for addresses: {@code "${PORTKEY_BASE_URL:...}"}, {@code process.env['PORTKEY_API_KEY']}.
     */
    public VariableRenames renameVariables(String text) {
        java.util.regex.Matcher m = PORTKEY_VARIABLE.matcher(text);
        StringBuilder out = new StringBuilder();
        List<Rule> applied = new ArrayList<>();
        Map<String, Rule> manual = new LinkedHashMap<>();
        while (m.find()) {
            Rule r = envVar(m.group()).orElse(null);
            if (r == null) {
                continue;
            }
            if (r.action() == Action.REPLACE_ENV) {
                m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(r.to()));
                applied.add(r);
            } else {
                manual.putIfAbsent(m.group(), r);
            }
        }
        if (applied.isEmpty()) {
            return new VariableRenames(text, List.of(), manual);
        }
        m.appendTail(out);
        return new VariableRenames(out.toString(), applied, manual);
    }

    /** The base-url rule whose prefix starts {@code url}, longest prefix first. */
    public Optional<Rule> baseUrl(String url) {
        return find(RuleKind.BASE_URL, url);
    }

    /**
     * Rewrites every Portkey gateway address inside {@code text}, keeping whatever path follows it.
     * Returns the text unchanged when it holds none.
     */
    public String rewriteUrls(String text) {
        StringBuilder out = null;
        int from = 0;
        int i = 0;
        while (i < text.length()) {
            int at = indexOfHttp(text, i);
            if (at < 0) {
                break;
            }
            Optional<Rule> rule = baseUrl(text.substring(at));
            if (rule.isPresent()) {
                Rule r = rule.get();
                int len = longestPrefix(r, text.substring(at));
                if (out == null) {
                    out = new StringBuilder(text.length() + 16);
                }
                out.append(text, from, at).append(r.to());
                from = at + len;
                i = from;
            } else {
                i = at + 4;
            }
        }
        if (out == null) {
            return text;
        }
        return out.append(text, from, text.length()).toString();
    }

    private static int indexOfHttp(String text, int from) {
        for (int i = from; i + 4 <= text.length(); i++) {
            if (text.regionMatches(true, i, "http", 0, 4)) {
                return i;
            }
        }
        return -1;
    }

    private static int longestPrefix(Rule r, String s) {
        int best = 0;
        for (String p : r.match()) {
            if (s.regionMatches(true, 0, p, 0, p.length())) {
                best = Math.max(best, p.length());
            }
        }
        return best;
    }
}
