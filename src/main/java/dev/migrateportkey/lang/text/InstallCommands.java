package dev.migrateportkey.lang.text;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Package-manager commands in scripts, Dockerfiles and CI steps ({@code pip install portkey-ai},
 * {@code RUN npm install portkey-ai}, {@code uv add portkey-ai}): the Portkey SDK argument follows
 * the same {@code dependency} rule as a manifest entry, so it becomes the OpenAI SDK requirement
 * (quoted for the shell when it holds a comparison such as {@code >=}), or goes when the same
 * command already installs {@code openai}. A line that other edits already touch is left to the
 * leftover sweep rather than risk overlapping edits.
 */
final class InstallCommands {
    /** The command and what follows it on the line; group 1 is the tool, group 2 the arguments. */
    private static final Pattern COMMAND = Pattern.compile(
            "\\b(pip3?|uv\\s+pip|uv|poetry|pipenv|pdm|npm|pnpm|yarn|bun)\\s+(?:install|add|i)\\b([^;&|#\\n\\r]*)");
    private static final Pattern ARG = Pattern.compile("([\"']?)([^\\s\"']+)\\1");

    private final FileMigration work;
    private final SourceText text;
    private final ScannedFile scan;
    private final BitSet handledLines;

    InstallCommands(FileMigration work, ScannedFile scan, BitSet handledLines) {
        this.work = work;
        this.text = work.text();
        this.scan = scan;
        this.handledLines = handledLines;
    }

    void run() {
        List<TextEdit> existing = work.edits();
        for (int line = 1; line <= text.lineCount(); line++) {
            if (handledLines.get(line) || scan.commentLines().get(line)) {
                continue;
            }
            String l = text.lineText(line);
            if (!l.toLowerCase(Locale.ROOT).contains("portkey")) {
                continue;
            }
            int ls = text.offset(line, 1);
            int le = ls + l.length();
            if (existing.stream().anyMatch(e -> e.start() < le && e.end() > ls || e.start() == ls && !e.isInsertion())) {
                continue;
            }
            Matcher c = COMMAND.matcher(l);
            while (c.find()) {
                command(line, ls, l, c);
            }
        }
    }

    private void command(int line, int ls, String l, Matcher c) {
        String tool = c.group(1).toLowerCase(Locale.ROOT);
        String ecosystem = tool.matches("npm|pnpm|yarn|bun") ? "npm" : "pypi";
        String args = c.group(2);
        int argsStart = c.start(2);
        boolean openaiPresent = false;
        Matcher a = ARG.matcher(args);
        while (a.find()) {
            if (name(a.group(2), ecosystem).equals("openai")) {
                openaiPresent = true;
            }
        }
        a = ARG.matcher(args);
        while (a.find()) {
            String token = a.group(2);
            if (token.startsWith("-")) {
                continue;
            }
            String name = name(token, ecosystem);
            Rule r = work.rules().find(RuleKind.DEPENDENCY, ecosystem + ":" + name)
                    .filter(x -> x.action() == Action.REMOVE_DEPENDENCY).orElse(null);
            if (r == null || r.to() == null) {
                continue;
            }
            int start = ls + argsStart + a.start();
            int end = ls + argsStart + a.end();
            if (openaiPresent) {
                // The command installs openai already: the Portkey argument goes with the blank before it.
                int from = start;
                while (from > ls && (l.charAt(from - ls - 1) == ' ' || l.charAt(from - ls - 1) == '\t')) {
                    from--;
                }
                work.fix(start, r, name + " removed from the install command (it installs openai already)",
                        TextEdit.delete(from, end, r.id()));
            } else {
                String to = r.to();
                String quote = a.group(1);
                if (quote.isEmpty() && to.matches(".*[<>=!~*^ ].*")) {
                    // Inside a single-quoted scalar (YAML run: '...'), a single quote would end it.
                    String before = l.substring(0, start - ls);
                    boolean inSingle = before.chars().filter(ch -> ch == '\'').count() % 2 == 1;
                    boolean inDouble = before.chars().filter(ch -> ch == '"').count() % 2 == 1;
                    if (inSingle && inDouble) {
                        continue;
                    }
                    quote = inSingle ? "\"" : "'";
                }
                work.fix(start, r, name + " replaced by " + to + " in the install command",
                        TextEdit.replace(start, end, quote + to + quote, r.id()));
            }
            handledLines.set(line);
        }
    }

    /** The package name of an install argument: no version, extras, or npm tag. */
    private static String name(String token, String ecosystem) {
        if (ecosystem.equals("npm")) {
            int at = token.indexOf('@', 1);
            return (at > 0 ? token.substring(0, at) : token).toLowerCase(Locale.ROOT);
        }
        int end = 0;
        while (end < token.length() && (Character.isLetterOrDigit(token.charAt(end)) || "-_.".indexOf(token.charAt(end)) >= 0)) {
            end++;
        }
        return token.substring(0, end).toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }
}
