package dev.migrateportkey.lang.yaml;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.text.ScannedFile;
import dev.migrateportkey.lang.text.Setting;
import dev.migrateportkey.lang.text.VariableReferences;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the entries of a YAML file line by line, tracking block structure by indentation, so that
 * every edit lands on the original text. It knows block mappings and sequences (compact ones
 * too), quoted and plain scalars, anchors and tags before a value, block scalars (whose lines it
 * leaves alone), comments and multi-document files ({@code ---}). A flow collection
 * ({@code {a: 1}}) is one opaque value. It emits:
 *
 * <ul>
 *   <li>each {@code key: value} entry, with its dotted path ({@code spring.ai.openai.base-url});</li>
 *   <li>each Kubernetes-style {@code - name: X} item with {@code value} or {@code valueFrom}, as
 *       the variable {@code X} (the whole item is the entry);</li>
 *   <li>each docker-compose-style {@code - NAME=value} item, as the variable {@code NAME};</li>
 *   <li>other scalar sequence items, as bare values.</li>
 * </ul>
 */
final class YamlScanner {
    private static final Pattern KEY = Pattern.compile(
            "(?:\"((?:[^\"\\\\]|\\\\.)*)\"|'((?:[^']|'')*)'|([^\\s#'\"{\\[\\]},&*!|>%@`][^#]*?|<<))[ \\t]*:(?=[ \\t]|$)");
    private static final Pattern PROPERTIES = Pattern.compile("^(?:(&\\S+)|(!\\S*))[ \\t]*");
    /** The start of a plain (unquoted) {@code NAME=value} sequence item, the name upper case. */
    private static final Pattern PLAIN_ENV_ITEM = Pattern.compile("[A-Z_][A-Z0-9_]*=");
    private static final Pattern ENV_ITEM = Pattern.compile("([A-Za-z_][A-Za-z0-9_]*)(?:=(.*))?");

    /** A mapping entry or a sequence item, with where its lines end once it is closed. */
    private static final class Node {
        final boolean item;
        final int indent;
        final int lineStart;
        final int line;
        final String name;
        final String path;
        int keyStart = -1;
        int keyEnd = -1;
        int valueStart = -1;
        int valueEnd = -1;
        boolean onDashLine;
        boolean hasChildren;
        /** A quoted scalar or flow collection that goes on past its first line. */
        boolean multiline;
        int lastLine;
        int end = -1;
        Node parent;
        final List<Node> children = new ArrayList<>();
        /** Set for a scalar sequence item: the scalar's inner range. */
        int scalarStart = -1;
        int scalarEnd = -1;

        Node(boolean item, int indent, int lineStart, int line, String name, String path) {
            this.item = item;
            this.indent = indent;
            this.lineStart = lineStart;
            this.line = line;
            this.name = name;
            this.path = path;
            this.lastLine = line;
        }

        boolean pendingBlock() {
            return !item && valueStart < 0;
        }
    }

    private final SourceText text;
    private final List<Node> nodes = new ArrayList<>();
    private final List<Setting> extra = new ArrayList<>();
    private final Deque<Node> stack = new ArrayDeque<>();
    private final BitSet comments = new BitSet();
    private final BitSet opaque = new BitSet();

    private YamlScanner(SourceText text) {
        this.text = text;
    }

    static ScannedFile scan(SourceText text) {
        YamlScanner s = new YamlScanner(text);
        s.run();
        return new ScannedFile(s.settings(), s.comments, s.opaque);
    }

