package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code package.json}: a {@code "portkey-ai": "range"} entry becomes the rule's
 * {@code "openai": "range"} in place (its comma and layout kept), or goes with its line when
 * {@code openai} is already listed; then the comma of the entry before it goes too when it was the
 * last one. The lock file is never touched: the finding says to regenerate it.
 */
final class PackageJson {
    private static final Pattern ENTRY = Pattern.compile("\"((?:@[^\"/]+/)?[^\"@/][^\"]*)\"([ \\t]*:[ \\t]*)\"([^\"]*)\"");

    private PackageJson() {
    }

    static void migrate(FileMigration work) {
        SourceText text = work.text();
        String all = text.text();
        Dependencies deps = new Dependencies(work);
        boolean hasOpenAi = Pattern.compile("\"openai\"[ \\t]*:").matcher(all).find();
        Matcher m = ENTRY.matcher(all);
        while (m.find()) {
            if (m.group(1).equals("openai")) {
                deps.checkOpenAiVersion("npm", m.group(3), m.start(), null);
                continue;
            }
            Rule r = deps.rule("npm", m.group(1)).orElse(null);
            if (r == null) {
                continue;
            }
            int at = m.start();
            if (!hasOpenAi && r.to() != null) {
                int sep = r.to().lastIndexOf('@');
                String name = sep > 0 ? r.to().substring(0, sep) : r.to();
                String range = sep > 0 ? r.to().substring(sep + 1) : "*";
                String replacement = "\"" + name + "\"" + m.group(2) + "\"" + range + "\"";
                deps.fix(at, r, m.group(1) + " replaced by " + name + " " + range,
                        TextEdit.replace(m.start(), m.end(), replacement, r.id()));
                hasOpenAi = true;
            } else if (ownsLine(text, m)) {
                TextEdit line = deps.deleteLine(at, r.id());
                String after = all.substring(m.end(), text.lineEnd(at)).strip();
                TextEdit comma = after.startsWith(",") ? null : previousComma(all, text.lineStart(at), r.id());
                if (comma != null) {
                    deps.fix(at, r, m.group(1) + " removed (openai is already listed)", line, comma);
                } else {
                    deps.fix(at, r, m.group(1) + " removed (openai is already listed)", line);
                }
            } else {
                work.manual(at, r, m.group(1) + " (shares its line with other entries: remove it by hand)");
                deps.handled(at);
            }
        }
        deps.sweep(null);
    }

    private static boolean ownsLine(SourceText text, Matcher m) {
        String before = text.text().substring(text.lineStart(m.start()), m.start()).strip();
        String after = text.text().substring(m.end(), text.lineEnd(m.start())).strip();
        return before.isEmpty() && (after.isEmpty() || after.equals(","));
    }

    /** The comma after the previous entry, which would be left trailing once the last entry goes. */
    private static TextEdit previousComma(String all, int lineStart, String ruleId) {
        int i = lineStart - 1;
        while (i >= 0 && Character.isWhitespace(all.charAt(i))) {
            i--;
        }
        return i >= 0 && all.charAt(i) == ',' ? TextEdit.delete(i, i + 1, ruleId) : null;
    }
}
