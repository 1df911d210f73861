package dev.migrateportkey.rules;

import java.util.List;
import java.util.Locale;

/**
 * One row of the migration table: what it matches, what happens to it, and the note a user reads.
 *
 * @param id      stable identifier, used in findings, suppressions and {@code --rules} overrides
 * @param kind    what {@code match} is compared against
 * @param match   patterns, case-insensitive; {@code *} matches any run of characters
 * @param action  what a migrator does with a match
 * @param to      the new name or URL, for renaming actions
 * @param param   the body parameter, for {@code to-body-param}
 * @param prefix  the Concentrate slug prefix, for {@code to-model-prefix}
 * @param header  for {@code sdk-param} rules: the Portkey header the parameter sets
 * @param note    what the user reads
 * @param guide   the section of the migration guide the rule comes from
 * @param origin  where the rule was defined ({@code file:line}), for messages
 */
public record Rule(String id, RuleKind kind, List<String> match, Action action, String to, String param,
                   String prefix, String header, String note, String guide, String origin) {

    public Rule {
        match = List.copyOf(match);
    }

    /** How specifically this rule matches {@code subject}: -1 for no match, higher is more specific. */
    public int specificity(String subject) {
        int best = -1;
        for (String pattern : match) {
            if (kind == RuleKind.BASE_URL) {
                if (subject.regionMatches(true, 0, pattern, 0, pattern.length())) {
                    best = Math.max(best, pattern.length() * 2);
                }
            } else if (Glob.matches(pattern, subject)) {
                int literal = pattern.replace("*", "").length();
                best = Math.max(best, pattern.contains("*") ? literal * 2 : literal * 2 + 1_000_000);
            }
        }
        return best;
    }

    /** The first pattern, for display. */
    public String primaryMatch() {
        return match.isEmpty() ? "" : match.get(0);
    }

    /** Case-insensitive glob matching with {@code *} only. */
    static final class Glob {
        private Glob() {
        }

        static boolean matches(String pattern, String subject) {
            String p = pattern.toLowerCase(Locale.ROOT);
            String s = subject.toLowerCase(Locale.ROOT);
            if (!p.contains("*")) {
                return p.equals(s);
            }
            String[] parts = p.split("\\*", -1);
            int pos = 0;
            for (int i = 0; i < parts.length; i++) {
                String part = parts[i];
                if (i == 0) {
                    if (!s.startsWith(part)) {
                        return false;
                    }
                    pos = part.length();
                } else if (i == parts.length - 1) {
                    return s.length() - part.length() >= pos && s.endsWith(part);
                } else {
                    int at = s.indexOf(part, pos);
                    if (at < 0) {
                        return false;
                    }
                    pos = at + part.length();
                }
            }
            return true;
        }
    }
}
