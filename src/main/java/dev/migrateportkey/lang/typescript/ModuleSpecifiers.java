package dev.migrateportkey.lang.typescript;

import java.util.List;

/**
 * Module specifiers as Deno and browser ES modules write them: {@code npm:portkey-ai@1.4},
 * {@code https://esm.sh/portkey-ai@1}, {@code https://cdn.jsdelivr.net/npm/portkey-ai}. The package
 * they name is what the rule table knows ({@code portkey-ai}); the module the tool writes in their
 * place keeps their style ({@code npm:openai}, {@code https://esm.sh/openai}), since a bare
 * {@code openai} does not resolve in Deno or in a browser without an import map.
 */
final class ModuleSpecifiers {
    /** Prefixes that put an npm package behind a registry scheme or a CDN, longest first where they overlap. */
    private static final List<String> PREFIXES = List.of("npm:", "https://esm.sh/", "https://cdn.jsdelivr.net/npm/",
            "https://unpkg.com/", "https://cdn.skypack.dev/", "https://esm.run/");

    private ModuleSpecifiers() {
    }

    /** The npm package a specifier names, without its scheme, CDN, version or sub-path; the specifier itself otherwise. */
    static String packageName(String spec) {
        String prefix = prefixOf(spec);
        if (prefix.isEmpty()) {
            return spec;
        }
        String rest = spec.substring(prefix.length());
        int slash = rest.indexOf('/', rest.startsWith("@") ? rest.indexOf('/') + 1 : 0);
        String name = slash < 0 ? rest : rest.substring(0, slash);
        int version = name.indexOf('@', 1);
        return version < 0 ? name : name.substring(0, version);
    }

    /** {@code target} written the way {@code like} names its package ({@code npm:openai} for {@code npm:portkey-ai@1}). */
    static String sameStyle(String like, String target) {
        return like == null ? target : prefixOf(like) + target;
    }

    private static String prefixOf(String spec) {
        for (String p : PREFIXES) {
            if (spec.startsWith(p) && spec.length() > p.length()) {
                return p;
            }
        }
        return "";
    }
}
