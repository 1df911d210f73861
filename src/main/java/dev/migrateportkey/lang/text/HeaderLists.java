package dev.migrateportkey.lang.text;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of HTTP headers held in one string value, one {@code Name: value} per line, the lines
 * separated by an escaped {@code \n} or a real line break: Claude Code's and the Anthropic SDKs'
 * {@code ANTHROPIC_CUSTOM_HEADERS="x-portkey-api-key: ...\nx-portkey-provider: ..."}, written in
 * {@code .env} files, shell profiles, {@code settings.json} {@code env} blocks and CI YAML alike.
 *
 * <p>Each {@code x-portkey-*} line follows its request-header rule, as a header map entry would:
 * renamed headers are renamed, dropped ones (provider, virtual key, metadata) leave the list, and
 * the key header's key moves to the client's own token variable when the same block sets one
 * ({@code ANTHROPIC_AUTH_TOKEN}, which the client already sends as {@code Authorization: Bearer});
 * otherwise the line becomes {@code Authorization: Bearer <key>}. A literal key becomes the
 * placeholder, masked in every message. Headers whose rule needs a human stay, reported. A list
 * left empty goes with its entry where the entry owns its lines, else it becomes empty.
 */
final class HeaderLists {
    /**
     * Variables a client sends as {@code Authorization: Bearer} by itself: when one is set beside
     * the header list, the key belongs there, not in a second Authorization header that would
     * compete with it.
     */
    private static final Set<String> TOKEN_VARIABLES = Set.of("ANTHROPIC_AUTH_TOKEN");
    /** A separator between two header lines: an escaped newline inside a quoted value, or a real one. */
    private static final Pattern SEPARATOR = Pattern.compile("\\\\n|\\r?\\n");
    private static final Pattern HEADER_LINE = Pattern.compile("([ \\t]*)([A-Za-z0-9_-]+)[ \\t]*:[ \\t]*(.*?)[ \\t]*");
    private static final String KEY_RULE = "env-portkey-api-key";

    private final SettingsRewriter owner;
    private final FileMigration work;
    private final RuleTable rules;
    private final VariableReferences references;
    private final List<Setting> all;

    HeaderLists(SettingsRewriter owner, FileMigration work, VariableReferences references, List<Setting> all) {
        this.owner = owner;
        this.work = work;
        this.rules = work.rules();
        this.references = references;
        this.all = all;
    }

    /** One line of the list: its range in the value and its parts. */
    private record Line(int start, int end, String name, String value) {
    }

    /**
     * Rewrites every header list among the settings; returns the settings it dealt with (the lists
     * and the token variables that received a key), which the caller leaves alone.
     */
    Set<Setting> run() {
        Set<Setting> handled = new java.util.HashSet<>();
        for (Setting s : all) {
            if (!handled.contains(s)) {
                list(s, handled);
            }
        }
        return handled;
    }

