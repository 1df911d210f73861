package dev.migrateportkey.lang.text;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.report.SecretMasker;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The last pass over a config file: a code line that still names Portkey once the recorded edits
 * are applied, and that no finding covers, is a manual item ({@code config-portkey-mention}) with a
 * TODO above it where one may go. Comments never count, so the tool's own TODOs and commented-out
 * lines do not keep {@code check} failing.
 */
final class LeftoverSweep {
    static final String MENTION_RULE = "config-portkey-mention";
    /** An {@code x-portkey-*} header name on a line. */
    private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile("(?i)x-portkey-[a-z0-9-]+");
    /** A line that deploys the gateway itself gets this rule's note, which says what to retire. */
    static final String GATEWAY_RULE = "config-self-hosted-gateway";

    private final FileMigration work;
    private final SourceText text;
    private final ScannedFile scan;
    private final String commentPrefix;
    private final boolean trailingComments;
    private final BitSet handledLines;
    private final List<TextEdit> removals;

    LeftoverSweep(FileMigration work, ScannedFile scan, String commentPrefix, boolean trailingComments,
                  BitSet handledLines, List<TextEdit> removals) {
        this.work = work;
        this.text = work.text();
        this.scan = scan;
        this.commentPrefix = commentPrefix;
        this.trailingComments = trailingComments;
        this.handledLines = handledLines;
        this.removals = removals;
    }

    /** Every code line that still names Portkey and that no rule dealt with is left to a human. */
    void run() {
        Rule mention = work.rules().byId(MENTION_RULE).orElse(null);
        Rule gateway = work.rules().byId(GATEWAY_RULE).orElse(null);
        Rule chart = work.rules().byId(ChartValues.RULE).orElse(null);
        for (int line = 1; line <= text.lineCount(); line++) {
            if (handledLines.get(line) || scan.commentLines().get(line)) {
                continue;
            }
            String l = text.lineText(line);
            if (!codePart(l).toLowerCase(Locale.ROOT).contains("portkey") || !stillMentionsPortkey(line)) {
                continue;
            }
            int start = text.offset(line, 1) + (l.length() - l.stripLeading().length());
            String snippet = l.strip();
            if (snippet.length() > 80) {
                snippet = snippet.substring(0, 77) + "...";
            }
            Rule r = gateway != null && gateway.specificity(codePart(l).strip()) >= 0 ? gateway : mention;
            String note = r != null ? r.note() : "this line still refers to Portkey: migrate or remove it by hand.";
            java.util.regex.Matcher header = HEADER.matcher(codePart(l));
            Rule headerRule = header.find() ? work.rules().requestHeader(header.group()).orElse(null) : null;
            if (headerRule != null && r == mention) {
                // A header the scanner could not edit here (inside a command or a flow map): its own
                // rule says what it becomes, which the generic "no rule" note would not.
                r = headerRule;
                note = "the " + header.group() + " header here needs a hand edit: " + headerRule.note();
            }
            String chartValue = ChartValues.read(codePart(l));
            if (chartValue != null && chart != null) {
                r = chart;
                note = ChartValues.readMessage(work.rules(), chartValue);
            }
            work.manual(start, r != null ? r.id() : MENTION_RULE, "`" + SecretMasker.mask(snippet) + "`: " + note);
            if (commentPrefix != null && !scan.opaqueLines().get(line)) {
                work.todoAbove(start, commentPrefix, note, r != null ? r.id() : MENTION_RULE);
            }
        }
    }

    /**
     * Whether the line, as the recorded edits leave it, still names Portkey outside a comment: a
     * removed or commented-out line does not, nor does one whose values were all rewritten.
     */
    private boolean stillMentionsPortkey(int line) {
        int ls = text.offset(line, 1);
        int le = ls + text.lineText(line).length();
        List<TextEdit> inside = new ArrayList<>();
        List<TextEdit> all = new ArrayList<>(work.edits());
        all.addAll(removals);
        for (TextEdit e : all) {
            if (!e.isInsertion() && e.start() <= ls && e.end() >= le && e.end() > e.start() && (e.end() > le || e.start() < ls)) {
                return false;
            }
            boolean lineAbove = e.isInsertion() && e.start() == ls && e.replacement().endsWith("\n");
            if (e.start() >= ls && e.end() <= le && !lineAbove) {
                inside.add(e);
            }
        }
        inside.sort(Comparator.comparingInt(TextEdit::start).reversed());
        StringBuilder sb = new StringBuilder(text.text().substring(ls, le));
        for (TextEdit e : inside) {
            sb.replace(e.start() - ls, e.end() - ls, e.replacement());
        }
        String after = sb.toString();
        if (commentPrefix != null && after.strip().startsWith(commentPrefix)) {
            return false;
        }
        return codePart(after).toLowerCase(Locale.ROOT).contains("portkey");
    }

    /** The line without a trailing comment (a comment marker after a blank, outside quotes). */
    private String codePart(String l) {
        if (!trailingComments) {
            return l;
        }
        char quote = 0;
        for (int i = 0; i < l.length(); i++) {
            char c = l.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (l.startsWith(commentPrefix, i) && (i == 0 || l.charAt(i - 1) == ' ' || l.charAt(i - 1) == '\t')) {
                return l.substring(0, i);
            }
        }
        return l;
    }

}
