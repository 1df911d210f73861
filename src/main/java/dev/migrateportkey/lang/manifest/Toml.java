package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pyproject.toml} and {@code Pipfile}, line by line: PEP 508 strings in arrays
 * ({@code dependencies = ["portkey-ai>=1.0", ...]}, optional dependencies, dependency groups) and
 * {@code name = spec} lines of dependency tables ({@code [tool.poetry.dependencies]},
 * {@code [packages]}). The Portkey SDK becomes the rule's OpenAI requirement in place, or goes
 * when the file already names {@code openai}.
 */
final class Toml {
    private static final Pattern TABLE = Pattern.compile("^[ \\t]*\\[\\[?([^\\]]+)\\]\\]?");
    private static final Pattern TABLE_ENTRY = Pattern.compile("^([ \\t]*)(\"[^\"]+\"|'[^']+'|[A-Za-z0-9_.-]+)[ \\t]*=[ \\t]*(.*?)[ \\t]*(#.*)?$");
    private static final Pattern STRING = Pattern.compile("\"([^\"\\\\]*)\"|'([^']*)'");
    private static final Pattern PEP508 = Pattern.compile("^[ \\t]*([A-Za-z0-9][A-Za-z0-9._-]*)[ \\t]*(\\[[^\\]]*\\])?[ \\t]*([<>=!~].*|;.*|@.*)?$");

    private Toml() {
    }

    static void migrate(FileMigration work) {
        SourceText text = work.text();
        Dependencies deps = new Dependencies(work);
        boolean hasOpenAi = scanForOpenAi(text, deps);
        String table = "";
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            int start = text.offset(line, 1);
            if (l.strip().startsWith("#")) {
                continue;
            }
            Matcher t = TABLE.matcher(l);
            if (t.find() && !l.contains("=")) {
                table = t.group(1).strip();
                continue;
            }
            Matcher e = TABLE_ENTRY.matcher(l);
            if (isDependencyTable(table) && e.find()) {
                String name = unquote(e.group(2));
                Rule r = deps.rule("pypi", name).orElse(null);
                if (r != null) {
                    if (hasOpenAi || r.to() == null) {
                        deps.fix(start, r, name + " removed (openai is already listed)", deps.deleteLine(start, r.id()));
                    } else {
                        String to = Dependencies.requirementName(r.to());
                        String spec = r.to().substring(to.length()).strip();
                        String replacement = to + " = \"" + (spec.isEmpty() ? "*" : spec) + "\"";
                        int from = start + e.start(2);
                        int end = start + e.end(3);
                        deps.fix(from, r, name + " replaced by " + r.to(), TextEdit.replace(from, end, replacement, r.id()));
                        hasOpenAi = true;
                    }
                    continue;
                }
            }
            Matcher s = STRING.matcher(l);
            while (s.find()) {
                int g = s.group(1) != null ? 1 : 2;
                Matcher p = PEP508.matcher(s.group(g));
                if (!p.matches()) {
                    continue;
                }
                Rule r = deps.rule("pypi", p.group(1)).orElse(null);
                if (r == null) {
                    continue;
                }
                int from = start + s.start(g);
                if (hasOpenAi || r.to() == null) {
                    deps.fix(from, r, p.group(1) + " removed (openai is already listed)", removeElement(text, deps, start, l, s, r));
                } else {
                    deps.fix(from, r, p.group(1) + " replaced by " + r.to(),
                            TextEdit.replace(from, start + s.end(g), r.to(), r.id()));
                    hasOpenAi = true;
                }
            }
        }
        deps.sweep("#");
    }

    /** The element's own line when it stands alone on it, else the string and its comma. */
    private static TextEdit removeElement(SourceText text, Dependencies deps, int start, String l, Matcher s, Rule r) {
        String rest = l.substring(s.end()).strip();
        String before = l.substring(0, s.start()).strip();
        if (before.isEmpty() && (rest.isEmpty() || rest.equals(",") || rest.startsWith("#") || rest.matches(",[ \\t]*#.*"))) {
            return deps.deleteLine(start, r.id());
        }
        int end = s.end();
        while (end < l.length() && (l.charAt(end) == ' ' || l.charAt(end) == '\t')) {
            end++;
        }
        if (end < l.length() && l.charAt(end) == ',') {
            end++;
            while (end < l.length() && l.charAt(end) == ' ') {
                end++;
            }
            return TextEdit.delete(start + s.start(), start + end, r.id());
        }
        int from = s.start();
        while (from > 0 && (l.charAt(from - 1) == ' ' || l.charAt(from - 1) == '\t')) {
            from--;
        }
        if (from > 0 && l.charAt(from - 1) == ',') {
            from--;
        }
        return TextEdit.delete(start + from, start + s.end(), r.id());
    }

    /** Whether the file lists openai anywhere; a listed version too old for the Responses API is reported. */
    private static boolean scanForOpenAi(SourceText text, Dependencies deps) {
        boolean found = false;
        String table = "";
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            Matcher t = TABLE.matcher(l);
            if (t.find() && !l.contains("=")) {
                table = t.group(1).strip();
                continue;
            }
            Matcher e = TABLE_ENTRY.matcher(l);
            int start = text.offset(line, 1);
            if (isDependencyTable(table) && e.find() && Dependencies.normalizePython(unquote(e.group(2))).equals("openai")) {
                found = true;
                deps.checkOpenAiVersion("pypi", unquote(e.group(3)), start + e.start(2), "#");
                continue;
            }
            Matcher s = STRING.matcher(l);
            while (s.find()) {
                Matcher p = PEP508.matcher(s.group(1) != null ? s.group(1) : s.group(2));
                if (p.matches() && Dependencies.normalizePython(p.group(1)).equals("openai")) {
                    found = true;
                    String spec = p.group(3) == null ? "" : p.group(3);
                    int marker = spec.indexOf(';');
                    deps.checkOpenAiVersion("pypi", marker < 0 ? spec : spec.substring(0, marker),
                            start + s.start(), "#");
                }
            }
        }
        return found;
    }

    private static boolean isDependencyTable(String table) {
        String t = table.toLowerCase(Locale.ROOT);
        return t.endsWith("dependencies") || t.equals("packages") || t.equals("dev-packages");
    }

    private static String unquote(String s) {
        if (s.length() >= 2 && (s.charAt(0) == '"' || s.charAt(0) == '\'')) {
            return s.substring(1, s.length() - 1);
        }
        return s;
    }
}
