package dev.migrateportkey.lang.json;

import dev.migrateportkey.config.ConfigDecomposer;
import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.config.Decomposition;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.report.SecretMasker;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A Portkey Config kept as a JSON file of its own ({@code configs/fallback.json}), which the code
 * reads and sends as {@code x-portkey-config}. Such a file often never says "portkey", so it is
 * recognised by its shape: a {@code strategy.mode} Portkey knows with a list of {@code targets}, or
 * target keys ({@code virtual_key}, {@code override_params}) next to another Config key.
 *
 * <p>The file itself is not rewritten: Concentrate has no Configs, and what the Config did must move
 * into the requests of the code that sends it. It is reported once, with what it decomposes into,
 * so the human (or {@code --config-file ID=PATH}) has the body params to hand.
 */
final class StandaloneConfigFile {
    static final String RULE = "config-file";
    private static final Set<String> MODES = Set.of("fallback", "loadbalance", "conditional", "single");
    private static final Set<String> TARGET_KEYS = Set.of("virtual_key", "override_params", "provider", "api_key",
            "custom_host", "weight");
    private static final Set<String> CONFIG_KEYS = Set.of("strategy", "targets", "retry", "cache", "request_timeout",
            "override_params", "virtual_key");

    private StandaloneConfigFile() {
    }

    /** Reports the file when the whole of it is a Portkey Config; anything else is left to the settings rules. */
    static void reportIfConfig(FileMigration work) {
        String text = work.text().text();
        if (!text.strip().startsWith("{")) {
            return;
        }
        if (!(ConfigText.parse(text) instanceof ConfigText.Inline inline) || !isConfig(inline.config())) {
            return;
        }
        Decomposition d = new ConfigDecomposer(work.rules(), work.options()).decompose(inline.config());
        int at = text.indexOf('{');
        work.config(at, work.file().displayPath(), d.bodyParams(), d.dropped(), d.manual());
        String becomes = d.bodyParams().isEmpty() ? "no body params"
                : "the body params " + SecretMasker.mask(ConfigText.toJson(d.bodyParams()));
        String rest = (d.clientTimeoutMs() == null ? "" : ", and a client timeout of " + d.clientTimeoutMs() + " ms")
                + (d.guesses().isEmpty() ? "" : "; guessed: " + String.join(", ", d.guesses()))
                + (d.manual().isEmpty() ? "" : "; by hand: " + SecretMasker.mask(String.join(", ", d.manual())));
        work.rules().byId(RULE).ifPresent(rule -> work.manual(at, rule,
                "a Portkey Config kept as its own file; decomposed it becomes " + becomes + rest));
    }

    static boolean isConfig(Map<String, Object> config) {
        Object strategy = config.get("strategy");
        if (strategy instanceof Map<?, ?> s && s.get("mode") instanceof String mode && MODES.contains(mode)
                && config.get("targets") instanceof List<?> targets && !targets.isEmpty()
                && targets.stream().allMatch(t -> t instanceof Map<?, ?> m && m.keySet().stream().anyMatch(TARGET_KEYS::contains))) {
            return true;
        }
        boolean targetKey = config.containsKey("virtual_key") || config.containsKey("override_params");
        long configKeys = config.keySet().stream().filter(CONFIG_KEYS::contains).count();
        return targetKey && configKeys >= 2;
    }
}
