package dev.migrateportkey.config;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Decomposes a Portkey Config into Concentrate body params (guide, Step 4), driven by the
 * {@code config-key} rules: each key of the Config is looked up by its path ({@code retry},
 * {@code cache.mode=semantic}, {@code targets[].custom_host}, ...) and the rule's action says
 * whether it is dropped, needs a human, moves into the body or into the client's timeout.
 *
 * <p>Language-neutral: the input is a JSON-shaped map (maps, lists, strings, numbers, booleans),
 * whatever the code held it as (a JSON string, a file, a Python dict, a TypeScript object).
 */
public final class ConfigDecomposer {
    /** The sort Concentrate applies to model "auto" when none is given (guide: "performance (default)"). */
    static final String DEFAULT_SORT = "performance";
    private static final String TARGETS = "targets";
    private static final String STRATEGY = "strategy";
    private static final String TARGET_PATH = "targets[].";

    private final RuleTable rules;
    private final ProviderResolver providers;
    private final ModelSlugs slugs;

    public ConfigDecomposer(RuleTable rules, ProviderResolver providers, ModelSlugs slugs) {
        this.rules = rules;
        this.providers = providers;
        this.slugs = slugs;
    }

    public ConfigDecomposer(RuleTable rules, MigrationOptions options) {
        this(rules, new ProviderResolver(rules, options.virtualKeys()),
                new ModelSlugs(rules, new ProviderResolver(rules, options.virtualKeys()), options.pinProvider()));
    }

    public Decomposition decompose(Map<String, ?> config) {
        return new Run().top(config);
    }

    /** The same, for a Config another migrator holds as a JSON tree (a Python dict, a TypeScript object). */
    public Decomposition decompose(com.fasterxml.jackson.databind.JsonNode config) {
        return decompose(ConfigText.fromTree(config));
    }

    /** One target after inheritance: the provider, model and params a request to it would carry. */
    private record Leaf(ProviderPin pin, String model, Map<String, Object> params, Object weight) {
    }

    /** The state of one decomposition. */
    private final class Run {
        private final Map<String, Object> body = new LinkedHashMap<>();
        private final Set<String> dropped = new LinkedHashSet<>();
        private final Set<String> manual = new LinkedHashSet<>();
        private final Set<String> guesses = new LinkedHashSet<>();
        private final Set<Decomposition.SlugUse> slugUses = new LinkedHashSet<>();
        private Long timeout;
        private ProviderPin primaryProvider;

        Decomposition top(Map<String, ?> config) {
            List<Leaf> leaves = node(config, "", new Leaf(null, null, new LinkedHashMap<>(), null), 0);
            String mode = config.get(TARGETS) instanceof List<?> ? mode(config) : null;
            Map<String, Object> out = new LinkedHashMap<>();
            boolean routable = mode == null
                    || rules.configKey("strategy.mode=" + mode).filter(r -> r.action() == Action.TO_ROUTING).isPresent();
            if (!routable) {
                // A strategy a human must redo (conditional): no routing is guessed for it.
                out.clear();
            } else if ("loadbalance".equals(mode)) {
                loadbalance(leaves, out);
            } else if (!leaves.isEmpty()) {
                fallback(leaves, out);
            }
            out.putAll(body);
            if (!routable) {
                slugUses.clear();
            }
            return new Decomposition(out, List.copyOf(dropped), List.copyOf(manual), timeout, primaryProvider,
                    List.copyOf(guesses), List.copyOf(slugUses));
        }

