package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.migrateportkey.config.ConfigDecomposer;
import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.config.Decomposition;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Portkey Configs met in Java ({@code x-portkey-config} headers, an SDK {@code config(...)}):
 * reads the Config (a JSON literal, concatenated literals, a constant, a JSON file the code reads, or
 * a saved {@code pc-...} id exported with {@code --config-file}), decomposes it with
 * {@link ConfigDecomposer}, and writes its body params into the requests of the class that used it:
 * <ul>
 *   <li>openai-java params builders ({@code ChatCompletionCreateParams.builder()...}) get
 *       {@code .putAdditionalBodyProperty("routing", JsonValue.from(Map.of(...)))} after their
 *       {@code .model(...)}, whose argument becomes the Config's first target;</li>
 *   <li>LangChain4j chat model builders get {@code .customParameters(Map.of(...))} after {@code .modelName(...)};</li>
 *   <li>anything else (raw HTTP with a string body) keeps the header under a TODO that holds the
 *       exact JSON to merge into the body.</li>
 * </ul>
 * A Config with a setting that needs a human stays where it is, under a TODO naming each such setting.
 */
final class JavaConfigEmitter {
    private static final String COMMENT = "//";

    /** What the rewriter does with the Config's header or parameter. */
    enum Outcome {
        /** The Config was carried into the requests: remove the header. */
        REMOVE,
        /** A human must finish it: leave the code (a TODO and a manual finding are recorded). */
        KEEP
    }

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;
    private final StringResolver strings;
    private final JavaModelSlugs models;
    private final JavaImports imports;
    private final JavaJsonLiterals literals;
    private final ConfigDecomposer decomposer;

