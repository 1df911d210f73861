package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.lang.FileMigration;

import java.util.List;

/**
 * Finds the Portkey sites of one TypeScript or JavaScript file and records what each becomes. It
 * only coordinates: each JavaScript shape has its own handler (clients and their options, header
 * maps and {@code createHeaders}, header statements, calls, literals, environment reads, test
 * mocks), all sharing one {@link JsFileContext}; the rule table decides what happens to each SDK
 * parameter, header, URL and variable.
 *
 * <p>Order matters and is fixed here: clients and getters are indexed before the walk (a call may
 * come before its client in the text); Configs, body params and model slugs are placed after it,
 * once every request of the file is known; object and import edits are emitted next, and the
 * tool's own TODOs left from an earlier run are read last.
 */
final class JsFileRewriter {
    private final JsFileContext ctx;
    private final ClientIndex index;
    private final ConfigPlacement configs;
    private final HeaderObjects headers;
    private final ClientOptions clients;
    private final CallSites calls;
    private final PortkeyLiterals literals;
    private final EnvReads env;
    private final HeaderStatements headerStatements;
    private final RequestModels models;
    private final LangChainPortkey langchain;
    private final JsOpenTodos openTodos;

    JsFileRewriter(FileMigration work, JsNode root) {
        this.ctx = new JsFileContext(work, root);
        this.index = new ClientIndex(ctx);
        this.configs = new ConfigPlacement(ctx, index);
        this.headers = new HeaderObjects(ctx, index, configs);
        this.clients = new ClientOptions(ctx, index, configs, headers);
        this.headerStatements = new HeaderStatements(ctx, index);
        this.calls = new CallSites(ctx, index, headers, clients, headerStatements);
        this.env = new EnvReads(ctx);
        this.literals = new PortkeyLiterals(ctx, env);
        this.models = new RequestModels(ctx, index);
        this.langchain = new LangChainPortkey(ctx);
        this.openTodos = new JsOpenTodos(work);
    }

    void run() {
        List<JsNode> all = ctx.root.findAll(x -> true);
        index.collect(all);
        langchain.collect(all);
        for (JsNode n : all) {
            if (ctx.isClaimed(n) || ctx.imports.isImportSite(n)) {
                continue;
            }
            switch (n.type()) {
                case "new_expression" -> {
                    if (!langchain.newExpression(n)) {
                        clients.newExpression(n);
                    }
                }
                case "call_expression" -> calls.call(n);
                case "object" -> {
                    if (headers.isHeaderMap(n)) {
                        headers.headerObject(n, null);
                    }
                }
                case "string", "template_string" -> literals.literal(n);
                case "identifier" -> literals.identifier(n);
                case "assignment_expression" -> headerStatements.headerAssignment(n);
                case "member_expression" -> env.envRead(n);
                case "property_identifier" -> env.envDeclaration(n);
                default -> {
                }
            }
        }
        configs.placeAll();
        models.placeAll();
        ObjectEdits.emit(ctx);
        ctx.imports.finish(ctx.work, ctx.text, ctx.quote, ctx.claimed);
        // Last, once every manual item of this run is known: TODOs left from an earlier run.
        openTodos.report(all);
    }
}
