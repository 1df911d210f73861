package dev.migrateportkey.lang.python;

import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Rule;

import java.util.Locale;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * Fields of a settings class ({@code class Settings(BaseSettings)}, pydantic-settings) named after
 * a Portkey variable: {@code portkey_api_key: str} is filled from the environment variable
 * {@code PORTKEY_API_KEY} by its name, so no string in the file spells the variable. Once the
 * client reads {@code CONCENTRATE_API_KEY}, a required field still makes the app refuse to start
 * without the Portkey variable. Renaming the field would break every {@code settings.portkey_*}
 * read, here and in other files, so each is a manual item with a TODO naming the variable and
 * what its {@code env-var} rule says.
 */
final class PortkeySettingsFields extends PythonShapeHandler {

    PortkeySettingsFields(PythonFileContext ctx) {
        super(ctx);
    }

    void report(Node cls) {
        Node bases = cls.field("superclasses");
        Node body = cls.field("body");
        if (bases == null || body == null || !bases.text().contains("Settings")) {
            return;
        }
        for (Node stmt : body.namedChildren()) {
            Node assignment = stmt.is("expression_statement") && stmt.namedChildren().size() == 1 ? stmt.namedChildren().get(0) : null;
            Node name = assignment != null && assignment.is("assignment") ? assignment.field("left") : null;
            if (name == null || !name.is("identifier") || assignment.field("type") == null
                    || !name.text().toLowerCase(Locale.ROOT).startsWith("portkey_")) {
                continue;
            }
            String variable = name.text().toUpperCase(Locale.ROOT);
            Rule r = rules.envVar(variable).orElse(null);
            if (r == null) {
                continue;
            }
            String next = r.to() != null
                    ? "read " + r.to() + " instead (rename the field and its uses, or point the env alias at " + r.to() + ")"
                    : "remove the field and its uses once the migration is verified";
            work.manualWithTodo(name.start(), PythonEdits.anchor(stmt), r.id(), "settings field " + name.text()
                    + " is filled from the environment variable " + variable + " (a Portkey setting; a required field"
                    + " keeps the app from starting without it): " + next, COMMENT);
        }
    }
}
