package dev.migrateportkey.lang.other;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.report.SecretMasker;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.Prefilter;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Source files of languages the tool does not rewrite (Kotlin, Go, Ruby, C#, PHP, Rust, Swift,
 * Scala, ...): every line that names Portkey is a manual item, so {@code check} fails on them
 * instead of passing a repository whose Go service still calls the gateway. Nothing is edited: a
 * half-migrated request (the Concentrate URL with a Portkey key header) would fail where the
 * untouched one still works. Each item carries the note of the most specific rule for what the line
 * holds (gateway URL, {@code x-portkey-*} header, {@code PORTKEY_*} variable), so it says what the
 * line becomes. Comment lines are not reported, as in config files.
 */
public final class OtherLanguagesMigrator implements Migrator {
    /** A language: the name messages use, and how its comment lines start. */
    private record Language(String name, List<String> commentStarts) {
        static Language slashes(String name) {
            return new Language(name, List.of("//", "/*", "*"));
        }

        static Language hash(String name) {
            return new Language(name, List.of("#"));
        }

        boolean isComment(String line) {
            String t = line.stripLeading();
            return commentStarts.stream().anyMatch(t::startsWith);
        }
    }

    /** File endings and their languages. */
    private static final Map<String, Language> LANGUAGES = Map.ofEntries(
            Map.entry(".kt", Language.slashes("Kotlin")), Map.entry(".kts", Language.slashes("Kotlin")),
            Map.entry(".go", Language.slashes("Go")), Map.entry(".rb", Language.hash("Ruby")),
            Map.entry(".cs", Language.slashes("C#")), Map.entry(".php", new Language("PHP", List.of("//", "#", "/*", "*"))),
            Map.entry(".rs", Language.slashes("Rust")), Map.entry(".swift", Language.slashes("Swift")),
            Map.entry(".scala", Language.slashes("Scala")), Map.entry(".groovy", Language.slashes("Groovy")),
            Map.entry(".dart", Language.slashes("Dart")), Map.entry(".ex", Language.hash("Elixir")),
            Map.entry(".exs", Language.hash("Elixir")), Map.entry(".clj", new Language("Clojure", List.of(";"))),
            Map.entry(".lua", new Language("Lua", List.of("--"))), Map.entry(".pl", Language.hash("Perl")),
            Map.entry(".ps1", Language.hash("PowerShell")), Map.entry(".r", Language.hash("R")),
            Map.entry(".jl", Language.hash("Julia")), Map.entry(".c", Language.slashes("C")),
            Map.entry(".h", Language.slashes("C")), Map.entry(".cc", Language.slashes("C++")),
            Map.entry(".cpp", Language.slashes("C++")), Map.entry(".hpp", Language.slashes("C++")),
            Map.entry(".fs", Language.slashes("F#")), Map.entry(".vb", new Language("Visual Basic", List.of("'"))),
            Map.entry(".vue", new Language("Vue", List.of("//", "/*", "*", "<!--"))),
            Map.entry(".svelte", new Language("Svelte", List.of("//", "/*", "*", "<!--"))));

    static final String RULE = "source-other-language";
    private static final Pattern URL = Pattern.compile("https?://[^\\s\"'`<>)]*portkey[^\\s\"'`<>)]*", Pattern.CASE_INSENSITIVE);
    private static final Pattern HEADER = Pattern.compile("(?i)\\bx-portkey-[a-z0-9-]+");
    private static final Pattern VARIABLE = Pattern.compile("\\b[A-Z0-9_]*PORTKEY_[A-Z0-9_]+\\b");

    @Override
    public String language() {
        return "other";
    }

    @Override
    public boolean accepts(String fileName) {
        return languageOf(fileName) != null;
    }

    private static Language languageOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        return dot < 0 ? null : LANGUAGES.get(fileName.substring(dot).toLowerCase(Locale.ROOT));
    }

    @Override
    public void migrate(FileMigration work) {
        SourceText text = work.text();
        RuleTable rules = work.rules();
        Language language = languageOf(work.file().fileName());
        Rule fallback = rules.byId(RULE).orElse(null);
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            // A mention by the prefilter's own rule, so "importKey" is not one here either.
            int mention = Prefilter.indexOfMention(l);
            // Comments never count, as in config files: a note about the old gateway keeps no build red.
            if (mention < 0 || language.isComment(l)) {
                continue;
            }
            int lineStart = text.offset(line, 1);
            Site site = mostSpecific(l, rules)
                    .orElse(fallback == null ? null : new Site(mention, fallback, "Portkey named here"));
            if (site == null) {
                continue;
            }
            work.manual(lineStart + site.column(), site.rule(),
                    site.what() + " in " + language.name() + " code, which the tool does not rewrite (migrate it by hand)");
        }
    }

    private record Site(int column, Rule rule, String what) {
    }

    /** The gateway URL, then a Portkey header, then a Portkey variable on this line, with its rule. */
    private static Optional<Site> mostSpecific(String line, RuleTable rules) {
        Matcher m = URL.matcher(line);
        while (m.find()) {
            Optional<Rule> r = rules.baseUrl(m.group());
            if (r.isPresent()) {
                return Optional.of(new Site(m.start(), r.get(), "Portkey URL " + SecretMasker.mask(m.group())));
            }
        }
        m = HEADER.matcher(line);
        while (m.find()) {
            String name = m.group().toLowerCase(Locale.ROOT);
            Optional<Rule> r = rules.requestHeader(name);
            if (r.isPresent()) {
                return Optional.of(new Site(m.start(), r.get(), name + " header"));
            }
        }
        m = VARIABLE.matcher(line);
        while (m.find()) {
            Optional<Rule> r = rules.envVar(m.group());
            if (r.isPresent()) {
                return Optional.of(new Site(m.start(), r.get(), m.group() + " read here"));
            }
        }
        return Optional.empty();
    }
}
