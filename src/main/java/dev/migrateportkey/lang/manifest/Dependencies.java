package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.report.SecretMasker;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.BitSet;
import java.util.Locale;
import java.util.Optional;

/**
 * What the manifest editors share: the {@code dependency} rule for a package of an ecosystem,
 * removing a line whole, and the sweep that leaves every other line naming Portkey to a human.
 */
final class Dependencies {
    static final String MENTION_RULE = "config-portkey-mention";
    /** Prose about the project (its description, keywords, links) may name Portkey harmlessly. */
    private static final java.util.regex.Pattern DESCRIPTIVE = java.util.regex.Pattern.compile(
            "(?:<|[\"']?)(description|summary|keywords|homepage|repository|url|name|author|authors)\\b[\"']?[ \\t]*[=:>]",
            java.util.regex.Pattern.CASE_INSENSITIVE);

    private final FileMigration work;
    private final SourceText text;
    private final BitSet handled = new BitSet();
    /** Set when the manifest declares a package a {@code keep} rule names: another product called Portkey. */
    private boolean otherPortkey;

    Dependencies(FileMigration work) {
        this.work = work;
        this.text = work.text();
    }

    /** The removal rule for {@code ecosystem:name} (a Portkey SDK), names compared case-insensitively. */
    Optional<Rule> rule(String ecosystem, String name) {
        return work.rules().find(RuleKind.DEPENDENCY, ecosystem + ":" + name)
                .filter(r -> r.action() == Action.REMOVE_DEPENDENCY);
    }

    /**
     * The removal rule for a Maven {@code group:artifact}. A rule for the full coordinates decides
     * first: a {@code keep} rule names a same-named package of another product (the aelf Portkey
     * wallet's {@code io.aelf:portkey-java-sdk}), which is left alone, and so are the file's other
     * mentions of Portkey (they are that product's). Otherwise the artifact's own rule applies.
     */
    Optional<Rule> rule(String ecosystem, String group, String name) {
        if (group != null && !group.isBlank()) {
            Optional<Rule> full = work.rules().find(RuleKind.DEPENDENCY, ecosystem + ":" + group + ":" + name);
            if (full.isPresent() && full.get().action() == Action.KEEP) {
                otherPortkey = true;
                return Optional.empty();
            }
            if (full.isPresent() && full.get().action() == Action.REMOVE_DEPENDENCY) {
                return full;
            }
        }
        return rule(ecosystem, name);
    }

    /**
     * Reports an OpenAI SDK constraint the manifest already has when it cannot reach the minimum
     * version its {@code manual} rule names; {@code commentPrefix} (or null) for the TODO above.
     */
    void checkOpenAiVersion(String ecosystem, String constraint, int offset, String commentPrefix) {
        Rule r = work.rules().find(RuleKind.DEPENDENCY, ecosystem + ":openai")
                .filter(x -> x.action() == Action.MANUAL && x.to() != null).orElse(null);
        if (r == null || !OpenAiVersion.capsBelow(constraint, r.to())) {
            return;
        }
        String subject = "openai " + constraint.strip();
        if (commentPrefix != null) {
            work.manualWithTodo(offset, offset, r, subject, commentPrefix);
        } else {
            work.manual(offset, r, subject);
        }
        handled(offset);
    }

    /** The range of the whole line holding {@code offset}, separator included. */
    TextEdit deleteLine(int offset, String ruleId) {
        int start = text.lineStart(offset);
        int end = text.nextLineStart(offset);
        String t = text.text();
        if (end == t.length() && !t.endsWith("\n") && !t.endsWith("\r") && start > 0) {
            // The last line has no separator: take the one before it, so the file still ends without one.
            start--;
            if (start > 0 && t.charAt(start) == '\n' && t.charAt(start - 1) == '\r') {
                start--;
            }
        }
        return TextEdit.delete(start, end, ruleId);
    }

    void fix(int offset, Rule rule, String subject, TextEdit... edits) {
        work.fix(offset, rule, subject, edits);
        handled.set(text.line(offset));
    }

    void handled(int offset) {
        handled.set(text.line(offset));
    }

    /** PEP 503 normalisation: case and runs of {@code -_.} do not matter. */
    static String normalizePython(String name) {
        return name.toLowerCase(Locale.ROOT).replaceAll("[-_.]+", "-");
    }

    /** The name part of a requirement such as {@code openai>=1.66} or {@code openai@^4.87.0}. */
    static String requirementName(String requirement) {
        int i = 0;
        if (requirement.startsWith("@")) {
            i = 1;
        }
        while (i < requirement.length()) {
            char c = requirement.charAt(i);
            if (!(Character.isLetterOrDigit(c) || c == '-' || c == '_' || c == '.' || c == '/' || (c == '@' && i == 0))) {
                break;
            }
            i++;
        }
        return requirement.substring(0, i);
    }

    /**
     * Every line that is not a comment, that no rule dealt with, and that still names Portkey is
     * reported for a human; {@code commentPrefix} (or null) marks comment lines and the TODO above.
     */
    void sweep(String commentPrefix) {
        if (otherPortkey) {
            return;
        }
        Rule r = work.rules().byId(MENTION_RULE).orElse(null);
        String note = r != null ? r.note() : "this line still refers to Portkey: migrate or remove it by hand.";
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            String s = l.strip();
            if (handled.get(line) || !s.toLowerCase(Locale.ROOT).contains("portkey")
                    || (commentPrefix != null && s.startsWith(commentPrefix)) || s.startsWith("<!--")
                    || DESCRIPTIVE.matcher(s).lookingAt()) {
                continue;
            }
            int at = text.offset(line, 1) + (l.length() - l.stripLeading().length());
            String snippet = s.length() > 80 ? s.substring(0, 77) + "..." : s;
            work.manual(at, MENTION_RULE, "`" + SecretMasker.mask(snippet) + "`: " + note);
            if (commentPrefix != null) {
                work.todoAbove(at, commentPrefix, note, MENTION_RULE);
            }
        }
    }
}
