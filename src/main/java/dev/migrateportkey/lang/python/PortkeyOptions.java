package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.Set;

import static dev.migrateportkey.lang.python.PythonFileContext.oneLine;

/**
 * What the Portkey SDK's keyword options become where the client constructor and
 * {@code with_options(...)} treat them alike: an option the OpenAI client would reject goes, and
 * what it carried moves (a provider into the model slug, a Config into body params); a timeout in
 * milliseconds becomes the OpenAI SDK's {@code timeout} in seconds. Each call handler keeps the
 * actions it treats its own way.
 */
final class PortkeyOptions extends PythonShapeHandler {
    private final PythonConfigs configs;

    PortkeyOptions(PythonFileContext ctx, PythonConfigs configs) {
        super(ctx);
        this.configs = configs;
    }

    /**
     * Removes option {@code name} ({@code arg}, holding {@code value}) of {@code call} when its
     * rule drops it, moves it into the model slug or decomposes it as a Config: it joins
     * {@code remove}. Returns false, changing nothing, for any other action.
     */
    boolean remove(Node call, String name, Node arg, Node value, Rule r, String subject, Set<Node> remove) {
        switch (r.action()) {
            case DROP -> {
                remove.add(arg);
                work.fix(arg.start(), r, subject);
            }
            case TO_MODEL_PREFIX -> {
                remove.add(arg);
                work.fix(arg.start(), r, subject);
                ctx.pins().fromParameter(name, value, r);
            }
            case DECOMPOSE_CONFIG -> {
                remove.add(arg);
                configs.config(value, call, r, subject);
            }
            default -> {
                return false;
            }
        }
        return true;
    }

    /** A Portkey timeout (milliseconds) in {@code arg} becomes {@code timeout=} in seconds. */
    void timeout(Node arg, Node value, Rule r, String subject) {
        String v = value.is("integer") || value.is("float") ? PythonFileContext.seconds(value.text()) : "(" + value.text() + ") / 1000";
        work.fix(arg.start(), r, subject, TextEdit.replace(arg.start(), arg.end(), "timeout=" + v, r.id()));
    }

    /** The TODO for an option that becomes a body param of each request, with the value it had. */
    static String bodyParamTodo(Rule r, Node value) {
        return "pass " + r.param() + " in the body of each request: extra_body={" + PythonStrings.quote(r.param()) + ": "
                + oneLine(value.text()) + "}";
    }
}
