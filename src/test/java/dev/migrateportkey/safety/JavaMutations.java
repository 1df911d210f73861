package dev.migrateportkey.safety;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Layout mutations of a Java source, the kind a real codebase shows: other indentation, comments
 * between the links of a call chain, builder calls in another order, long lines wrapped, other line
 * endings. All but {@link Kind#REORDER} keep the token sequence; REORDER keeps the token multiset.
 * They work on text with a simple literal-aware scan; the fixtures have no text blocks.
 */
final class JavaMutations {
    enum Kind {
        REINDENT, COMMENT_CHAIN, REORDER, WRAP, CRLF, MIXED_EOL, LF;

        boolean keepsTokenOrder() {
            return this != REORDER;
        }
    }

    /** A chain link alone on its line: {@code .name(args)} with balanced parentheses, no trailing comment. */
    private static final Pattern LINK = Pattern.compile("^([ \\t]*)\\.(\\w+)\\((.*)\\)$");
    private static final Pattern MARK = Pattern.compile("// mutation-mark-\\d+");

    private JavaMutations() {
    }

    static String apply(Kind kind, String text, Random rnd) {
        return switch (kind) {
            case REINDENT -> reindent(text, rnd);
            case COMMENT_CHAIN -> commentChain(text, rnd);
            case REORDER -> reorder(text, rnd);
            case WRAP -> wrap(text, rnd);
            case CRLF -> endings(text, i -> "\r\n");
            case LF -> endings(text, i -> "\n");
            case MIXED_EOL -> endings(text, i -> rnd.nextBoolean() ? "\r\n" : "\n");
        };
    }

    /** The marker comments {@link Kind#COMMENT_CHAIN} inserted. */
    static List<String> marks(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = MARK.matcher(text);
        while (m.find()) {
            out.add(m.group());
        }
        return out;
    }

    /** Lines with their terminators ("" for a last line without one). */
    private record Line(String body, String eol) {
    }

    private static List<Line> lines(String text) {
        List<Line> out = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            int nl = text.indexOf('\n', i);
            if (nl < 0) {
                out.add(new Line(text.substring(i), ""));
                break;
            }
            boolean cr = nl > i && text.charAt(nl - 1) == '\r';
            out.add(new Line(text.substring(i, cr ? nl - 1 : nl), cr ? "\r\n" : "\n"));
            i = nl + 1;
        }
        return out;
    }

    private static String join(List<Line> lines) {
        StringBuilder sb = new StringBuilder();
        lines.forEach(l -> sb.append(l.body).append(l.eol));
        return sb.toString();
    }

    private static String dominantEol(List<Line> lines) {
        long crlf = lines.stream().filter(l -> l.eol.equals("\r\n")).count();
        long lf = lines.stream().filter(l -> l.eol.equals("\n")).count();
        return crlf > lf ? "\r\n" : "\n";
    }

    private static String endings(String text, java.util.function.IntFunction<String> eol) {
        List<Line> in = lines(text);
        List<Line> out = new ArrayList<>();
        for (int i = 0; i < in.size(); i++) {
            Line l = in.get(i);
            out.add(new Line(l.body, l.eol.isEmpty() ? "" : eol.apply(i)));
        }
        return join(out);
    }

    /** Each level of indentation (four spaces or a tab) becomes one unit: 2 spaces, 3 spaces, 8 spaces or a tab. */
    private static String reindent(String text, Random rnd) {
        String unit = List.of("  ", "   ", "        ", "\t").get(rnd.nextInt(4));
        List<Line> out = new ArrayList<>();
        for (Line l : lines(text)) {
            int i = 0;
            int width = 0;
            while (i < l.body.length() && (l.body.charAt(i) == ' ' || l.body.charAt(i) == '\t')) {
                width += l.body.charAt(i) == '\t' ? 4 : 1;
                i++;
            }
            String rest = l.body.substring(i);
            out.add(new Line(rest.isEmpty() ? l.body : unit.repeat(width / 4) + " ".repeat(width % 4) + rest, l.eol));
        }
        return join(out);
    }

    /** A comment line before some chain links, and a block comment before others. */
    private static String commentChain(String text, Random rnd) {
        List<Line> in = lines(text);
        String eol = dominantEol(in);
        List<Line> out = new ArrayList<>();
        int n = 0;
        for (Line l : in) {
            Matcher m = LINK.matcher(l.body);
            if (m.matches() && !l.body.isBlank() && rnd.nextInt(3) > 0) {
                if (rnd.nextBoolean()) {
                    out.add(new Line(m.group(1) + "// mutation-mark-" + (n++), eol));
                } else {
                    out.add(new Line(m.group(1) + "/* between links */ " + l.body.substring(m.group(1).length()), l.eol));
                    continue;
                }
            }
            out.add(l);
        }
        return join(out);
    }

    /** Swaps two adjacent chain links that are neither the chain's start nor its end. */
    private static String reorder(String text, Random rnd) {
        List<Line> in = lines(text);
        List<Integer> pairs = new ArrayList<>();
        for (int i = 0; i + 1 < in.size(); i++) {
            if (swappable(in.get(i).body) && swappable(in.get(i + 1).body)) {
                pairs.add(i);
            }
        }
        if (pairs.isEmpty()) {
            return text;
        }
        int i = pairs.get(rnd.nextInt(pairs.size()));
        List<Line> out = new ArrayList<>(in);
        out.set(i, new Line(in.get(i + 1).body, in.get(i).eol));
        out.set(i + 1, new Line(in.get(i).body, in.get(i + 1).eol));
        return join(out);
    }

    private static boolean swappable(String body) {
        Matcher m = LINK.matcher(body);
        return m.matches() && balanced(m.group(3)) && !m.group(2).equals("build") && !m.group(2).equals("builder");
    }

    private static boolean balanced(String args) {
        int depth = 0;
        boolean inString = false;
        for (int i = 0; i < args.length(); i++) {
            char c = args.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '(') {
                depth++;
            } else if (c == ')' && --depth < 0) {
                return false;
            } else if (c == '/' && i + 1 < args.length() && args.charAt(i + 1) == '/') {
                return false;
            }
        }
        return depth == 0 && !inString;
    }

    /** Breaks some lines after a comma outside literals and comments, indenting the rest by eight spaces. */
    private static String wrap(String text, Random rnd) {
        List<Line> in = lines(text);
        String eol = dominantEol(in);
        List<Line> out = new ArrayList<>();
        boolean inBlockComment = false;
        for (Line l : in) {
            String body = l.body;
            List<Integer> commas = new ArrayList<>();
            boolean inString = false;
            boolean inChar = false;
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if (inBlockComment) {
                    if (c == '*' && i + 1 < body.length() && body.charAt(i + 1) == '/') {
                        inBlockComment = false;
                        i++;
                    }
                } else if (inString || inChar) {
                    if (c == '\\') {
                        i++;
                    } else if ((inString && c == '"') || (inChar && c == '\'')) {
                        inString = false;
                        inChar = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '\'') {
                    inChar = true;
                } else if (c == '/' && i + 1 < body.length() && body.charAt(i + 1) == '/') {
                    break;
                } else if (c == '/' && i + 1 < body.length() && body.charAt(i + 1) == '*') {
                    inBlockComment = true;
                    i++;
                } else if (c == ',' && i + 1 < body.length() && body.charAt(i + 1) == ' ') {
                    commas.add(i);
                }
            }
            if (commas.isEmpty() || rnd.nextInt(3) == 0) {
                out.add(l);
                continue;
            }
            int at = commas.get(rnd.nextInt(commas.size()));
            String indent = body.substring(0, body.length() - body.stripLeading().length());
            out.add(new Line(body.substring(0, at + 1), eol));
            out.add(new Line(indent + "        " + body.substring(at + 2), l.eol));
        }
        return join(out);
    }
}
