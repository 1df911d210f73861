package dev.migrateportkey.rules;

import java.util.List;
import java.util.Optional;

/**
 * Prefixes that bundlers require before a variable reaches browser code ({@code VITE_},
 * {@code NEXT_PUBLIC_}, ...). {@code VITE_PORTKEY_API_KEY} is the Portkey key under Vite's prefix: the
 * name behind the prefix follows its own rule and the prefix stays, in code and in {@code .env}
 * files alike, so both sides of a migration keep agreeing on the name. A prefix not listed here (an
 * app's own) falls to the catch-all {@code env-portkey-prefixed} rule, a manual item.
 */
public final class PublicEnvPrefixes {
    private static final List<String> PREFIXES = List.of("NEXT_PUBLIC_", "NUXT_PUBLIC_", "EXPO_PUBLIC_", "REACT_APP_",
            "VITE_", "GATSBY_", "PUBLIC_");

    private PublicEnvPrefixes() {
    }

    /**
     * A variable's rule, found through a bundler prefix when there is one.
     *
     * @param rule    the rule of the name behind the prefix, or of the whole name
     * @param prefix  the prefix kept in front of a renamed variable ("" when the whole name matched)
     */
    public record Lookup(Rule rule, String prefix) {
        /** The new name of a renamed variable: the prefix, then the rule's {@code to}. */
        public String renamedTo() {
            return prefix + rule.to();
        }
    }

    /** The rule for {@code name}: the name behind a bundler prefix first, then the whole name. */
    public static Optional<Lookup> lookup(RuleTable rules, String name) {
        String prefix = of(name);
        if (!prefix.isEmpty()) {
            Optional<Rule> behind = rules.envVar(name.substring(prefix.length()));
            if (behind.isPresent()) {
                return Optional.of(new Lookup(behind.get(), prefix));
            }
        }
        return rules.envVar(name).map(r -> new Lookup(r, ""));
    }

    /** The bundler prefix {@code name} starts with, or "" when none. */
    public static String of(String name) {
        for (String p : PREFIXES) {
            if (name.startsWith(p) && name.length() > p.length()) {
                return p;
            }
        }
        return "";
    }
}
