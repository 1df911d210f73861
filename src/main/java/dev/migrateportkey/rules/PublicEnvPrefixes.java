package dev.migrateportkey.rules;

import java.util.List;

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
