package dev.migrateportkey.lang.python;

import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.config.Decomposition;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;
import static dev.migrateportkey.lang.python.PythonFileContext.oneLine;

/**
 * A Portkey Config passed to a client, a {@code createHeaders(config=...)}, a
 * {@code with_options(config=...)} or an {@code x-portkey-config} header. A dict literal,
 * {@code json.dumps} of one, an inline JSON string or a saved Config exported with
 * {@code --config-file} is decomposed into body params and a provider pin; anything else (a Config
 * built at run time, a saved Config the tool cannot read) becomes a manual item with a TODO. The
 * caller removes the argument; this class says what replaces it.
 */
final class PythonConfigs extends PythonShapeHandler {

    PythonConfigs(PythonFileContext ctx) {
        super(ctx);
    }

    /** A Portkey Config passed at {@code value}: decomposed when it is a literal, else a manual item. */
    void config(Node value, Node site, Rule r, String subject) {
        Node literal = value;
        String origin = "Config in " + subject;
        if (value.is("call") && value.field("function") != null && value.field("function").text().endsWith("dumps")
                && value.field("arguments") != null && PythonEdits.elements(value.field("arguments")).size() == 1) {
            literal = PythonEdits.elements(value.field("arguments")).get(0);
        }
        Map<String, Object> map = PythonValues.dict(literal).orElse(null);
        if (map == null) {
            Optional<String> s = PythonStrings.value(value);
            if (s.isPresent()) {
                ConfigText.Parsed parsed = ConfigText.parse(s.get());
                if (parsed instanceof ConfigText.Inline inline) {
                    map = inline.config();
                } else if (parsed instanceof ConfigText.SavedId id) {
                    Path file = work.options().configFiles().get(id.id());
                    if (file == null) {
                        String msg = "saved Portkey Config '" + id.id() + "' cannot be read offline: export it and run again with --config-file "
                                + id.id() + "=FILE, or decompose it by hand (" + r.note() + ")";
                        work.manual(value.start(), r.id(), subject + ": " + msg);
                        work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
                        work.config(value.start(), "saved Config " + id.id(), Map.of(), List.of(), List.of(msg));
                        return;
                    }
                    try {
                        map = ConfigText.readFile(file);
                        origin = "saved Config " + id.id() + " (" + file + ")";
                    } catch (IOException e) {
                        String msg = "saved Config '" + id.id() + "': " + e.getMessage();
                        work.manual(value.start(), r.id(), subject + ": " + msg);
                        work.config(value.start(), "saved Config " + id.id(), Map.of(), List.of(), List.of(msg));
                        work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
                        return;
                    }
                }
            }
        }
        if (map == null) {
            String msg = "a Config built at run time (" + oneLine(value.text()) + "): decompose it by hand; " + r.note();
            work.manual(value.start(), r.id(), subject + ": " + msg);
            work.config(value.start(), "Config built at run time: " + oneLine(value.text()), Map.of(), List.of(), List.of(msg));
            work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
            return;
        }
        Decomposition d = ctx.decomposer().decompose(map);
        work.config(value.start(), origin, d.bodyParams(), d.dropped(), d.manual());
        if (d.primaryProvider() != null) {
            ctx.pins().add(d.primaryProvider(), r);
        }
        List<String> todo = new ArrayList<>();
        if (d.model() != null) {
            todo.add("send model=" + PythonStrings.quote(d.model()));
        }
        if (!d.paramsWithoutModel().isEmpty()) {
            todo.add("pass extra_body=" + PythonStrings.literal(d.paramsWithoutModel()) + " on each request");
        }
        if (d.clientTimeoutMs() != null) {
            todo.add("set timeout=" + PythonFileContext.seconds(String.valueOf(d.clientTimeoutMs())) + " on the client");
        }
        todo.addAll(d.manual());
        if (todo.isEmpty()) {
            work.fix(value.start(), r, subject + " (nothing in it needs a body param: " + String.join("; ", d.dropped()) + ")");
            return;
        }
        String msg = "the Portkey Config is gone: " + String.join("; ", todo);
        work.manual(value.start(), r.id(), subject + ": " + msg);
        work.todoAbove(PythonEdits.anchor(site), COMMENT, msg, r.id());
    }
}
