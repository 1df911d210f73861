package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.migrateportkey.lang.python.PythonFileContext.PORTKEY_MODULE;

/**
 * The target of a test double ({@code patch("portkey_ai.Portkey")}, {@code mocker.patch("app.llm.AsyncPortkey")},
 * {@code monkeypatch.setattr("app.llm.Portkey", ...)}): once the code under test builds
 * {@code OpenAI}/{@code AsyncOpenAI}, a target naming the Portkey class fails to import
 * ({@code portkey_ai} is gone) or patches nothing and lets the test reach the network. It follows
 * the class: {@code portkey_ai.X} becomes {@code openai.Y}, and {@code module.X} becomes
 * {@code module.Y}, the name the migrated module now imports.
 */
final class PythonMockTargets extends PythonShapeHandler {
    /** A dotted mock target naming a Portkey client class: {@code portkey_ai.Portkey}, {@code app.llm.AsyncPortkey}. */
    private static final Pattern MOCK_TARGET = Pattern.compile("((?:[A-Za-z_][A-Za-z0-9_]*\\.)+)(AsyncPortkey|Portkey)");
    /** Callees that take a dotted target as their first argument: {@code patch}, {@code mocker.patch}, {@code monkeypatch.setattr}. */
    private static final Set<String> MOCK_CALLEES = Set.of("patch", "setattr");

    PythonMockTargets(PythonFileContext ctx) {
        super(ctx);
    }

    /** Rewrites {@code lit} (whose value is {@code value}) when it is a mock target; says whether it was. */
    boolean rewrite(Node lit, String value) {
        Matcher m = MOCK_TARGET.matcher(value);
        Node args = lit.parent();
        if (!m.matches() || args == null || !args.is("argument_list") || args.namedChildren().isEmpty()
                || args.namedChildren().get(0).start() != lit.start()) {
            return false;
        }
        Node call = args.parent();
        Node fn = call == null ? null : call.field("function");
        Node name = fn == null ? null : fn.is("attribute") ? fn.field("attribute") : fn;
        if (name == null || !name.is("identifier") || !MOCK_CALLEES.contains(name.text())) {
            return false;
        }
        String module = m.group(1).equals(PORTKEY_MODULE + ".") ? "openai." : m.group(1);
        String target = module + PortkeyNames.openaiClass(m.group(2));
        Rule r = ctx.dependencyRule();
        work.fix(lit.start(), r, "mock target '" + value + "' follows the client class to '" + target + "'",
                PythonEdits.replace(lit, PythonStrings.quote(target, PythonStrings.quoteOf(lit)), r.id()));
        ctx.consume(lit);
        return true;
    }
}
