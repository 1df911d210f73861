package dev.migrateportkey.lang.python;

import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.treesitter.Node;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.migrateportkey.lang.python.PythonFileContext.COMMENT;

/**
 * {@code PORTKEY_*} environment variable names inside a string literal: the key of
 * {@code os.environ[...]}, {@code os.getenv(...)}, a settings class's {@code env=...}, or text
 * that names them. Each follows its {@code env-var} rule: renamed ({@code PORTKEY_API_KEY} to
 * {@code CONCENTRATE_API_KEY}) or left for a human. Writing a Portkey credential into the renamed
 * variable ({@code os.environ["PORTKEY_API_KEY"] = ...}) is a manual item too.
 */
final class PortkeyEnvVariables extends PythonShapeHandler {
    private static final Pattern PORTKEY_VAR = Pattern.compile("\\b[A-Z][A-Z0-9_]*PORTKEY[A-Z0-9_]*\\b|\\bPORTKEY_[A-Z0-9_]+\\b");

    PortkeyEnvVariables(PythonFileContext ctx) {
        super(ctx);
    }

    void rewrite(Node lit) {
        String source = lit.text();
        // An f-string's {...} parts are code: a name there (PORTKEY_AVAILABLE) is a Python
        // variable, and a string there is visited as a literal of its own.
        List<Node> code = lit.children().stream().filter(c -> c.is("interpolation")).toList();
        Matcher m = PORTKEY_VAR.matcher(source);
        List<TextEdit> changes = new ArrayList<>();
        Set<String> applied = new LinkedHashSet<>();
        Rule fixRule = null;
        Set<String> manualDone = new HashSet<>();
        while (m.find()) {
            int at = lit.start() + m.start();
            if (code.stream().anyMatch(c -> c.start() <= at && at < c.end())) {
                continue;
            }
            Rule r = rules.envVar(m.group()).orElse(null);
            if (r == null) {
                continue;
            }
            if (r.action() == Action.REPLACE_ENV) {
                changes.add(TextEdit.replace(at, lit.start() + m.end(), r.to(), r.id()));
                applied.add(m.group());
                fixRule = fixRule == null ? r : fixRule;
            } else if (manualDone.add(m.group())) {
                work.manualWithTodo(lit.start(), PythonEdits.anchor(lit), r, m.group() + " read here", COMMENT);
            }
        }
        if (fixRule != null) {
            // Name the variable, not the whole string: a docstring would make a finding of many lines.
            work.fix(lit.start(), fixRule, "environment variable " + String.join(", ", applied), changes);
            if (isEnvironWrite(lit)) {
                // The value written was a Portkey credential (a Portkey key, often a virtual key):
                // renamed, it would reach Concentrate as its key and be refused with 401.
                String todo = "the value written to " + fixRule.to() + " here was a Portkey credential (a Portkey or"
                        + " virtual key): assign your Concentrate key (sk-cn-v1-...) instead";
                work.manual(lit.start(), fixRule.id(), todo);
                work.todoAbove(PythonEdits.anchor(lit), COMMENT, todo, fixRule.id());
            }
        }
    }

    /** {@code os.environ["NAME"] = value}: the literal is the key of an environment write. */
    private static boolean isEnvironWrite(Node lit) {
        Node sub = lit.parent();
        if (sub == null || !sub.is("subscript") || sub.field("value") == null || !sub.field("value").text().endsWith("environ")) {
            return false;
        }
        Node assign = sub.parent();
        return assign != null && assign.is("assignment") && assign.field("left") != null && assign.field("left").start() == sub.start();
    }
}
