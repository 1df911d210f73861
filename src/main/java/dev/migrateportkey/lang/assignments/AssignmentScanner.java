package dev.migrateportkey.lang.assignments;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.text.ScannedFile;
import dev.migrateportkey.lang.text.Setting;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads files made of one-line {@code NAME = value} assignments into {@link Setting}s for the shared
 * {@code SettingsRewriter}: TOML deployment files ({@code wrangler.toml} {@code [vars]},
 * {@code fly.toml} {@code [env]}, {@code netlify.toml} {@code [build.environment]}), a Jenkinsfile's
 * {@code environment { NAME = 'value' }} block, and Makefile variables ({@code export NAME := value},
 * {@code NAME ?= value}). A quoted value's range is inside its quotes; an expression
 * ({@code credentials('id')}, a number, an inline table) is no value the rules rewrite, but its name
 * still is. Multi-line strings are opaque (nothing is inserted in them). Other lines that mention
 * Portkey (a Jenkins {@code sh} step, a Make recipe) are offered whole, so their URLs, variable
 * references and curl header arguments follow the rules too.
 */
final class AssignmentScanner {
    /** The three line grammars: they differ in comment marker, operators and quoting. */
    enum Syntax {
        TOML("#"), JENKINSFILE("//"), MAKE("#");

        final String comment;

        Syntax(String comment) {
            this.comment = comment;
        }
    }

    private static final Pattern TABLE = Pattern.compile("^[ \\t]*\\[\\[?[ \\t]*([^\\]]+?)[ \\t]*\\]\\]?[ \\t]*(#.*)?$");
    private static final Pattern TOML_KEY = Pattern.compile(
            "^([ \\t]*)(?:([A-Za-z0-9_-]+)|\"([^\"]+)\"|'([^']+)')[ \\t]*=(?!=)[ \\t]*");
    private static final Pattern GROOVY_KEY = Pattern.compile("^([ \\t]*)([A-Za-z_][A-Za-z0-9_]*)[ \\t]*=(?!=)[ \\t]*");
    private static final Pattern MAKE_KEY = Pattern.compile(
            "^([ \\t]*)(?:(?:export|override)[ \\t]+)*([A-Za-z_][A-Za-z0-9_]*)[ \\t]*(?::{1,3}=|\\?=|\\+=|!=|=)[ \\t]*");

    private final SourceText text;
    private final Syntax syntax;
    private final List<Setting> settings = new ArrayList<>();
    private final BitSet comments = new BitSet();
    private final BitSet opaque = new BitSet();

    private AssignmentScanner(SourceText text, Syntax syntax) {
        this.text = text;
        this.syntax = syntax;
    }

    static ScannedFile scan(SourceText text, Syntax syntax) {
        AssignmentScanner s = new AssignmentScanner(text, syntax);
        s.run();
        return new ScannedFile(s.settings, s.comments, s.opaque);
    }

    private void run() {
        String table = "";
        String closing = null;
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            int start = text.offset(line, 1);
            if (closing != null) {
                // Inside a multi-line string: a line inserted here would become part of the value.
                opaque.set(line);
                if (l.contains(closing)) {
                    closing = null;
                }
                continue;
            }
            String t = l.strip();
            if (t.startsWith(syntax.comment)) {
                comments.set(line);
                continue;
            }
            if (t.isEmpty()) {
                continue;
            }
            if (syntax == Syntax.TOML) {
                Matcher tm = TABLE.matcher(l);
                if (tm.matches()) {
                    table = tm.group(1).replace("\"", "").replace("'", "").replace(" ", "") + ".";
                    continue;
                }
            }
            if (syntax == Syntax.MAKE && l.startsWith("\t")) {
                offerLine(l, start); // a recipe line: shell
                continue;
            }
            Matcher m = (syntax == Syntax.TOML ? TOML_KEY : syntax == Syntax.MAKE ? MAKE_KEY : GROOVY_KEY).matcher(l);
            if (!m.find()) {
                offerLine(l, start);
                continue;
            }
            int group = m.group(2) != null ? 2 : m.groupCount() >= 3 && m.group(3) != null ? 3 : 4;
            String name = m.group(group);
            int keyStart = start + m.start(group);
            int keyEnd = start + m.end(group);
            String rest = l.substring(m.end());
            String multi = multiLineOpening(rest);
            if (multi != null) {
                closing = multi;
                settings.add(Setting.of(table + name, keyStart, keyEnd, -1, -1, -1, -1, 0));
                continue;
            }
            int[] v = value(rest);
            int entry = start;
            int entryEnd = text.nextLineStart(start);
            if (v == null) {
                // An expression (credentials('id'), 8080, {...}): the name follows its rule, the value is code.
                boolean ownsLine = !rest.contains("{") || rest.strip().endsWith("}");
                settings.add(Setting.of(table + name, keyStart, keyEnd, -1, -1, ownsLine ? entry : -1,
                        ownsLine ? entryEnd : -1, m.group(1).length()));
                continue;
            }
            settings.add(Setting.of(table + name, keyStart, keyEnd, start + m.end() + v[0], start + m.end() + v[1],
                    entry, entryEnd, m.group(1).length()));
        }
    }

    /** The closing delimiter when the value opens a multi-line string ({@code """}, {@code '''}) not closed on its line. */
    private String multiLineOpening(String rest) {
        for (String q : new String[] {"\"\"\"", "'''"}) {
            if (syntax != Syntax.MAKE && rest.startsWith(q) && rest.indexOf(q, 3) < 0) {
                return q;
            }
        }
        return null;
    }

    /**
     * The value range within the text after the operator: inside the quotes of a one-line string;
     * for Make, the rest of the line up to a comment; null for an expression or anything followed by
     * more than a comment.
     */
    private int[] value(String rest) {
        if (syntax == Syntax.MAKE) {
            int hash = rest.indexOf('#');
            String v = (hash >= 0 ? rest.substring(0, hash) : rest).stripTrailing();
            return v.isEmpty() || v.endsWith("\\") ? null : new int[] {0, v.length()};
        }
        if (rest.isEmpty() || (rest.charAt(0) != '"' && rest.charAt(0) != '\'')) {
            return null;
        }
        char q = rest.charAt(0);
        for (int i = 1; i < rest.length(); i++) {
            char c = rest.charAt(i);
            if (c == '\\' && q == '"') {
                i++;
            } else if (c == q) {
                String after = rest.substring(i + 1).strip();
                boolean clean = after.isEmpty() || after.startsWith(syntax.comment) || after.equals(",");
                return clean ? new int[] {1, i} : null;
            }
        }
        return null;
    }

    private void offerLine(String l, int start) {
        if (syntax == Syntax.TOML || !l.toLowerCase(Locale.ROOT).contains("portkey")) {
            return;
        }
        int s = 0;
        while (s < l.length() && (l.charAt(s) == ' ' || l.charAt(s) == '\t')) {
            s++;
        }
        settings.add(Setting.of("", -1, -1, start + s, start + l.length(), -1, -1, 0));
    }
}
