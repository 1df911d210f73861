package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code requirements*.txt}: a Portkey requirement line becomes the rule's OpenAI requirement
 * ({@code openai>=1.66}) in place, keeping its trailing comment, or goes when the file already
 * requires {@code openai}.
 */
final class PythonRequirements {
    private static final Pattern REQUIREMENT = Pattern.compile(
            "^([ \\t]*)([A-Za-z0-9][A-Za-z0-9._-]*)(\\[[^\\]]*\\])?[^#]*?(?=[ \\t]+#|$)");

    private PythonRequirements() {
    }

    static void migrate(FileMigration work) {
        SourceText text = work.text();
        Dependencies deps = new Dependencies(work);
        boolean hasOpenAi = false;
        for (int line = 1; line <= text.lineCount(); line++) {
            Matcher m = REQUIREMENT.matcher(text.lineText(line));
            if (m.find() && Dependencies.normalizePython(m.group(2)).equals("openai")) {
                hasOpenAi = true;
                String spec = m.group().substring(m.end(m.group(3) != null ? 3 : 2) - m.start());
                int marker = spec.indexOf(';');
                deps.checkOpenAiVersion("pypi", marker < 0 ? spec : spec.substring(0, marker),
                        text.offset(line, 1) + m.start(2), "#");
            }
        }
        for (int line = 1; line <= text.lineCount(); line++) {
            String l = text.lineText(line);
            Matcher m = REQUIREMENT.matcher(l);
            if (!m.find()) {
                continue;
            }
            Rule r = deps.rule("pypi", m.group(2)).orElse(null);
            if (r == null) {
                continue;
            }
            int start = text.offset(line, 1);
            if (hasOpenAi || r.to() == null) {
                deps.fix(start, r, m.group(2) + " removed (the file already requires openai)", deps.deleteLine(start, r.id()));
            } else {
                String spec = m.group().substring(m.group(1).length()).stripTrailing();
                int from = start + m.start(2);
                deps.fix(from, r, m.group(2) + " replaced by " + r.to(),
                        TextEdit.replace(from, from + spec.length(), r.to(), r.id()));
                hasOpenAi = true;
            }
        }
        deps.sweep("#");
    }
}
