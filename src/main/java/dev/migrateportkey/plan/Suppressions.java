package dev.migrateportkey.plan;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * In-source suppressions: {@code migrate-portkey:ignore <rule-id> -- <reason>} in a comment on a
 * finding's line or on the line above silences that one finding, and the site is not rewritten.
 *
 * <p>It works on the file's text, not on any language's syntax tree, so every migrator gets it for
 * free: the marker counts when a comment opener ({@code //}, {@code #}, {@code /*}, {@code <!--},
 * {@code --}, or {@code ;} first on the line) stands before it, or the line is the middle of a block comment
 * (starts with {@code *}). A suppression without a reason, or naming no known rule, silences
 * nothing and is itself a finding: the point of a suppression is the reason a reviewer reads.
 */
public final class Suppressions {
    /** The marker users write. */
    public static final String MARKER = "migrate-portkey:ignore";
    /** Finding id for a suppression that gives no reason after {@code --}. */
    public static final String MISSING_REASON = "suppression-without-reason";
    /** Finding id for a suppression naming a rule id the table does not have. */
    public static final String UNKNOWN_RULE = "suppression-unknown-rule";

    private static final Pattern SYNTAX = Pattern.compile(
            "migrate-portkey:ignore(?:[ \\t]+([A-Za-z0-9][A-Za-z0-9._-]*))?(?:[ \\t]+--(.*))?");
    /** Comment openers that may follow code on a line; {@code ;} (ini, Lisp) only counts at a line's start. */
    private static final Pattern COMMENT_OPENER = Pattern.compile("//|#|/\\*|<!--|--|^\\s*;");
    private static final Pattern BLOCK_CLOSE = Pattern.compile("(\\*/|-->).*$");

    /** One well-formed suppression: the rule it silences, why, and where it was written. */
    public record Suppression(int line, String ruleId, String reason) {
    }

    /** What is left of a file's findings and edits once suppressions are applied. */
    public record Result(List<Finding> findings, List<TextEdit> edits, List<SuppressedFinding> suppressed) {
    }

    private Suppressions() {
    }

    /**
     * Applies the suppressions written in {@code text} to a file's findings and edits.
     *
     * @param editsOf  the edits each finding asked for; a suppressed finding's edits are dropped.
     *                 When a finding's edits were recorded apart from it, the unowned edits that
     *                 {@link #belongsToSite belong to its site} are dropped instead (a merged edit
     *                 covering it goes whole: leaving a suppressed site as it was matters more than
     *                 migrating its neighbours in the same call); an edit another finding owns, or a
     *                 line inserted for the whole file, always stays.
     */
    public static Result apply(SourceText text, String displayPath, RuleTable rules, List<Finding> findings,
                               List<TextEdit> edits, Function<Finding, List<TextEdit>> editsOf) {
        if (!text.text().contains(MARKER)) {
            return new Result(findings, edits, List.of());
        }
        List<Finding> extra = new ArrayList<>();
        List<Suppression> found = parse(text, displayPath, rules, extra);
        java.util.Map<Finding, String> reasons = new IdentityHashMap<>();
        Set<Finding> silenced = reasons.keySet();
        for (Suppression s : found) {
            Finding target = first(findings, s.ruleId(), s.line(), silenced);
            if (target == null) {
                target = first(findings, s.ruleId(), s.line() + 1, silenced);
            }
            if (target != null) {
                reasons.put(target, s.reason());
            }
        }
        if (silenced.isEmpty() && extra.isEmpty()) {
            return new Result(findings, edits, List.of());
        }
        Set<TextEdit> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Finding f : findings) {
            owned.addAll(editsOf.apply(f));
        }
        Set<TextEdit> drop = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Finding f : silenced) {
            List<TextEdit> own = editsOf.apply(f);
            if (!own.isEmpty()) {
                drop.addAll(own);
            } else if (f.line() > 0) {
                for (TextEdit e : edits) {
                    if (!owned.contains(e) && belongsToSite(text, f, e)) {
                        drop.add(e);
                    }
                }
            }
        }
        List<Finding> keptFindings = new ArrayList<>();
        List<SuppressedFinding> suppressed = new ArrayList<>();
        for (Finding f : findings) {
            if (silenced.contains(f)) {
                suppressed.add(new SuppressedFinding(f, reasons.get(f)));
            } else {
                keptFindings.add(f);
            }
        }
        keptFindings.addAll(extra);
        keptFindings.sort(java.util.Comparator.comparingInt(Finding::line).thenComparingInt(Finding::column));
        List<TextEdit> keptEdits = edits.stream().filter(e -> !drop.contains(e)).toList();
        return new Result(keptFindings, keptEdits, suppressed);
    }

    /**
     * The well-formed suppressions written in {@code text}, for a migrator that must know before it
     * rewrites which sites stay: code a suppression keeps may still name something (an imported
     * function, an argument) that the rest of the rewrite would otherwise remove. Malformed ones are
     * left out; {@link #apply} reports them.
     */
    public static List<Suppression> in(SourceText text, RuleTable rules) {
        if (!text.text().contains(MARKER)) {
            return List.of();
        }
        return parse(text, "", rules, new ArrayList<>());
    }

    /** Whether one of {@code found} silences a finding of {@code ruleId} on {@code line} (written on it or the line above). */
    public static boolean covers(List<Suppression> found, String ruleId, int line) {
        for (Suppression s : found) {
            if (s.ruleId().equals(ruleId) && (s.line() == line || s.line() + 1 == line)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether an edit that no finding owns was made for {@code site}, so suppressing the site keeps it
     * out. Migrators record some edits apart from their findings: one edit merging several sites (the
     * entries of a {@code Map.of(...)} or {@code createHeaders(...)} call) and edits that serve the whole
     * file (an added {@code import os}). The first kind covers the site's text, or carries the site's
     * rule on its line, and goes with it. A line of its own inserted between lines (an import, a
     * constant) never belongs to one site, even when it lands at the start of the site's line: other,
     * unsuppressed sites may need it, and dropping it would leave them using a name nobody imports.
     */
    static boolean belongsToSite(SourceText text, Finding site, TextEdit e) {
        if (isLineOfItsOwn(text, e)) {
            return false;
        }
        int from = text.offset(site.line(), 1);
        int to = text.lineEnd(from);
        if (e.start() > to || e.end() < from) {
            return false;
        }
        int at = text.offset(site.line(), site.column());
        boolean coversSite = e.isInsertion() ? e.start() == at : e.start() <= at && at < e.end();
        return coversSite || e.ruleId().equals(site.ruleId());
    }

    /** An insertion of whole lines: at a line start ending with a line break, or at a line end starting with one. */
    private static boolean isLineOfItsOwn(SourceText text, TextEdit e) {
        if (!e.isInsertion() || e.replacement().isEmpty()) {
            return false;
        }
        String r = e.replacement();
        boolean atLineStart = text.lineStart(e.start()) == e.start() && r.endsWith("\n");
        boolean atLineEnd = text.lineEnd(e.start()) == e.start() && (r.startsWith("\n") || r.startsWith("\r"));
        return atLineStart || atLineEnd;
    }

    /** The well-formed suppressions in {@code text}; malformed ones become findings in {@code problems}. */
    static List<Suppression> parse(SourceText text, String displayPath, RuleTable rules, List<Finding> problems) {
        List<Suppression> out = new ArrayList<>();
        String all = text.text();
        for (int at = all.indexOf(MARKER); at >= 0; at = all.indexOf(MARKER, at + MARKER.length())) {
            int lineStart = text.lineStart(at);
            if (!inComment(all.substring(lineStart, at))) {
                continue;
            }
            int line = text.line(at);
            Matcher m = SYNTAX.matcher(all.substring(at, text.lineEnd(at)));
            if (!m.lookingAt()) {
                continue;
            }
            String ruleId = m.group(1);
            String reason = m.group(2) == null ? "" : BLOCK_CLOSE.matcher(m.group(2)).replaceFirst("").strip();
            int column = text.column(at);
            if (ruleId == null || reason.isEmpty()) {
                String id = ruleId == null ? "<rule-id>" : ruleId;
                problems.add(new Finding(displayPath, line, column, MISSING_REASON, Finding.Kind.MANUAL,
                        MARKER + (ruleId == null ? " names no rule and" : " " + ruleId)
                                + " gives no reason, so it silences nothing: write '" + MARKER + " " + id
                                + " -- <why this stays>' so reviewers know why"));
            } else if (rules.byId(ruleId).isEmpty()) {
                problems.add(new Finding(displayPath, line, column, UNKNOWN_RULE, Finding.Kind.MANUAL,
                        MARKER + " " + ruleId + " names no known rule, so it silences nothing: use an id that"
                                + " 'check' printed (list them with 'migrate-portkey rules')"));
            } else {
                out.add(new Suppression(line, ruleId, reason));
            }
        }
        return out;
    }

    private static boolean inComment(String before) {
        return COMMENT_OPENER.matcher(before).find() || before.strip().startsWith("*");
    }

    private static Finding first(List<Finding> findings, String ruleId, int line, Set<Finding> taken) {
        for (Finding f : findings) {
            if (f.line() == line && f.ruleId().equals(ruleId) && f.kind() != Finding.Kind.ERROR && !taken.contains(f)) {
                return f;
            }
        }
        return null;
    }
}