    private void list(Setting s, Set<Setting> handled) {
        if (!s.hasKey() || !s.hasValue() || s.secretLookup()) {
            return;
        }
        String v = owner.valueOf(s);
        List<Line> lines = parse(v);
        if (lines == null) {
            return;
        }
        boolean portkey = lines.stream().anyMatch(l -> l.name().toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
        if (!portkey) {
            if (v.contains(SettingsRewriter.KEY_PLACEHOLDER)) {
                handled.add(s);
                owner.placeholderLeft(s);
            }
            return;
        }
        handled.add(s);
        Setting token = sibling(s);
        boolean sendsAuthorization = lines.stream().anyMatch(l -> l.name().equalsIgnoreCase("Authorization"));
        List<String> kept = new ArrayList<>();
        List<String> done = new ArrayList<>();
        List<TextEdit> edits = new ArrayList<>();
        Rule first = null;
        String literalKey = null;
        for (Line l : lines) {
            String raw = v.substring(l.start(), l.end());
            if (!l.name().toLowerCase(Locale.ROOT).startsWith("x-portkey-")) {
                kept.add(raw);
                continue;
            }
            Rule r = rules.requestHeader(l.name()).orElse(null);
            Action a = r == null ? null : r.action();
            if (a == Action.RENAME_HEADER) {
                kept.add(raw.replace(l.name(), r.to()));
                done.add(l.name() + " renamed to " + r.to());
            } else if (a == Action.TO_AUTHORIZATION && !sendsAuthorization && !l.value().isEmpty()) {
                boolean literal = !l.value().contains("$");
                String key = literal ? SettingsRewriter.KEY_PLACEHOLDER : references.rename(l.value());
                literalKey = literal ? l.value() : literalKey;
                if (token != null && !handled.contains(token)) {
                    handled.add(token);
                    edits.add(TextEdit.replace(token.valueStart(), token.valueEnd(), key, r.id()));
                    done.add(l.name() + " removed: " + token.name() + " (sent as Authorization: Bearer) now holds "
                            + (literal ? "the placeholder " + key : key));
                    if (literal) {
                        owner.keyPlaceholder(token, token.name(), l.value());
                    }
                    literalKey = null;
                } else {
                    kept.add(indentOf(raw) + "Authorization: Bearer " + key);
                    done.add(l.name() + " now Authorization: Bearer " + key);
                }
            } else if (a == Action.DROP || a == Action.TO_MODEL_PREFIX) {
                done.add(l.name() + " removed");
            } else {
                kept.add(raw);
                if (r != null) {
                    owner.manualAt(s.valueStart() + l.start(), s.ownsLines() ? s.entryStart() : s.anchor(), r,
                            s.name() + ": header " + l.name() + " is still in the list; remove it once its purpose is handled");
                }
                continue;
            }
            first = first == null ? r : first;
        }
        if (first == null) {
            owner.handled(s);
            return;
        }
        String separator = separatorOf(v);
        String nv = String.join(separator, kept);
        String subject = s.name() + " (a header list): " + String.join("; ", done);
        if (nv.isBlank() && s.ownsLines()) {
            owner.remove(s, first);
            work.fix(s.anchor(), first, subject + "; nothing was left, so the entry went", edits);
        } else {
            edits.add(TextEdit.replace(s.valueStart(), s.valueEnd(), nv, first.id()));
            work.fix(s.anchor(), first, subject, edits);
        }
        if (literalKey != null) {
            owner.keyPlaceholder(s, s.name(), literalKey);
        }
        owner.handled(s);
    }

    private static String indentOf(String raw) {
        int i = 0;
        while (i < raw.length() && (raw.charAt(i) == ' ' || raw.charAt(i) == '\t')) {
            i++;
        }
        return raw.substring(0, i);
    }

    /** The first separator the value uses, so the rewritten list keeps the file's own. */
    private static String separatorOf(String v) {
        Matcher m = SEPARATOR.matcher(v);
        return m.find() ? m.group() : "\\n";
    }

    /**
     * The lines of a header list, or null when the value is not one: every non-empty line must be
     * {@code Name: value}, and a value with a single line must name an {@code x-portkey-} header
     * (a plain {@code "host: port"} string is not a header list).
     */
    private static List<Line> parse(String v) {
        if (!v.toLowerCase(Locale.ROOT).contains("x-portkey-") && !v.contains(SettingsRewriter.KEY_PLACEHOLDER)) {
            return null;
        }
        List<Line> out = new ArrayList<>();
        Matcher sep = SEPARATOR.matcher(v);
        int from = 0;
        while (true) {
            boolean more = sep.find();
            int to = more ? sep.start() : v.length();
            String piece = v.substring(from, to);
            if (!piece.isBlank()) {
                Matcher h = HEADER_LINE.matcher(piece);
                if (!h.matches() || h.group(2).contains("_")) {
                    return null;
                }
                out.add(new Line(from, to, h.group(2), h.group(3)));
            }
            if (!more) {
                break;
            }
            from = sep.end();
        }
        return out.isEmpty() ? null : out;
    }

    /** A token variable set in the same block as the list ({@code env.ANTHROPIC_AUTH_TOKEN} beside {@code env.ANTHROPIC_CUSTOM_HEADERS}). */
    private Setting sibling(Setting s) {
        String parent = s.path().substring(0, s.path().length() - s.name().length());
        for (Setting x : all) {
            if (x != s && x.hasKey() && x.hasValue() && !x.secretLookup()
                    && TOKEN_VARIABLES.contains(x.name()) && x.path().equals(parent + x.name())) {
                return x;
            }
        }
        return null;
    }
}
