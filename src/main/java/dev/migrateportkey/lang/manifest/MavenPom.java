package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code pom.xml}: a {@code <dependency>} whose artifactId has a rule (the community
 * {@code portkey-java-sdk}) becomes the rule's {@code group:artifact:version} (the official
 * {@code com.openai:openai-java}) by rewriting its coordinates in place, so scope, comments and
 * layout stay; when the POM already declares that artifact, the element goes with its lines.
 */
final class MavenPom {
    private static final Pattern DEPENDENCY = Pattern.compile("<dependency>(.*?)</dependency>", Pattern.DOTALL);
    private static final Pattern GROUP = Pattern.compile("<groupId>\\s*([^<]*?)\\s*</groupId>");
    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>\\s*([^<]*?)\\s*</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<version>\\s*([^<]*?)\\s*</version>");

    private MavenPom() {
    }

    static void migrate(FileMigration work) {
        SourceText text = work.text();
        String all = text.text();
        Dependencies deps = new Dependencies(work);
        Matcher d = DEPENDENCY.matcher(all);
        List<int[]> blocks = new ArrayList<>();
        while (d.find()) {
            blocks.add(new int[]{d.start(), d.end(), d.start(1), d.end(1)});
        }
        for (int[] b : blocks) {
            String body = all.substring(b[2], b[3]);
            Matcher a = ARTIFACT.matcher(body);
            if (!a.find()) {
                continue;
            }
            Matcher declaredGroup = GROUP.matcher(body);
            Rule r = deps.rule("maven", declaredGroup.find() ? declaredGroup.group(1) : null, a.group(1)).orElse(null);
            if (r == null) {
                continue;
            }
            String[] to = r.to() == null ? new String[0] : r.to().split(":");
            boolean present = to.length >= 2 && declares(all, to[0], to[1]);
            if (present || to.length < 3) {
                int start = text.lineStart(b[0]);
                int end = text.nextLineStart(b[1] - 1);
                boolean owns = all.substring(start, b[0]).isBlank() && all.substring(b[1], text.lineEnd(b[1] - 1)).isBlank();
                TextEdit cut = owns ? TextEdit.delete(start, end, r.id()) : TextEdit.delete(b[0], b[1], r.id());
                deps.fix(b[0], r, a.group(1) + " removed (" + (present ? "openai-java is already declared" : "no replacement") + ")", cut);
                markLines(deps, text, b[0], b[1]);
                continue;
            }
            List<TextEdit> edits = new ArrayList<>();
            Matcher g = GROUP.matcher(body);
            if (g.find()) {
                edits.add(TextEdit.replace(b[2] + g.start(1), b[2] + g.end(1), to[0], r.id()));
            }
            edits.add(TextEdit.replace(b[2] + a.start(1), b[2] + a.end(1), to[1], r.id()));
            Matcher v = VERSION.matcher(body);
            if (v.find()) {
                edits.add(TextEdit.replace(b[2] + v.start(1), b[2] + v.end(1), to[2], r.id()));
            } else {
                int lineEnd = text.lineEnd(b[2] + a.end());
                edits.add(TextEdit.insert(lineEnd, text.lineSeparator() + text.indentation(b[2] + a.start())
                        + "<version>" + to[2] + "</version>", r.id()));
            }
            deps.fix(b[0], r, a.group(1) + " replaced by " + r.to(), edits.toArray(TextEdit[]::new));
            markLines(deps, text, b[0], b[1]);
        }
        deps.sweep(null);
    }

    private static boolean declares(String all, String group, String artifact) {
        Matcher d = DEPENDENCY.matcher(all);
        while (d.find()) {
            String body = d.group(1);
            Matcher g = GROUP.matcher(body);
            Matcher a = ARTIFACT.matcher(body);
            if (g.find() && a.find() && g.group(1).equals(group) && a.group(1).equals(artifact)) {
                return true;
            }
        }
        return false;
    }

    private static void markLines(Dependencies deps, SourceText text, int from, int to) {
        for (int at = from; at < to; at = text.nextLineStart(at)) {
            deps.handled(at);
            if (text.nextLineStart(at) <= at) {
                break;
            }
        }
    }
}
