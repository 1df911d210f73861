package dev.migrateportkey.lang.text;

import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Helm chart values named after Portkey ({@code portkeyApiKey: ""}, {@code portkey: {apiKey: ...}}
 * in {@code values.yaml}) and the template lines that read them ({@code {{ .Values.portkey.apiKey }}}).
 *
 * <p>A values key is the chart's interface: every {@code values-*.yaml} override, {@code --set}
 * flag and parent chart names it, most of them outside the repository. The tool therefore never
 * renames one. Each key, and each template line reading one, is a manual item that names the key
 * and says what it must hold now, taken from the env-var rule of the variable the key stands for
 * ({@code portkey.apiKey} and {@code portkeyApiKey} stand for {@code PORTKEY_API_KEY}).
 */
final class ChartValues {
    /** The rule whose id the findings carry. */
    static final String RULE = "helm-values-portkey-key";

    /** A values path a template reads: {@code .Values.a.b} (group 1 is {@code a.b}). */
    private static final Pattern VALUES_READ = Pattern.compile("\\.Values((?:\\.[A-Za-z_][A-Za-z0-9_-]*)+)");

    private ChartValues() {
    }

    /** Helm's values files: {@code values.yaml}, {@code values-prod.yaml}, {@code values.prod.yml}, {@code prod-values.yaml}. */
    static boolean isValuesFile(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (!n.endsWith(".yaml") && !n.endsWith(".yml")) {
            return false;
        }
        String base = n.substring(0, n.lastIndexOf('.'));
        return base.equals("values") || base.startsWith("values-") || base.startsWith("values.")
                || base.endsWith("-values") || base.endsWith(".values") || base.endsWith("_values");
    }

    /** The first values path read on this line that names Portkey ({@code portkey.apiKey}), or null. */
    static String read(String line) {
        Matcher m = VALUES_READ.matcher(line);
        while (m.find()) {
            String path = m.group(1).substring(1);
            if (path.toLowerCase(Locale.ROOT).contains("portkey")) {
                return path;
            }
        }
        return null;
    }

    /**
     * Whether a values key path names Portkey as a chart value: a segment starting with
     * "portkey" (any case) that is not an environment variable name (an {@code env} list's
     * {@code PORTKEY_API_KEY} follows the env-var rules instead).
     */
    static boolean isChartKey(String path) {
        for (String seg : path.split("\\.")) {
            if (seg.toLowerCase(Locale.ROOT).startsWith("portkey") && !VariableReferences.isEnvName(seg)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The environment variable a values path stands for, from its first segment naming Portkey on:
     * {@code llm.portkey.apiKey}, {@code portkeyApiKey} and {@code portkey.api-key} all give
     * {@code PORTKEY_API_KEY}.
     */
    static String variable(String path) {
        int at = path.toLowerCase(Locale.ROOT).indexOf("portkey");
        int segStart = path.lastIndexOf('.', at) + 1;
        String tail = path.substring(segStart);
        return tail.replaceAll("([a-z0-9])([A-Z])", "$1_$2").replaceAll("[.\\-]", "_").toUpperCase(Locale.ROOT);
    }

    /** Whether the variable's rule renames it (so the value still has a job), rather than retiring it. */
    private static boolean renamed(RuleTable rules, String variable) {
        return rules.envVar(variable).filter(r -> r.action() == Action.REPLACE_ENV && r.to() != null).isPresent();
    }

    /** What a value standing for {@code variable} must hold now, from that variable's env-var rule. */
    static String mustHold(RuleTable rules, String variable) {
        Optional<Rule> r = rules.envVar(variable);
        if (r.isPresent() && r.get().action() == Action.REPLACE_ENV && r.get().to() != null) {
            return "it stands for " + variable + ", which becomes " + r.get().to() + ". " + r.get().note();
        }
        if (r.isPresent()) {
            return "it stands for " + variable + ". " + r.get().note();
        }
        return "it still configures Portkey: point it at Concentrate or remove it.";
    }

    /** The advice for a template line reading {@code path}; the same text on every run, so its TODO is written once. */
    static String readMessage(RuleTable rules, String path) {
        return "this line reads the chart value " + path + ": " + mustHold(rules, variable(path))
                + " Set that value in values.yaml and in every override (-f files, --set), or rename it there"
                + " and in every template that reads it together (a rename changes the chart's interface).";
    }

    /** The advice for the values key {@code path} itself, holding {@code shown} (already masked). */
    static String keyMessage(RuleTable rules, String path, String shown) {
        String head = "chart value " + path + (shown.isEmpty() ? "" : " (" + shown + ")") + ", read by templates as .Values." + path
                + ": " + mustHold(rules, variable(path));
        if (!renamed(rules, variable(path))) {
            return head + " Remove it here, in the templates that read it and in every override (-f files, --set) together.";
        }
        return head + " Renaming the key changes the chart's interface: keep it and set what it holds, or rename it"
                + " here, in the templates and in every override (-f files, --set) together.";
    }
}