    private void run() {
        int blockParent = -1;
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            int start = text.offset(line, 1);
            int indent = indentOf(l);
            boolean blank = l.isBlank();
            if (blockParent >= 0) {
                if (blank || indent > blockParent) {
                    opaque.set(line);
                    if (!blank) {
                        touch(line);
                        blockLine(l, start, indent);
                    }
                    continue;
                }
                blockParent = -1;
            }
            if (blank) {
                continue;
            }
            String stripped = l.strip();
            if (stripped.startsWith("#")) {
                comments.set(line);
                continue;
            }
            if (indent == 0 && (l.startsWith("---") || l.startsWith("...")) && (l.length() == 3 || isBlank(l.charAt(3)))) {
                closeAll();
                continue;
            }
            if (indent == 0 && l.startsWith("%")) {
                continue;
            }
            boolean dash = startsItem(l, indent);
            while (!stack.isEmpty()) {
                Node top = stack.peek();
                boolean keep = top.indent < indent
                        || (top.indent == indent && dash && top.pendingBlock());
                if (keep) {
                    break;
                }
                close(stack.pop(), line);
            }
            int p = indent;
            Node parent = stack.peek();
            if (parent != null && (parent.multiline || (!dash && !parent.item && parent.valueStart >= 0 && !parent.hasChildren))) {
                // A continuation of a multi-line plain or quoted scalar: part of the value above.
                opaque.set(line);
                touch(line);
                continue;
            }
            boolean firstOnLine = true;
            while (startsItem(l, p)) {
                Node item = push(true, p, start, line, null);
                item.onDashLine = !firstOnLine;
                firstOnLine = false;
                p++;
                while (p < l.length() && isBlank(l.charAt(p))) {
                    p++;
                }
            }
            touch(line);
            if (p >= l.length() || l.charAt(p) == '#') {
                continue;
            }
            if (!firstOnLine && PLAIN_ENV_ITEM.matcher(l).region(p, l.length()).lookingAt()) {
                // "- NAME=x-portkey-api-key: ..." (a compose environment item holding a header
                // list): YAML reads the ": " as a mapping key, but the item was written as the
                // string NAME=value, so it is that setting. A quoted item is a string already.
                Node item = stack.peek();
                int[] range = scalar(l, p);
                if (item != null && item.item && range != null) {
                    item.scalarStart = start + range[0];
                    item.scalarEnd = start + range[1];
                    continue;
                }
            }
            Matcher k = KEY.matcher(l);
            k.region(p, l.length());
            if (k.lookingAt()) {
                int group = k.group(1) != null ? 1 : k.group(2) != null ? 2 : 3;
                String name = k.group(group).strip();
                Node key = push(false, p, start, line, name);
                key.onDashLine = !firstOnLine;
                key.keyStart = start + k.start(group);
                key.keyEnd = start + k.start(group) + k.group(group).stripTrailing().length();
                int v = skipProperties(l, k.end());
                if (v >= l.length() || l.charAt(v) == '#') {
                    continue;
                }
                char c = l.charAt(v);
                if (c == '|' || c == '>') {
                    blockParent = p;
                    continue;
                }
                if (c == '*') {
                    continue;
                }
                int[] range = scalar(l, v);
                if (range != null) {
                    key.valueStart = start + range[0];
                    key.valueEnd = start + range[1];
                } else {
                    key.multiline = true;
                }
                continue;
            }
            Node item = stack.peek();
            if (item != null && item.item && item.indent < p) {
                int v = skipProperties(l, p);
                int[] range = v < l.length() ? scalar(l, v) : null;
                if (range != null) {
                    item.scalarStart = start + range[0];
                    item.scalarEnd = start + range[1];
                } else {
                    item.multiline = true;
                }
            } else {
                opaque.set(line);
            }
        }
        closeAll();
    }

    /**
     * A line of a block scalar that names Portkey (a {@code run: |} script) is offered whole as a
     * value: its URLs and its references to renamed variables follow the rename of the variable.
     */
    private void blockLine(String l, int start, int indent) {
        if (l.toLowerCase(java.util.Locale.ROOT).contains("portkey")) {
            extra.add(new Setting("", -1, -1, start + indent, start + l.stripTrailing().length(), false, -1, -1, 0));
        }
    }

    private Node push(boolean item, int indent, int lineStart, int line, String name) {
        Node parent = stack.peek();
        String path;
        if (item) {
            path = parent == null ? "" : parent.path;
        } else {
            path = parent == null || parent.path.isEmpty() ? name : parent.path + "." + name;
        }
        Node n = new Node(item, indent, lineStart, line, name, path);
        n.parent = parent;
        if (parent != null) {
            parent.children.add(n);
            parent.hasChildren = true;
        }
        stack.push(n);
        nodes.add(n);
        return n;
    }

    private void touch(int line) {
        for (Node n : stack) {
            n.lastLine = line;
        }
    }

    private void close(Node n, int line) {
        n.end = text.nextLineStart(text.offset(n.lastLine, 1));
    }

    private void closeAll() {
        while (!stack.isEmpty()) {
            close(stack.pop(), text.lineCount());
        }
    }

    // ---- turning nodes into settings -------------------------------------------------------

    private List<Setting> settings() {
        List<Setting> out = new ArrayList<>(extra);
        Set<Node> consumed = new HashSet<>();
        for (Node n : nodes) {
            if (n.item && envItem(n, out)) {
                consumeChildren(n, consumed);
            }
        }
        for (Node n : nodes) {
            if (consumed.contains(n)) {
                continue;
            }
            if (n.item) {
                scalarItem(n, out);
            } else {
                int entryStart = -1;
                int column = n.indent;
                if (!n.onDashLine) {
                    entryStart = n.lineStart;
                } else if (n.parent != null && n.parent.children.size() == 1) {
                    // "- KEY: value" alone in its item: the item goes with it.
                    entryStart = n.parent.lineStart;
                    column = n.parent.indent;
                }
                int entryEnd = entryStart < 0 ? -1 : (n.onDashLine ? n.parent.end : n.end);
                out.add(new Setting(n.path, n.keyStart, n.keyEnd, n.valueStart, n.valueEnd, false,
                        entryStart, entryEnd, column));
            }
        }
        out.sort(Comparator.comparingInt(Setting::anchor));
        return out;
    }

    /**
     * {@code - name: X} with {@code value: Y} or {@code valueFrom:} (Kubernetes, Helm), or
     * {@code - key: X} with {@code value: Y} or settings of its own ({@code sync: false},
     * {@code fromGroup: ...}: Render blueprints): the variable X.
     */
    private boolean envItem(Node item, List<Setting> out) {
        Node name = null;
        Node value = null;
        Node from = null;
        boolean keyed = false;
        boolean other = false;
        for (Node c : item.children) {
            if (c.item || c.name == null) {
                return false;
            }
            switch (c.name) {
                case "name" -> name = c;
                case "key" -> {
                    name = c;
                    keyed = true;
                }
                case "value" -> value = c;
                case "valueFrom" -> from = c;
                default -> other = true;
            }
        }
        if (name == null || name.valueStart < 0) {
            return false;
        }
        if (keyed) {
            // Only a variable name makes this an environment item (a Kubernetes label selector
            // has "- key: app.kubernetes.io/name" too).
            if (from != null || !VariableReferences.isEnvName(text.text().substring(name.valueStart, name.valueEnd))) {
                return false;
            }
            if (value == null) {
                String path = (item.path.isEmpty() ? "" : item.path + ".") + text.text().substring(name.valueStart, name.valueEnd);
                out.add(new Setting(path, name.valueStart, name.valueEnd, -1, -1, false, item.lineStart, item.end, item.indent));
                return true;
            }
        } else if (other || (value == null) == (from == null)) {
            return false;
        }
        String path = (item.path.isEmpty() ? "" : item.path + ".") + text.text().substring(name.valueStart, name.valueEnd);
        if (value != null) {
            out.add(new Setting(path, name.valueStart, name.valueEnd, value.valueStart, value.valueEnd, false,
                    item.lineStart, item.end, item.indent));
        } else {
            int fromStart = text.nextLineStart(from.lineStart);
            int fromEnd = Math.max(fromStart, from.end);
            out.add(new Setting(path, name.valueStart, name.valueEnd, fromStart, fromEnd, true,
                    item.lineStart, item.end, item.indent));
        }
        return true;
    }

    private static void consumeChildren(Node n, Set<Node> consumed) {
        for (Node c : n.children) {
            consumed.add(c);
            consumeChildren(c, consumed);
        }
    }

    /** {@code - NAME=value} (docker-compose environment lists) or a bare scalar item. */
    private void scalarItem(Node n, List<Setting> out) {
        if (n.scalarStart < 0 || !n.children.isEmpty()) {
            return;
        }
        String s = text.text().substring(n.scalarStart, n.scalarEnd);
        Matcher m = ENV_ITEM.matcher(s);
        boolean ownsLine = n.onDashLine ? false : true;
        int entryStart = ownsLine ? n.lineStart : -1;
        int entryEnd = ownsLine ? n.end : -1;
        String prefix = n.path.isEmpty() ? "" : n.path + ".";
        if (m.matches() && m.group(1).equals(m.group(1).toUpperCase(java.util.Locale.ROOT))) {
            int ks = n.scalarStart;
            int ke = ks + m.end(1);
            int vs = m.group(2) == null ? -1 : ks + m.start(2);
            int ve = m.group(2) == null ? -1 : ks + m.end(2);
            out.add(new Setting(prefix + m.group(1), ks, ke, vs, ve, false, entryStart, entryEnd, n.indent));
        } else {
            out.add(new Setting(n.path, -1, -1, n.scalarStart, n.scalarEnd, false, entryStart, entryEnd, n.indent));
        }
    }

    // ---- lexical helpers -------------------------------------------------------------------

    private static boolean startsItem(String l, int p) {
        return p < l.length() && l.charAt(p) == '-' && (p + 1 == l.length() || isBlank(l.charAt(p + 1)));
    }

    /** Skips blanks, an anchor ({@code &a}) and a tag ({@code !!str}) before a value. */
    private static int skipProperties(String l, int from) {
        int i = from;
        while (true) {
            while (i < l.length() && isBlank(l.charAt(i))) {
                i++;
            }
            Matcher m = PROPERTIES.matcher(l);
            m.region(i, l.length());
            if (i < l.length() && m.lookingAt() && m.end() > i) {
                i = m.end();
            } else {
                return i;
            }
        }
    }

    /**
     * The inner range of the scalar starting at {@code from} on this line, or null when it does not
     * end here (a quote or a flow collection that goes on to the next line).
     */
    private static int[] scalar(String l, int from) {
        char c = l.charAt(from);
        if (c == '"' || c == '\'') {
            int i = from + 1;
            while (i < l.length()) {
                char ch = l.charAt(i);
                if (c == '"' && ch == '\\') {
                    i += 2;
                    continue;
                }
                if (ch == c) {
                    if (c == '\'' && i + 1 < l.length() && l.charAt(i + 1) == '\'') {
                        i += 2;
                        continue;
                    }
                    return new int[]{from + 1, i};
                }
                i++;
            }
            return null;
        }
        int end = l.length();
        for (int i = from; i < l.length(); i++) {
            if (l.charAt(i) == '#' && i > from && isBlank(l.charAt(i - 1))) {
                end = i;
                break;
            }
        }
        while (end > from && isBlank(l.charAt(end - 1))) {
            end--;
        }
        if (c == '{' || c == '[') {
            int depth = 0;
            for (int i = from; i < end; i++) {
                char ch = l.charAt(i);
                if (ch == '{' || ch == '[') {
                    depth++;
                } else if (ch == '}' || ch == ']') {
                    depth--;
                }
            }
            if (depth != 0) {
                return null;
            }
        }
        return new int[]{from, end};
    }

    private static int indentOf(String l) {
        int i = 0;
        while (i < l.length() && l.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    private static boolean isBlank(char c) {
        return c == ' ' || c == '\t';
    }
}
