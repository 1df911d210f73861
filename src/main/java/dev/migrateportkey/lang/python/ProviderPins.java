package dev.migrateportkey.lang.python;

import dev.migrateportkey.config.ProviderPin;
import dev.migrateportkey.config.ProviderResolver;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The providers one file pinned its Portkey requests to (a provider header or parameter, a virtual
 * key, a Config's target), each with the rule that moved it into the model slug. Collected while
 * headers, client parameters and Configs are rewritten; the model strings read it last.
 */
final class ProviderPins {
    /** A provider the code pinned its requests to, and the rule that moved it into the model slug. */
    record Pin(ProviderPin pin, Rule rule) {
    }

    private final ProviderResolver providers;
    private final List<Pin> pins = new ArrayList<>();

    ProviderPins(ProviderResolver providers) {
        this.providers = providers;
    }

    void add(ProviderPin pin, Rule rule) {
        pins.add(new Pin(pin, rule));
    }

    /** A parameter that pinned a provider: the rule's own prefix (aws_*, azure_*), else its value. */
    void fromParameter(String name, Node value, Rule r) {
        if (r.prefix() != null) {
            add(new ProviderPin(r.prefix(), name, false), r);
        } else {
            fromValue(value, r);
        }
    }

    /** A string literal naming a provider or a virtual key the tool can resolve. */
    void fromValue(Node value, Rule r) {
        PythonStrings.value(value).flatMap(providers::resolve).ifPresent(p -> add(p, r));
    }

    /**
     * The pin every model string of the file follows, when all name one provider (the first known
     * one, else the first guess); else null.
     */
    Pin single() {
        Set<String> prefixes = new LinkedHashSet<>();
        pins.forEach(p -> prefixes.add(p.pin().prefix()));
        if (prefixes.size() != 1) {
            return null;
        }
        // A pin the tool knows beats one guessed from a name for the same provider: nothing to confirm.
        return pins.stream().filter(p -> !p.pin().guessed()).findFirst().orElse(pins.get(0));
    }
}