        /** Walks one Config object (the top or a target); returns its leaf targets in order. */
        private List<Leaf> node(Map<String, ?> node, String path, Leaf inherited, int depth) {
            ProviderPin pin = inherited.pin();
            String model = inherited.model();
            Object weight = null;
            Map<String, Object> params = new LinkedHashMap<>(inherited.params());
            for (Map.Entry<String, ?> e : node.entrySet()) {
                String key = e.getKey();
                Object value = e.getValue();
                switch (key) {
                    case STRATEGY, TARGETS -> {
                    }
                    case "provider", "virtual_key" -> {
                        Optional<Rule> rule = rule(path, key);
                        ProviderPin p = provider(path + key, value);
                        if (p != null) {
                            pin = p;
                        }
                        rule.filter(r -> r.action() == Action.DROP).ifPresent(r -> dropped.add(path + key + ": " + r.note()));
                    }
                    case "override_params" -> {
                        if (value instanceof Map<?, ?> m) {
                            for (Map.Entry<?, ?> p : m.entrySet()) {
                                if ("model".equals(p.getKey()) && p.getValue() instanceof String s) {
                                    model = s;
                                } else {
                                    params.put(String.valueOf(p.getKey()), p.getValue());
                                }
                            }
                        } else {
                            manual.add(path + key + ": expected an object of body params, found " + describe(value));
                        }
                    }
                    case "weight" -> {
                        weight = value;
                        generic(path, key, value);
                    }
                    case "cache" -> cache(path, value);
                    default -> generic(path, key, value);
                }
            }
            if (!(node.get(TARGETS) instanceof List<?> targets)) {
                if (node.containsKey(TARGETS)) {
                    manual.add(path + "targets: expected a list of targets, found " + describe(node.get(TARGETS)));
                }
                return List.of(new Leaf(pin, model, params, weight));
            }
            String mode = mode(node);
            strategyKeys(node, path);
            Leaf here = new Leaf(pin, model, params, weight);
            List<Leaf> leaves = new ArrayList<>();
            for (Object t : targets) {
                if (t instanceof Map<?, ?> target) {
                    @SuppressWarnings("unchecked")
                    Map<String, ?> tm = (Map<String, ?>) target;
                    leaves.addAll(node(tm, TARGET_PATH, here, depth + 1));
                } else {
                    manual.add(TARGET_PATH.substring(0, TARGET_PATH.length() - 1) + ": expected an object, found " + describe(t));
                }
            }
            String label = (depth == 0 ? "" : "nested ") + "strategy.mode=" + mode;
            Optional<Rule> rule = mode == null ? Optional.empty() : rules.configKey("strategy.mode=" + mode);
            if (mode == null) {
                manual.add(path + "targets: a list of targets without strategy.mode; say which strategy it was by hand");
            } else if (rule.isEmpty() || rule.get().action() != Action.TO_ROUTING) {
                manual.add(label + ": " + rule.map(Rule::note).orElse("unknown strategy"));
            } else if ("loadbalance".equals(mode) && depth > 0) {
                dropped.add(label + ": a load-balanced group inside another strategy; its targets are tried in order"
                        + " (" + rule.get().note() + ")");
            }
            return leaves;
        }

        private void strategyKeys(Map<String, ?> node, String path) {
            if (!(node.get(STRATEGY) instanceof Map<?, ?> strategy)) {
                return;
            }
            for (Map.Entry<?, ?> e : strategy.entrySet()) {
                String k = String.valueOf(e.getKey());
                // mode is the strategy itself; conditions and default belong to the conditional mode.
                if (!k.equals("mode") && !(("conditions".equals(k) || "default".equals(k)) && "conditional".equals(mode(node)))) {
                    generic(path, STRATEGY + "." + k, e.getValue());
                }
            }
        }

        private void fallback(List<Leaf> leaves, Map<String, Object> out) {
            Leaf primary = leaves.get(0);
            Set<String> models = new LinkedHashSet<>();
            Set<String> prefixes = new LinkedHashSet<>();
            boolean anyWithoutModel = false;
            for (Leaf l : leaves) {
                models.add(String.valueOf(l.model()));
                anyWithoutModel |= l.model() == null;
                if (l.pin() != null) {
                    prefixes.add(l.pin().prefix());
                }
            }
            ModelSlugs.Slug first = slugs.slug(primary.model(), primary.pin());
            for (Leaf l : leaves) {
                if (l.model() != null) {
                    slugUses.add(new Decomposition.SlugUse(l.model(), slugs.of(l.model(), l.pin())));
                }
            }
            if (primary.model() != null) {
                out.put("model", first.slug());
            } else if (primary.pin() != null) {
                primaryProvider = primary.pin();
            }
            if (leaves.size() > 1 && models.size() == 1 && prefixes.size() > 1) {
                // Same model everywhere, only the host changes: provider fallbacks.
                List<String> rest = new ArrayList<>();
                for (Leaf l : leaves.subList(1, leaves.size())) {
                    if (l.pin() != null && !rest.contains(l.pin().prefix())
                            && !(first.pin() != null && first.pin().prefix().equals(l.pin().prefix()))) {
                        rest.add(l.pin().prefix());
                    }
                }
                if (first.pin() == null && primary.pin() != null && primary.model() != null) {
                    rest.add(0, primary.pin().prefix());
                }
                routing(out, "provider", "fallbacks", rest);
            } else if (leaves.size() > 1) {
                if (anyWithoutModel) {
                    manual.add("targets[]: a fallback target names no override_params.model, so its slug cannot be"
                            + " built; add the model to each target or write routing.model.fallbacks by hand");
                }
                List<String> rest = new ArrayList<>();
                for (Leaf l : leaves.subList(1, leaves.size())) {
                    String s = slugs.of(l.model(), l.pin());
                    if (s != null && !s.equals(first.slug()) && !rest.contains(s)) {
                        rest.add(s);
                    }
                }
                if (!rest.isEmpty()) {
                    routing(out, "model", "fallbacks", rest);
                }
            }
            body.putAll(primary.params());
            for (int i = 1; i < leaves.size(); i++) {
                for (Map.Entry<String, Object> p : leaves.get(i).params().entrySet()) {
                    if (!Objects.equals(primary.params().get(p.getKey()), p.getValue())) {
                        dropped.add("targets[].override_params." + p.getKey() + ": a fallback target's own params cannot"
                                + " be expressed; only the first target's are sent");
                    }
                }
            }
        }

