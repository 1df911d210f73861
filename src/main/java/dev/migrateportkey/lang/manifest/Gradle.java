package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code build.gradle} and {@code build.gradle.kts}: a dependency notation string
 * ({@code "group:portkey-java-sdk:1.0"}) becomes the rule's coordinates in place, so the
 * configuration, quotes and parentheses stay; when the build already declares the OpenAI artifact,
 * a line holding only that declaration goes.
 */
final class Gradle {
    private static final Pattern NOTATION = Pattern.compile("([\"'])([^\"':\\s]+):([^\"':\\s]+)(?::([^\"'\\s]*))?\\1");

    private static final Pattern MAP_GROUP = Pattern.compile("\\bgroup\\s*:\\s*([\"'])([^\"']+)\\1");
    private static final Pattern MAP_NOTATION = Pattern.compile("\\bname\\s*:\\s*([\"'])([^\"']+)\\1");

    private Gradle() {
    }

    static void migrate(FileMigration work) {
        SourceText text = work.text();
        String all = text.text();
        Dependencies deps = new Dependencies(work);
        Matcher m = NOTATION.matcher(all);
        while (m.find()) {
            Rule r = deps.rule("maven", m.group(2), m.group(3)).orElse(null);
            if (r == null) {
                continue;
            }
            String[] to = r.to() == null ? new String[0] : r.to().split(":");
            boolean present = to.length >= 2 && all.contains(to[0] + ":" + to[1]);
            int at = m.start();
            if (!present && to.length >= 3) {
                String coordinates = m.group(4) == null ? to[0] + ":" + to[1] : r.to();
                deps.fix(at, r, m.group(3) + " replaced by " + r.to(),
                        TextEdit.replace(m.start(2), m.end() - 1, coordinates, r.id()));
            } else if (declarationOnly(text, at)) {
                deps.fix(at, r, m.group(3) + " removed (openai-java is already declared)", deps.deleteLine(at, r.id()));
            } else {
                work.manual(at, r, m.group(3) + " (remove it by hand)");
                deps.handled(at);
            }
        }
        Matcher map = MAP_NOTATION.matcher(all);
        while (map.find()) {
            Matcher group = MAP_GROUP.matcher(text.lineText(text.line(map.start())));
            Rule r = deps.rule("maven", group.find() ? group.group(2) : null, map.group(2)).orElse(null);
            if (r != null) {
                // group:/name:/version: maps are rare and vary too much to rewrite safely.
                work.manualWithTodo(map.start(2), map.start(2), r, map.group(2)
                        + " (map notation): replace it by hand with " + (r.to() == null ? "the OpenAI SDK" : r.to()), "//");
                deps.handled(map.start(2));
            }
        }
        deps.sweep("//");
    }

    /** {@code implementation("...")} or {@code implementation '...'} alone on its line. */
    private static boolean declarationOnly(SourceText text, int at) {
        String l = text.lineText(text.line(at)).strip();
        return l.matches("[A-Za-z]+[ \\t]*\\(?[ \\t]*([\"'])[^\"']*\\1[ \\t]*\\)?[ \\t]*(//.*)?");
    }
}
