package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;

import java.util.HashMap;
import java.util.Map;

import static dev.migrateportkey.lang.typescript.JsFileContext.COMMENT;

/**
 * LangChain.js's own Portkey classes ({@code PortkeyChat} from {@code langchain/chat_models/portkey},
 * {@code Portkey} from {@code @langchain/community/llms/portkey}, ...): they call the Portkey gateway
 * through portkey-ai v0 with {@code mode}/{@code llms} options that have no one-to-one counterpart in
 * {@code ChatOpenAI}, so the import and every {@code new} of them are manual items whose message
 * gives the replacement. Which modules these are is the rule table's business (a portkey-api rule
 * matching {@code npm:<module>}); without this, the class name did not say Portkey to any other
 * handler and {@code check} passed a file that still calls Portkey.
 */
final class LangChainPortkey {
    private final JsFileContext ctx;
    /** Local names bound to a class of such a module, with the rule and module that bound them. */
    private final Map<String, String> modules = new HashMap<>();
    private final Map<String, Rule> rulesByName = new HashMap<>();

    LangChainPortkey(JsFileContext ctx) {
        this.ctx = ctx;
    }

    /** Reports each import or require of such a module, and remembers the names it binds. */
    void collect(Iterable<JsNode> all) {
        for (JsNode n : all) {
            JsNode source = null;
            JsNode names = null;
            if (n.is("import_statement")) {
                source = n.child("source");
                names = n.childOfType("import_clause");
            } else if (n.is("variable_declarator") && n.child("value") != null && n.child("value").is("call_expression")) {
                JsNode call = n.child("value");
                JsNode args = call.child("arguments");
                if (call.child("function") != null && call.child("function").text().equals("require")
                        && args != null && args.namedChildren().size() == 1) {
                    source = args.namedChildren().get(0);
                    names = n.child("name");
                }
            }
            String module = source == null ? null : JsValues.literal(source);
            Rule rule = module == null ? null : ruleFor(module);
            if (rule == null || ctx.isClaimed(n)) {
                continue;
            }
            if (names != null) {
                for (JsNode id : names.findAll(x -> x.is("identifier") || x.is("shorthand_property_identifier_pattern"))) {
                    // `{ Portkey as LcPortkey }` binds the alias; the imported name is not in scope.
                    JsNode spec = id.parent();
                    if (spec != null && spec.is("import_specifier") && spec.child("alias") != null && spec.child("alias") != id) {
                        continue;
                    }
                    modules.put(id.text(), module);
                    rulesByName.put(id.text(), rule);
                }
            }
            JsNode statement = n.is("import_statement") ? n : n.parent();
            // The TODO goes above each `new` of the class (it says what to write there); the import
            // is still reported, so check keeps failing while it is there.
            ctx.work.manual(statement.start(), rule, "import from '" + module + "' (LangChain's Portkey integration)");
            ctx.claim(statement);
        }
    }

    /** Handles {@code new X(...)} of such a class: a manual item, the code stays. False for anything else. */
    boolean newExpression(JsNode n) {
        JsNode ctor = n.child("constructor");
        if (ctor == null || !ctor.is("identifier") || !modules.containsKey(ctor.text())) {
            return false;
        }
        String replacement = ctor.text().contains("Chat") ? "ChatOpenAI" : "OpenAI";
        ctx.work.manualWithTodo(n.start(), ctx.anchor(n), rulesByName.get(ctor.text()),
                "new " + ctor.text() + "(...) from '" + modules.get(ctor.text()) + "' still calls Portkey (make it new "
                        + replacement + "(...) from '@langchain/openai')", COMMENT);
        ctx.claim(n);
        return true;
    }

    /** The portkey-api rule naming {@code module} exactly ({@code npm:langchain/chat_models/portkey}), or null. */
    private Rule ruleFor(String module) {
        String subject = Imports.NPM + module;
        return ctx.rules.find(RuleKind.PORTKEY_API, subject)
                .filter(r -> r.match().stream().anyMatch(m -> m.equalsIgnoreCase(subject))).orElse(null);
    }
}
