package dev.migrateportkey.report;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Masks API keys in anything the tool prints: a Portkey key ({@code pk-...}), an upstream or
 * Concentrate key ({@code sk-...}) or another long key-like token keeps its first characters and
 * loses the rest, so a user can recognise it and nobody can use it. The kept prefix is as short
 * as possible ({@code pk-liv…}): a greedy one would keep every hyphenated segment but the last,
 * printing most of a key such as {@code sk-ant-api03-<secret>-<tail>}. Saved Config ids ({@code pc-...})
 * are not secrets (they are useless without a Portkey key) and are printed whole: the user must find them.
 */
public final class SecretMasker {
    private static final Pattern KEY = Pattern.compile(
            "\\b((?:pk|sk|rk)-(?:[A-Za-z0-9]+-)*?)([A-Za-z0-9_]{3})[A-Za-z0-9_\\-]{5,}");
    private static final String PLACEHOLDER = "sk-cn-v1-...";

    private SecretMasker() {
    }

    public static String mask(String text) {
        if (text == null || text.indexOf('-') < 0) {
            return text;
        }
        Matcher m = KEY.matcher(text);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String whole = m.group();
            String replacement = whole.equals(PLACEHOLDER) ? whole : m.group(1) + m.group(2) + "\u2026";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }
}