    JavaConfigEmitter(FileMigration work, CompilationUnit cu, JavaEdits edits, StringResolver strings,
                      JavaModelSlugs models, JavaImports imports) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
        this.strings = strings;
        this.models = models;
        this.imports = imports;
        this.literals = new JavaJsonLiterals(imports);
        this.decomposer = new ConfigDecomposer(work.rules(), models.providers(), models.slugs());
    }

    /** A read Config: where it came from and its content (null with {@code problem} set when unreadable). */
    private record Source(String origin, Map<String, Object> config, String problem) {
    }

    /**
     * The Config passed at {@code site} as {@code value}, under {@code rule} (the header or SDK
     * parameter rule, whose action is {@code decompose-config}).
     */
    Outcome config(Node site, Expression value, Rule rule) {
        Source src = read(value);
        int at = edits.start(value);
        if (src.config() == null) {
            // Recorded too, so the report lists every Config, the unreadable ones with why.
            work.config(at, src.origin(), Map.of(), List.of(), List.of(src.problem()));
            keep(site, at, rule, src.problem());
            return Outcome.KEEP;
        }
        Decomposition d = decomposer.decompose(src.config());
        List<String> dropped = new ArrayList<>(d.dropped());
        d.guesses().forEach(g -> dropped.add("provider guessed: " + g));
        List<String> manual = new ArrayList<>(d.manual());
        List<MethodCallExpr> chains = requestChains(site);
        MethodCallExpr client = JavaChains.enclosingChain(site).orElse(null);
        boolean timeoutOnClient = d.clientTimeoutMs() != null && client != null && isBuilder(client);
        if (!d.paramsWithoutModel().isEmpty() && chains.stream()
                .anyMatch(c -> JavaChains.link(JavaChains.links(c), "customParameters").isPresent())) {
            // A second customParameters(...) would replace the first one's map, not add to it.
            manual.add("the model builder already has customParameters(...): add " + ConfigText.toJson(d.paramsWithoutModel())
                    + " to its map.");
        }
        if (d.clientTimeoutMs() != null && !timeoutOnClient) {
            manual.add("request_timeout: set " + d.clientTimeoutMs() + " ms as your HTTP client's timeout");
        }
        if (!manual.isEmpty()) {
            work.config(at, src.origin(), d.bodyParams(), dropped, manual);
            keep(site, at, rule, "Portkey Config (" + src.origin() + ") needs a human: "
                    + String.join(" ", manual.stream().map(m -> m.endsWith(".") ? m : m + ".").toList())
                    + " Then remove the Config.");
            return Outcome.KEEP;
        }
        if (d.bodyParams().isEmpty()) {
            // Everything the Config set is dropped (Concentrate retries and caches on its own): nothing
            // to merge anywhere, so the Config just goes, whether or not a request body is in sight.
            work.config(at, src.origin(), d.bodyParams(), dropped, List.of());
            if (timeoutOnClient) {
                timeout(client, d.clientTimeoutMs(), rule);
            }
            removeSpentConstant(value, rule);
            return Outcome.REMOVE;
        }
        if (chains.isEmpty()) {
            work.config(at, src.origin(), d.bodyParams(), dropped, List.of("merge the body params into the request body"));
            keep(site, at, rule, "Portkey Config (" + src.origin() + "): merge " + ConfigText.toJson(d.bodyParams())
                    + " into this request's JSON body, then remove the Config.");
            return Outcome.KEEP;
        }
        work.config(at, src.origin(), d.bodyParams(), dropped, List.of());
        // A guessed provider is written, and reported so that a human confirms it.
        d.guesses().forEach(g -> work.manual(at, rule.id(), "Portkey Config (" + src.origin() + "): " + g));
        // The primary model is recorded where it is written; the fallbacks are recorded at the Config.
        d.slugs().stream().filter(u -> !u.slug().equals(d.model()))
                .forEach(u -> work.model(at, u.original(), u.slug()));
        for (MethodCallExpr chain : chains) {
            emit(chain, d, rule, src.origin());
        }
        if (timeoutOnClient) {
            timeout(client, d.clientTimeoutMs(), rule);
        }
        removeSpentConstant(value, rule);
        return Outcome.REMOVE;
    }

    private void keep(Node site, int at, Rule rule, String message) {
        work.manual(at, rule.id(), message);
        work.todoAbove(edits.anchor(site), COMMENT, message, rule.id());
    }

    /**
     * The constant that held the Config, when this was its only use and no other file can see it:
     * it would only mislead a reader now, so it goes with its comment.
     */
    private void removeSpentConstant(Expression value, Rule rule) {
        if (!(value instanceof NameExpr name)) {
            return;
        }
        String n = name.getNameAsString();
        for (FieldDeclaration f : JavaNodes.all(cu, FieldDeclaration.class)) {
            if (f.getVariables().size() != 1 || !f.getVariable(0).getNameAsString().equals(n) || f.isPublic() || f.isProtected()) {
                continue;
            }
            long uses = JavaNodes.all(cu, NameExpr.class, e -> e.getNameAsString().equals(n)).size()
                    + JavaNodes.all(cu, com.github.javaparser.ast.expr.FieldAccessExpr.class, e -> e.getNameAsString().equals(n)).size();
            if (uses != 1) {
                return;
            }
            int start = f.getComment().map(edits::start).orElse(edits.start(f));
            SourceText text = work.text();
            int end = edits.end(f);
            // A blank line that separated the constant from the next member goes too when nothing precedes it but
            // the class's opening line or another blank line.
            int next = text.nextLineStart(end);
            int prevLine = text.line(start) - 1;
            if (text.onlyBlankBefore(start) && next < text.length() && text.lineText(text.line(next)).isBlank()
                    && prevLine >= 1 && (text.lineText(prevLine).isBlank() || text.lineText(prevLine).stripTrailing().endsWith("{"))) {
                end = text.lineEnd(next);
            }
            edits.removeLines(start, end, rule.id()).forEach(work::edit);
            return;
        }
    }

    // ---------------------------------------------------------------- reading the Config

    private Source read(Expression value) {
        Optional<String> text = strings.resolve(value);
        if (text.isEmpty()) {
            return fromFile(value).orElseGet(() -> new Source("unresolved (" + edits.source(value) + ")", null,
                    "Portkey Config whose JSON the tool cannot see here ('" + edits.source(value) + "': built at run"
                            + " time or read from elsewhere): decompose it by hand into body params (guide, Step 4), then remove it."));
        }
        if (text.get().strip().matches("\\{\\{\\s*[\\w.-]+\\s*}}|\\$\\{[^{}]+}")) {
            // "{{PORTKEY_CONFIG}}" (a template to fill in) or "${portkey.config}": no JSON to read here.
            return new Source("placeholder (" + text.get().strip() + ")", null, "Portkey Config left as the placeholder '"
                    + text.get().strip() + "', filled in elsewhere: decompose the Config it stands for by hand into"
                    + " body params (guide, Step 4), then remove it.");
        }
        ConfigText.Parsed p = ConfigText.parse(text.get());
        if (p instanceof ConfigText.Inline i) {
            return new Source("inline", i.config(), null);
        }
        if (p instanceof ConfigText.Invalid inv) {
            return new Source("inline", null, "Portkey Config that is not valid JSON (" + inv.problem() + "): fix or"
                    + " decompose it by hand (guide, Step 4).");
        }
        String id = ((ConfigText.SavedId) p).id();
        Path exported = work.options().configFiles().get(id);
        Rule saved = work.rules().configKey(id).orElseThrow();
        if (exported == null) {
            return new Source(id, null, "saved Portkey Config " + id + ": " + saved.note());
        }
        try {
            return new Source(id + " (" + exported + ")", ConfigText.readFile(exported), null);
        } catch (IOException e) {
            return new Source(id, null, "saved Portkey Config " + id + ": --config-file " + exported
                    + " cannot be used (" + e.getMessage() + "). " + saved.note());
        }
    }

    /** {@code Files.readString(Path.of("portkey-config.json"))}: a JSON file of the tree the code reads. */
    private Optional<Source> fromFile(Expression value) {
        for (StringLiteralExpr lit : value.findAll(StringLiteralExpr.class)) {
            String name = lit.asString();
            if (!name.endsWith(".json")) {
                continue;
            }
            Path file = work.file().path();
            for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
                Path candidate = dir.resolve(name);
                if (Files.isRegularFile(candidate)) {
                    try {
                        return Optional.of(new Source(name, ConfigText.readFile(candidate), null));
                    } catch (IOException e) {
                        return Optional.of(new Source(name, null, "Portkey Config file " + name + " cannot be used ("
                                + e.getMessage() + "): decompose it by hand (guide, Step 4)."));
                    }
                }
                if (dir.equals(work.file().root())) {
                    break;
                }
            }
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- writing the body params

    /**
     * openai-java request types that send a chat model (an embeddings or moderation request must not
     * get a chat Config's model and routing).
     */
    private static final java.util.Set<String> OPENAI_CHAT_PARAMS = java.util.Set.of(
            "ChatCompletionCreateParams", "ResponseCreateParams", "CompletionCreateParams");

    /**
     * The builder chains of the class holding {@code site} that build a chat request: openai-java
     * {@code ChatCompletionCreateParams.builder()...model(...)} (and the Responses and legacy
     * Completions params) and LangChain4j {@code *ChatModel.builder()...modelName(...)} chains.
     */
    private List<MethodCallExpr> requestChains(Node site) {
        Node scope = site.findAncestor(TypeDeclaration.class).map(t -> (Node) t).orElse(cu);
        List<MethodCallExpr> out = new ArrayList<>();
        for (MethodCallExpr call : scope.findAll(MethodCallExpr.class)) {
            if (!JavaChains.isOutermost(call)) {
                continue;
            }
            List<MethodCallExpr> links = JavaChains.links(call);
            if (isParamsBuilder(links) && JavaChains.link(links, "model").isPresent()
                    || JavaChains.link(links, "modelName").isPresent() && builtOn(links).endsWith("ChatModel")) {
                out.add(call);
            }
        }
        return out;
    }

    /** The simple name of the type whose {@code builder()} starts the chain ("" when it is not such a chain). */
    private static String builtOn(List<MethodCallExpr> links) {
        MethodCallExpr first = links.get(0);
        if (!first.getNameAsString().equals("builder")) {
            return "";
        }
        return first.getScope()
                .filter(s -> s instanceof NameExpr || s instanceof com.github.javaparser.ast.expr.FieldAccessExpr)
                .map(s -> {
                    String n = s.toString();
                    return n.substring(n.lastIndexOf('.') + 1);
                }).orElse("");
    }

    private static boolean isParamsBuilder(List<MethodCallExpr> links) {
        return OPENAI_CHAT_PARAMS.contains(builtOn(links));
    }

    private static boolean isBuilder(MethodCallExpr outermost) {
        String first = JavaChains.links(outermost).get(0).getNameAsString();
        return first.equals("builder") || first.equals("newBuilder");
    }

    private void emit(MethodCallExpr chain, Decomposition d, Rule rule, String origin) {
        List<MethodCallExpr> links = JavaChains.links(chain);
        boolean openai = isParamsBuilder(links);
        MethodCallExpr modelCall = JavaChains.link(links, openai ? "model" : "modelName").orElseThrow();
        Expression arg = modelCall.getArgument(0);
        List<TextEdit> out = new ArrayList<>();
        if (d.model() != null) {
            models.claim(arg);
            work.model(edits.start(arg), strings.resolve(arg).orElse(edits.source(arg)), d.model());
            if (!edits.source(arg).equals(JavaStrings.quote(d.model()))) {
                out.add(edits.replace(arg, JavaStrings.quote(d.model()), rule.id()));
            }
        } else if (d.primaryProvider() != null) {
            models.pinModel(arg, d.primaryProvider());
        }
        Map<String, Object> params = d.paramsWithoutModel();
        List<String> added = new ArrayList<>();
        if (openai) {
            String jsonValue = imports.use("com.openai.core.JsonValue");
            params.forEach((k, v) -> added.add(".putAdditionalBodyProperty(" + JavaStrings.quote(k) + ", "
                    + jsonValue + ".from(" + literals.render(v) + "))"));
        } else if (!params.isEmpty()) {
            added.add(".customParameters(" + literals.render(params) + ")");
        }
        if (!added.isEmpty()) {
            out.add(insertAfter(modelCall, added, rule.id()));
        }
        work.fix(edits.start(modelCall.getName()), rule, "Portkey Config (" + origin + ") written into this request as "
                + ConfigText.toJson(d.bodyParams()), out);
    }

    /** Inserts links after {@code link}: each on a line of its own when the chain is written one link per line. */
    private TextEdit insertAfter(MethodCallExpr link, List<String> added, String ruleId) {
        SourceText text = work.text();
        int end = edits.end(link);
        int dot = edits.start(link.getName()) - 1;
        while (dot > 0 && Character.isWhitespace(text.text().charAt(dot))) {
            dot--;
        }
        if (text.onlyBlankBefore(dot) && text.onlyBlankOrCommentAfter(end, COMMENT)) {
            String indent = text.indentation(dot);
            StringBuilder sb = new StringBuilder();
            for (String a : added) {
                sb.append(text.lineSeparator()).append(indent).append(a);
            }
            return TextEdit.insert(text.lineEnd(end), sb.toString(), ruleId);
        }
        return TextEdit.insert(end, String.join("", added), ruleId);
    }

    /** {@code .timeout(Duration.ofMillis(n))} just before the client builder's last link ({@code .build()}). */
    private void timeout(MethodCallExpr client, long millis, Rule rule) {
        List<MethodCallExpr> links = JavaChains.links(client);
        MethodCallExpr last = links.get(links.size() - 1);
        String link = ".timeout(" + imports.use("java.time.Duration") + ".ofMillis(" + millis + "))";
        SourceText text = work.text();
        int dot = edits.start(last.getName()) - 1;
        while (dot > 0 && Character.isWhitespace(text.text().charAt(dot))) {
            dot--;
        }
        if (text.onlyBlankBefore(dot)) {
            work.edit(TextEdit.insert(text.lineStart(dot), text.indentation(dot) + link + text.lineSeparator(), rule.id()));
        } else {
            work.edit(TextEdit.insert(dot, link, rule.id()));
        }
    }
}
