package dev.migrateportkey.lang.env;

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
 * Finds the variable assignments of an environment file, a shell script or a Dockerfile, line by
 * line: {@code NAME=value}, {@code export NAME="value"}, {@code ENV NAME=value}, {@code ENV NAME value},
 * {@code ARG NAME=default}. Values keep their quotes outside the value range. Other shell lines
 * that mention Portkey or a {@code $} reference are offered whole, as a value, so their URLs and
 * variable references are rewritten too.
 */
final class EnvScanner {
    /** The three line grammars this scanner knows. */
    enum Dialect { DOTENV, SHELL, DOCKERFILE }

    private static final Pattern ASSIGNMENT = Pattern.compile(
            "^([ \\t]*)((?:export|declare[ \\t]+-x|typeset[ \\t]+-x|setenv)[ \\t]+)?([A-Za-z_][A-Za-z0-9_]*)([ \\t]*=[ \\t]*|[ \\t]+(?=\\S))?");
    private static final Pattern DOCKER_INSTRUCTION = Pattern.compile("^([ \\t]*)(ENV|ARG)[ \\t]+", Pattern.CASE_INSENSITIVE);
    private static final Pattern DOCKER_PAIR = Pattern.compile("([A-Za-z_][A-Za-z0-9_.-]*)(=)?");

    private final SourceText text;
    private final Dialect dialect;
    private final List<Setting> settings = new ArrayList<>();
    private final BitSet comments = new BitSet();
    private final BitSet opaque = new BitSet();

    private EnvScanner(SourceText text, Dialect dialect) {
        this.text = text;
        this.dialect = dialect;
    }

    static ScannedFile scan(SourceText text, Dialect dialect) {
        EnvScanner s = new EnvScanner(text, dialect);
        s.run();
        return new ScannedFile(s.settings, s.comments, s.opaque);
    }

