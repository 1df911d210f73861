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
 *
 * <p>Real Portkey keys have no prefix (28 characters of base64, such as {@code hyXJ...}), so a value
 * assigned to a name that says it is a secret ({@code PORTKEY_API_KEY=...}, {@code api-key: ...},
 * {@code token=...}) is masked too when it looks like a token (long, letters and digits, no spaces).
 * Code that knows a value is a key masks it with {@link #maskSecret(String)} whatever its shape.
 */
public final class SecretMasker {
    private static final Pattern KEY = Pattern.compile(
            "\\b((?:pk|sk|rk)-(?:[A-Za-z0-9]+-)*?)([A-Za-z0-9_]{3})[A-Za-z0-9_\\-]{5,}");
    private static final String PLACEHOLDER = "sk-cn-v1-...";
    /** A secret-named key, its separator, and a token-like value (at least one letter and one digit). */
    private static final Pattern NAMED = Pattern.compile(
            "(?i)((?:api[-_.]?key|apikey|token|secret|password|passwd)[\"']?\\s*(?:=|:|\\s)\\s*[\"'(]?)"
                    + "(?=[A-Za-z0-9+/_=.\\-]*[0-9])(?=[A-Za-z0-9+/_=.\\-]*[A-Za-z])([A-Za-z0-9+/_=.\\-]{12,})");
    private static final int KEPT = 4;

    private SecretMasker() {
    }

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String named = maskNamed(text);
        if (named.indexOf('-') < 0) {
            return named;
        }
        Matcher m = KEY.matcher(named);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String whole = m.group();
            String replacement = whole.equals(PLACEHOLDER) ? whole : m.group(1) + m.group(2) + "\u2026";
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(sb);
        return sb.toString();
    }

    /**
     * Masks a value the caller knows to be a key, whatever it looks like: a prefixed key as
     * {@link #mask(String)} does, anything else keeps its first four characters ({@code hyXJ…}); a
     * value too short to keep anything becomes {@code …}. The placeholder is kept.
     */
    public static String maskSecret(String value) {
        if (value == null || value.isEmpty() || value.equals(PLACEHOLDER)) {
            return value;
        }
        String masked = mask(value);
        if (!masked.equals(value)) {
            return masked;
        }
        return value.length() < 2 * KEPT ? "\u2026" : value.substring(0, KEPT) + "\u2026";
    }

    private static String maskNamed(String text) {
        Matcher m = NAMED.matcher(text);
        if (!m.find()) {
            return text;
        }
        StringBuilder sb = new StringBuilder();
        do {
            String value = m.group(2);
            String replacement = value.equals(PLACEHOLDER) || value.startsWith("sk-cn-v1-...")
                    ? m.group() : m.group(1) + maskSecret(value);
            m.appendReplacement(sb, Matcher.quoteReplacement(replacement));
        } while (m.find());
        m.appendTail(sb);
        return sb.toString();
    }
}
