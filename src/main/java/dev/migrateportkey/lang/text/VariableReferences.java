package dev.migrateportkey.lang.text;

import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

/**
 * Renames references to environment variables inside a value, as the {@code replace-env} rules
 * say: {@code ${PORTKEY_API_KEY}}, {@code $PORTKEY_API_KEY}, {@code ${{ secrets.PORTKEY_API_KEY }}}
 * all name the variable as a whole identifier, whatever surrounds it.
 */
public final class VariableReferences {
    private final RuleTable rules;

    public VariableReferences(RuleTable rules) {
        this.rules = rules;
    }

    /** References to renamed variables ({@code ${PORTKEY_API_KEY}}, {@code $PORTKEY_API_KEY}, {@code secrets.PORTKEY_API_KEY}) point at the new name. */
    public String rename(String v) {
        String out = v;
        for (Rule r : rules.ofKind(RuleKind.ENV_VAR)) {
            if (r.action() != Action.REPLACE_ENV) {
                continue;
            }
            for (String m : r.match()) {
                if (!m.contains("*")) {
                    out = replaceToken(out, m, r.to());
                }
            }
        }
        return out;
    }

    Rule firstRenamedRule(String v) {
        for (Rule r : rules.ofKind(RuleKind.ENV_VAR)) {
            if (r.action() == Action.REPLACE_ENV && r.match().stream().anyMatch(m -> !m.contains("*")
                    && !replaceToken(v, m, r.to()).equals(v))) {
                return r;
            }
        }
        return null;
    }

    /** In a secret lookup, variable names are renamed and Portkey in a secret's name or key becomes Concentrate. */
    String renameInLookup(String v) {
        String out = rename(v);
        return out.replace("PORTKEY", "CONCENTRATE").replace("Portkey", "Concentrate").replace("portkey", "concentrate");
    }

    /** Replaces {@code name} where it stands as a whole identifier. */
    static String replaceToken(String s, String name, String to) {
        StringBuilder out = null;
        int from = 0;
        int i = s.indexOf(name);
        while (i >= 0) {
            int end = i + name.length();
            boolean before = i > 0 && isIdent(s.charAt(i - 1));
            boolean after = end < s.length() && isIdent(s.charAt(end));
            if (!before && !after) {
                if (out == null) {
                    out = new StringBuilder();
                }
                out.append(s, from, i).append(to);
                from = end;
            }
            i = s.indexOf(name, end);
        }
        return out == null ? s : out.append(s, from, s.length()).toString();
    }

    private static boolean isIdent(char c) {
        return Character.isLetterOrDigit(c) || c == '_';
    }

    /** An environment variable name as shells and CI write them: upper case, digits, underscores. */
    public static boolean isEnvName(String name) {
        if (name.isEmpty() || !(Character.isLetter(name.charAt(0)) || name.charAt(0) == '_')) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_')) {
                return false;
            }
        }
        return true;
    }

}