    private void run() {
        boolean continued = false;
        String heredoc = null;
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            int start = text.offset(line, 1);
            if (heredoc != null) {
                opaque.set(line);
                if (l.strip().equals(heredoc)) {
                    heredoc = null;
                }
                continue;
            }
            boolean wasContinued = continued;
            continued = l.endsWith("\\") && !l.strip().startsWith("#");
            if (wasContinued) {
                opaque.set(line);
                offerLine(l, start);
                continue;
            }
            String stripped = l.strip();
            if (stripped.startsWith("#")) {
                comments.set(line);
                continue;
            }
            if (stripped.isEmpty()) {
                continue;
            }
            Matcher hd = Pattern.compile("<<-?[ \\t]*['\"]?([A-Za-z_]+)['\"]?").matcher(l);
            if (dialect != Dialect.DOTENV && hd.find()) {
                heredoc = hd.group(1);
            }
            if (dialect == Dialect.DOCKERFILE) {
                docker(l, start, continued);
            } else {
                shell(l, start, continued);
                if (consumedTo > line) {
                    line = consumedTo;
                    continued = false;
                }
            }
        }
    }

    private void shell(String l, int start, boolean continued) {
        Matcher m = ASSIGNMENT.matcher(l);
        if (!m.find()) {
            offerLine(l, start);
            return;
        }
        String sep = m.group(4);
        if (sep == null || !sep.contains("=")) {
            if (m.group(2) != null && rest(l, m.end(3)).isEmpty()) {
                // "export NAME": the variable is passed on without a value here.
                settings.add(Setting.of(m.group(3), start + m.start(3), start + m.end(3), -1, -1,
                        lineEntry(start, continued, l, m.end(3)), text.nextLineStart(start), m.group(1).length()));
            } else {
                offerLine(l, start);
            }
            return;
        }
        int keyStart = start + m.start(3);
        int keyEnd = start + m.end(3);
        int[] v = value(l, m.end(), dialect == Dialect.SHELL);
        if (v == null && !continued && multiLineValue(m.group(3), keyStart, keyEnd, start, m.end(), m.group(1).length())) {
            return;
        }
        if (v == null) {
            settings.add(Setting.of(m.group(3), keyStart, keyEnd, -1, -1, -1, -1, 0));
            return;
        }
        int entry = lineEntry(start, continued, l, v[2]);
        settings.add(Setting.of(m.group(3), keyStart, keyEnd, start + v[0], start + v[1], entry,
                text.nextLineStart(start), m.group(1).length()));
        if (dialect == Dialect.SHELL && !rest(l, v[2]).isEmpty() && !rest(l, v[2]).startsWith("#")) {
            // "NAME=value command ...": the command part may hold references of its own.
            offerRest(l, start, v[2]);
        }
    }

    private void docker(String l, int start, boolean continued) {
        Matcher m = DOCKER_INSTRUCTION.matcher(l);
        if (!m.find()) {
            offerLine(l, start);
            return;
        }
        int pos = m.end();
        List<Setting> pairs = new ArrayList<>();
        boolean legacy = false;
        while (pos < l.length()) {
            Matcher p = DOCKER_PAIR.matcher(l);
            p.region(pos, l.length());
            if (!p.lookingAt()) {
                break;
            }
            int ks = start + p.start(1);
            int ke = start + p.end(1);
            if (p.group(2) == null) {
                boolean isArg = m.group(2).toUpperCase(Locale.ROOT).equals("ARG");
                String tail = l.substring(p.end(1)).strip();
                if (!isArg && !tail.isEmpty() && pairs.isEmpty()) {
                    // Legacy "ENV NAME value with spaces": the rest of the line is the value.
                    int vs = l.indexOf(tail, p.end(1));
                    int ve = vs + tail.length();
                    if (tail.length() >= 2 && (tail.charAt(0) == '"' || tail.charAt(0) == '\'')
                            && tail.charAt(tail.length() - 1) == tail.charAt(0)) {
                        vs++;
                        ve--;
                    }
                    if (continued) {
                        ve = Math.min(ve, l.length() - 1);
                    }
                    pairs.add(Setting.of(p.group(1), ks, ke, start + vs, start + ve, -1, -1, 0));
                    legacy = true;
                    break;
                }
                pairs.add(Setting.of(p.group(1), ks, ke, -1, -1, -1, -1, 0));
                pos = p.end(1);
            } else {
                int[] v = value(l, p.end(), true);
                if (v == null) {
                    break;
                }
                pairs.add(Setting.of(p.group(1), ks, ke, start + v[0], start + v[1], -1, -1, 0));
                pos = v[2];
            }
            while (pos < l.length() && (l.charAt(pos) == ' ' || l.charAt(pos) == '\t')) {
                pos++;
            }
            if (pos < l.length() && l.charAt(pos) == '\\') {
                break;
            }
        }
        if (pairs.size() == 1 && !continued && (legacy || rest(l, pos).isEmpty())) {
            Setting s = pairs.get(0);
            pairs.set(0, Setting.of(s.path(), s.keyStart(), s.keyEnd(), s.valueStart(), s.valueEnd(),
                    start, text.nextLineStart(start), m.group(1).length()));
        }
        settings.addAll(pairs);
    }

    /**
     * The value starting at {@code from}: {@code [innerStart, innerEnd, endOfToken]} relative to the
     * line, or null for a quote that does not close on this line.
     */
    private static int[] value(String l, int from, boolean stopAtBlank) {
        if (from >= l.length()) {
            return new int[]{from, from, from};
        }
        char c = l.charAt(from);
        if (c == '"' || c == '\'') {
            int i = from + 1;
            while (i < l.length() && l.charAt(i) != c) {
                if (c == '"' && l.charAt(i) == '\\') {
                    i++;
                }
                i++;
            }
            if (i >= l.length()) {
                return null;
            }
            return new int[]{from + 1, i, i + 1};
        }
        int i = from;
        while (i < l.length()) {
            char ch = l.charAt(i);
            if (stopAtBlank ? (ch == ' ' || ch == '\t' || ch == ';') : (ch == '#' && i > from && isBlank(l.charAt(i - 1)))) {
                break;
            }
            i++;
        }
        int end = i;
        while (end > from && isBlank(l.charAt(end - 1))) {
            end--;
        }
        if (end > from && l.charAt(end - 1) == '\\') {
            end--;
        }
        return new int[]{from, end, i};
    }

    /** How far a quoted value is followed over lines before it is taken as unterminated. */
    private static final int MULTI_LINE_LIMIT = 20;
    /** The last line a multi-line value took: the main loop skips up to it. */
    private int consumedTo;

    /**
     * A quoted value that goes on over the next lines ({@code export HEADERS="a: 1} / {@code b: 2"}),
     * as shells and dotenv loaders allow: one setting whose value spans the lines, which are opaque
     * (a line inserted among them would become part of the value). False when the quote does not
     * close within a few lines, or something but a comment follows it.
     */
    private boolean multiLineValue(String name, int keyStart, int keyEnd, int lineStart, int from, int indent) {
        String all = text.text();
        int q = lineStart + from;
        if (q >= all.length() || (all.charAt(q) != '"' && all.charAt(q) != '\'')) {
            return false;
        }
        char quote = all.charAt(q);
        int line = text.line(q);
        for (int i = q + 1; i < all.length(); i++) {
            char c = all.charAt(i);
            if (c == '\\' && quote == '"') {
                i++;
            } else if (c == quote) {
                int last = text.line(i);
                if (last == line || last - line > MULTI_LINE_LIMIT) {
                    return false;
                }
                String after = text.lineText(last).substring(i + 1 - text.lineStart(i)).strip();
                if (!after.isEmpty() && !after.startsWith("#")) {
                    return false;
                }
                settings.add(Setting.of(name, keyStart, keyEnd, q + 1, i, lineStart, text.nextLineStart(i), indent));
                opaque.set(line + 1, last + 1);
                consumedTo = last;
                return true;
            }
        }
        return false;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }

    private static String rest(String l, int from) {
        return from >= l.length() ? "" : l.substring(from).strip();
    }

    /** The entry owns its line when nothing but a comment follows the assignment. */
    private int lineEntry(int start, boolean continued, String l, int end) {
        String r = rest(l, end);
        return !continued && (r.isEmpty() || r.startsWith("#")) ? start : -1;
    }

    /** A command line: offered whole, so URLs and references in it are rewritten. */
    private void offerLine(String l, int start) {
        offerRest(l, start, 0);
    }

    private void offerRest(String l, int start, int from) {
        if (dialect == Dialect.DOTENV) {
            return;
        }
        String low = l.toLowerCase(Locale.ROOT);
        if (!low.contains("portkey")) {
            return;
        }
        int s = from;
        while (s < l.length() && isBlank(l.charAt(s))) {
            s++;
        }
        settings.add(Setting.of("", -1, -1, start + s, start + l.length(), -1, -1, 0));
    }
}
