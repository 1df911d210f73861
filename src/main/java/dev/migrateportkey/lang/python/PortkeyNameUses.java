package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.List;

/**
 * Uses of names imported from portkey_ai that are not a call the other handlers rewrite:
 * {@code PORTKEY_GATEWAY_URL} in an expression becomes Concentrate's URL, and a client class
 * named in a type hint or an {@code isinstance} follows the import's rename to the OpenAI class.
 * A name that stays in use as Portkey's (assigned to, a client left on Portkey) keeps its import.
 */
final class PortkeyNameUses extends PythonShapeHandler {
    private final PortkeyNames names;

    PortkeyNameUses(PythonFileContext ctx) {
        super(ctx);
        this.names = ctx.names();
    }

    /** {@code PORTKEY_GATEWAY_URL} read as a value: becomes the Concentrate URL literal. */
    void gatewayConstant(Node id) {
        if (!PortkeyNames.GATEWAY_URL.equals(names.portkeyName(id.text()))) {
            return;
        }
        Node parent = id.parent();
        if (parent != null && (parent.is("attribute") && id.equals(parent.field("attribute")) || parent.is("keyword_argument")
                && id.equals(parent.field("name")))) {
            return;
        }
        if (parent != null && parent.is("assignment") && id.equals(parent.field("left"))) {
            names.keep(id.text());
            return;
        }
        Rule r = rules.baseUrl("https://api.portkey.ai/v1").orElse(baseUrlRule);
        work.fix(id.start(), r, PortkeyNames.GATEWAY_URL, PythonEdits.replace(id, PythonStrings.quote(r.to()), r.id()));
        ctx.consume(id);
    }

    /** Remaining uses of a client class name (type hints, isinstance) follow the import's rename. */
    void renameClientUses(List<Node> all) {
        for (Node n : all) {
            if (!n.is("identifier") || ctx.isConsumed(n)) {
                continue;
            }
            String orig = names.portkeyName(n.text());
            if (!PortkeyNames.isClientClass(orig) || !n.text().equals(orig) || names.kept(n.text())) {
                continue;
            }
            Node parent = n.parent();
            if (parent != null && (parent.is("attribute") && n.equals(parent.field("attribute"))
                    || parent.is("keyword_argument") && n.equals(parent.field("name")))) {
                continue;
            }
            names.migrated(n.text());
            work.edit(PythonEdits.replace(n, PortkeyNames.openaiClass(orig), baseUrlRule.id()));
        }
    }
}
