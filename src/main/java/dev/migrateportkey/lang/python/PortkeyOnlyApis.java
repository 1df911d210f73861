package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.Locale;
import java.util.Optional;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * Portkey APIs with no Concentrate equivalent (Prompts, Feedback, ...), as the {@code portkey-api}
 * rules name them: called through the SDK ({@code client.prompts.completions.create(...)}) or
 * named by URL ({@code https://api.portkey.ai/v1/feedback}). Each use is a manual item with a TODO.
 */
final class PortkeyOnlyApis extends PythonShapeHandler {

    PortkeyOnlyApis(PythonFileContext ctx) {
        super(ctx);
    }

    /** Calls of Portkey-only APIs ({@code client.prompts.completions.create(...)}): a human decides. */
    boolean call(Node call, Node fn) {
        if (!fn.is("attribute")) {
            return false;
        }
        String path = fn.text().replaceAll("\\s+", "").toLowerCase(Locale.ROOT);
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            for (String m : r.match()) {
                if (m.startsWith("/")) {
                    continue;
                }
                String p = m.toLowerCase(Locale.ROOT);
                if (path.equals(p) || path.endsWith("." + p)) {
                    work.manualWithTodo(call.start(), PythonEdits.anchor(call), r, fn.text().replaceAll("\\s+", "") + "(...)", COMMENT);
                    ctx.consume(call);
                    return true;
                }
            }
        }
        return false;
    }

    /** The rule of the Portkey-only endpoint a URL on api.portkey.ai names, if any. */
    Optional<Rule> endpoint(String url) {
        int host = url.toLowerCase(Locale.ROOT).indexOf("api.portkey.ai");
        String path = url.substring(host + "api.portkey.ai".length());
        int end = 0;
        while (end < path.length() && "\"'`} \n".indexOf(path.charAt(end)) < 0) {
            end++;
        }
        path = path.substring(0, end);
        for (Rule r : rules.ofKind(RuleKind.PORTKEY_API)) {
            if (r.specificity(path) >= 0 && r.match().stream().anyMatch(p -> p.startsWith("/"))) {
                return Optional.of(r);
            }
        }
        return Optional.empty();
    }
}
