package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.treesitter.Node;

import java.util.List;

/**
 * Finds the Portkey sites of one Python file and records what each becomes. It is the coordinator:
 * it walks the syntax tree in a fixed order and hands each shape to the class that owns it (the
 * {@code portkey_ai} imports, Portkey client constructors, clients pointed at Portkey,
 * {@code with_options(...)}, header dicts, {@code createHeaders(...)}, Configs, string literals,
 * model strings); the rule table decides what happens to each parameter, header, URL and variable.
 * The order matters: calls and client settings first (they tell header dicts whether a client
 * carries the key), then what is left of headers and literals, then renames, imports and model
 * strings, which read what the earlier passes recorded in the {@link PythonFileContext}.
 */
final class PythonFileRewriter {
    private final PythonFileContext ctx;
    private final PythonImports imports;
    private final PortkeyClientConstructor portkeyClients;
    private final PortkeyOnlyApis portkeyApis;
    private final WithOptionsCalls withOptions;
    private final PortkeyBoundClients boundClients;
    private final PythonHeaderDicts headerDicts;
    private final CreateHeadersCalls createHeaders;
    private final PortkeyNameUses nameUses;
    private final PortkeyStringLiterals literals;
    private final PythonModelStrings models;
    private final PythonLeftoverTodos leftoverTodos;
    private final PortkeySettingsFields settingsFields;

    PythonFileRewriter(FileMigration work, Node root) {
        this.ctx = new PythonFileContext(work, root);
        PythonConfigs configs = new PythonConfigs(ctx);
        this.imports = new PythonImports(ctx);
        PortkeyOptions options = new PortkeyOptions(ctx, configs);
        this.portkeyClients = new PortkeyClientConstructor(ctx, options);
        this.portkeyApis = new PortkeyOnlyApis(ctx);
        this.withOptions = new WithOptionsCalls(ctx, options);
        this.headerDicts = new PythonHeaderDicts(ctx, configs);
        this.createHeaders = new CreateHeadersCalls(ctx, configs);
        this.boundClients = new PortkeyBoundClients(ctx, headerDicts, createHeaders);
        this.nameUses = new PortkeyNameUses(ctx);
        this.literals = new PortkeyStringLiterals(ctx, portkeyApis);
        this.models = new PythonModelStrings(ctx);
        this.leftoverTodos = new PythonLeftoverTodos(ctx);
        this.settingsFields = new PortkeySettingsFields(ctx);
    }

    void run() {
        List<Node> all = ctx.root().descendants();
        imports.collect(all);
        for (Node n : all) {
            if (n.is("call") && !ctx.isConsumed(n)) {
                call(n);
            } else if (n.is("dictionary") && !ctx.isConsumed(n)) {
                boundClients.settingsDict(n);
            }
        }
        for (Node n : all) {
            if (ctx.isConsumed(n)) {
                continue;
            }
            switch (n.type()) {
                case "dictionary" -> headerDicts.rewrite(n, null, false);
                case "call" -> {
                    if (createHeaders.matches(n)) {
                        createHeaders.rewrite(n, null, false);
                    }
                }
                case "identifier" -> nameUses.gatewayConstant(n);
                case "string" -> literals.rewrite(n);
                case "class_definition" -> settingsFields.report(n);
                default -> {
                }
            }
        }
        nameUses.renameClientUses(all);
        imports.rewrite();
        models.rewrite(all);
        if (ctx.needsOs()) {
            imports.addImportOs();
        }
        leftoverTodos.report(all);
    }

    /** A call: a Portkey client, a Portkey-only API, with_options, or any call pointed at Portkey. */
    private void call(Node call) {
        Node fn = call.field("function");
        Node args = call.field("arguments");
        if (fn == null) {
            return;
        }
        if (portkeyClients.matches(fn)) {
            portkeyClients.rewrite(call, fn, args);
            return;
        }
        if (portkeyApis.call(call, fn)) {
            return;
        }
        if (args == null || !args.is("argument_list")) {
            return;
        }
        if (WithOptionsCalls.matches(fn)) {
            withOptions.rewrite(call, fn, args);
            return;
        }
        boundClients.call(call, args);
    }
}