        private void loadbalance(List<Leaf> leaves, Map<String, Object> out) {
            out.put("model", "auto");
            slugUses.add(new Decomposition.SlugUse("auto", "auto"));
            routing(out, "model", "sort", DEFAULT_SORT);
            List<String> was = new ArrayList<>();
            for (Leaf l : leaves) {
                String s = slugs.of(l.model(), l.pin());
                String who = s != null ? s : l.pin() != null ? l.pin().prefix() : "the request's model";
                was.add(l.weight() == null ? who : who + " (weight " + l.weight() + ")");
            }
            Rule r = rules.configKey("strategy.mode=loadbalance").orElseThrow();
            dropped.add("strategy.mode=loadbalance: " + r.note() + " The targets were: " + String.join(", ", was)
                    + "; routing.model.sort is " + DEFAULT_SORT + " (Concentrate's default; cost and latency are the others).");
            // Params every target shares can still be sent; the others cannot be told apart.
            Map<String, Object> common = new LinkedHashMap<>(leaves.get(0).params());
            for (Leaf l : leaves) {
                common.entrySet().removeIf(e -> !Objects.equals(l.params().get(e.getKey()), e.getValue()));
                for (String k : l.params().keySet()) {
                    if (!common.containsKey(k)) {
                        dropped.add("targets[].override_params." + k + ": differs between load-balanced targets and cannot be expressed");
                    }
                }
            }
            body.putAll(common);
        }

        @SuppressWarnings("unchecked")
        private void routing(Map<String, Object> out, String group, String key, Object value) {
            Map<String, Object> routing = (Map<String, Object>) out.computeIfAbsent("routing", k -> new LinkedHashMap<>());
            Map<String, Object> g = (Map<String, Object>) routing.computeIfAbsent(group, k -> new LinkedHashMap<>());
            g.put(key, value);
        }

        private ProviderPin provider(String label, Object value) {
            if (!(value instanceof String name)) {
                manual.add(label + ": expected a provider name, found " + describe(value));
                return null;
            }
            Optional<ProviderPin> pin = providers.resolve(name);
            if (pin.isEmpty()) {
                manual.add(label + ": '" + name + "' names no provider the tool knows; pass --virtual-key " + name
                        + "=PROVIDER (e.g. bedrock) or add a provider rule");
                return null;
            }
            if (pin.get().guessed()) {
                guesses.add(label + " '" + name + "' taken for " + pin.get().prefix() + " from its name (a guess: confirm with --virtual-key "
                        + name + "=PROVIDER)");
            }
            return pin.get();
        }

        private void cache(String path, Object value) {
            if (!(value instanceof Map<?, ?> cache)) {
                generic(path, "cache", value);
                return;
            }
            for (Map.Entry<?, ?> e : cache.entrySet()) {
                String k = String.valueOf(e.getKey());
                if (k.equals("mode")) {
                    String key = "cache.mode=" + e.getValue();
                    Optional<Rule> r = rule(path, key);
                    apply(path + key, r, e.getValue());
                } else {
                    generic(path, "cache." + k, e.getValue());
                }
            }
        }

        private void generic(String path, String key, Object value) {
            apply(path + key, rule(path, key), value);
        }

        /** Carries out a config-key rule's action on one setting. */
        private void apply(String label, Optional<Rule> rule, Object value) {
            if (rule.isEmpty()) {
                manual.add(label + ": a Config setting the tool does not know");
                return;
            }
            Rule r = rule.get();
            switch (r.action()) {
                case DROP -> dropped.add(label + ": " + r.note());
                case TO_BODY_PARAM -> {
                    if (r.param() != null) {
                        body.put(r.param(), value);
                    } else if (value instanceof Map<?, ?> m) {
                        m.forEach((k, v) -> body.put(String.valueOf(k), v));
                    } else {
                        manual.add(label + ": expected an object of body params, found " + describe(value));
                    }
                }
                case TO_CLIENT_TIMEOUT -> {
                    if (value instanceof Number n) {
                        timeout = n.longValue();
                    } else {
                        manual.add(label + ": expected milliseconds, found " + describe(value) + "; " + r.note());
                    }
                }
                case KEEP, CHECKLIST -> {
                }
                default -> manual.add(label + ": " + r.note());
            }
        }

        /** The rule for {@code key} where it sits; inside a target the target-specific rule wins over the general one. */
        private Optional<Rule> rule(String path, String key) {
            Optional<Rule> specific = rules.configKey(path + key);
            if (path.isEmpty()) {
                return specific;
            }
            Optional<Rule> general = rules.configKey(key);
            if (specific.isEmpty()) {
                return general;
            }
            if (general.isEmpty()) {
                return specific;
            }
            return specific.get().specificity(path + key) >= general.get().specificity(key) ? specific : general;
        }

        private static String mode(Map<String, ?> node) {
            if (node.get(STRATEGY) instanceof Map<?, ?> s && s.get("mode") instanceof String m) {
                return m.toLowerCase(Locale.ROOT);
            }
            return null;
        }

        private static String describe(Object value) {
            return value == null ? "null" : value instanceof String s ? "'" + s + "'" : ConfigText.toJson(value);
        }
    }
}
