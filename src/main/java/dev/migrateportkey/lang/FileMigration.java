package dev.migrateportkey.lang;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.plan.ConfigUse;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.SourceFile;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * One file being migrated: what the migrator reads (the file, its text, the rules, the project
 * index, the options) and what it records (findings and text edits).
 */
public final class FileMigration {
    /** Marks every comment the tool writes, so a later run (and a reader) can find them. */
    public static final String TODO_MARK = "TODO(concentrate-migration)";

    private final SourceFile file;
    private final SourceText text;
    private final RuleTable rules;
    private final ProjectIndex index;
    private final MigrationOptions options;
    private final List<Finding> findings = new ArrayList<>();
    private final List<TextEdit> edits = new ArrayList<>();
    private final Set<String> todosPlanned = new HashSet<>();
    private final List<ModelUse> models = new ArrayList<>();
    private final List<ConfigUse> configs = new ArrayList<>();
    /** The edits each finding asked for, so a suppressed finding can take its own edits back out. */
    private final java.util.Map<Finding, List<TextEdit>> editsByFinding = new java.util.IdentityHashMap<>();

    /** Whether a tab-indented line is a Make recipe line (see {@link #todosOutsideRecipes()}). */
    private boolean recipeTabs;

    public FileMigration(SourceFile file, RuleTable rules, ProjectIndex index, MigrationOptions options) {
        this.file = file;
        this.text = new SourceText(file.text());
        this.rules = rules;
        this.index = index;
        this.options = options;
    }

    public SourceFile file() {
        return file;
    }

    public SourceText text() {
        return text;
    }

    public RuleTable rules() {
        return rules;
    }

    public ProjectIndex index() {
        return index;
    }

    public MigrationOptions options() {
        return options;
    }

    /**
     * For Makefiles: a TODO above a tab-indented (recipe) line is written at column 0. With the
     * line's tab it would be a recipe line itself, which make hands to the shell and echoes on every
     * run; at column 0 make reads it as its own comment and the recipe runs as before
     * (docs/config-files.md, fourth round).
     */
    public void todosOutsideRecipes() {
        recipeTabs = true;
    }

    /** Records a site that {@code rewrite} changes, with the edits that change it. */
    public void fix(int offset, Rule rule, String subject, List<TextEdit> changes) {
        Finding f = finding(offset, rule.id(), Finding.Kind.FIXABLE, subject + ": " + rule.note());
        findings.add(f);
        edits.addAll(changes);
        editsByFinding.put(f, List.copyOf(changes));
    }

    public void fix(int offset, Rule rule, String subject, TextEdit... changes) {
        fix(offset, rule, subject, List.of(changes));
    }

    /**
     * Records a site {@code rewrite} changes, with a message written elsewhere (a migrator that runs
     * another one on embedded code, such as notebook cells, keeps that one's message); its edits are
     * recorded with {@link #edit}.
     */
    public void fixable(int offset, String ruleId, String message) {
        findings.add(finding(offset, ruleId, Finding.Kind.FIXABLE, message));
    }

    /** Records an edit that belongs to a finding already recorded (or needs none of its own). */
    public void edit(TextEdit change) {
        edits.add(change);
    }

    /** Records a site a human must migrate; the code is left as it is. */
    public void manual(int offset, Rule rule, String subject) {
        manual(offset, rule.id(), subject + ": " + rule.note());
    }

    public void manual(int offset, String ruleId, String message) {
        findings.add(finding(offset, ruleId, Finding.Kind.MANUAL, message));
    }

    /**
     * Records a manual site and puts {@code <commentPrefix> TODO(concentrate-migration): <note>} on
     * its own line above the line holding {@code anchor}, with that line's indentation and the
     * file's line separator, unless the comment lines just above already say so.
     */
    public void manualWithTodo(int offset, int anchor, Rule rule, String subject, String commentPrefix) {
        manual(offset, rule, subject);
        TextEdit todo = todoAbove(anchor, commentPrefix, rule.note(), rule.id());
        if (todo != null) {
            editsByFinding.put(findings.get(findings.size() - 1), List.of(todo));
        }
    }

    /** Like {@link #manualWithTodo(int, int, Rule, String, String)}, with a message of its own for both. */
    public void manualWithTodo(int offset, int anchor, String ruleId, String message, String commentPrefix) {
        manual(offset, ruleId, message);
        TextEdit todo = todoAbove(anchor, commentPrefix, message, ruleId);
        if (todo != null) {
            editsByFinding.put(findings.get(findings.size() - 1), List.of(todo));
        }
    }

    /** Plans the TODO comment and returns its edit, or null when the comment is already there. */
    public TextEdit todoAbove(int anchor, String commentPrefix, String note, String ruleId) {
        anchor = logicalLineStart(anchor);
        int lineStart = text.lineStart(anchor);
        String body = TODO_MARK + ": " + note;
        if (alreadyAbove(lineStart, body) || !todosPlanned.add(lineStart + "\u0000" + body)) {
            return null;
        }
        String indent = text.indentation(anchor);
        if (recipeTabs && indent.startsWith("\t")) {
            indent = "";
        }
        String comment = indent + commentPrefix + " " + body + text.lineSeparator();
        TextEdit edit = TextEdit.insert(lineStart, comment, ruleId);
        edits.add(edit);
        return edit;
    }

    /**
     * The first line of the logical line holding {@code anchor}: a line continued from the one above
     * it (a trailing backslash, in shell, make and Python) is part of one command, and a comment
     * line put between the two would end it or be read as part of it.
     */
    private int logicalLineStart(int anchor) {
        int line = text.line(text.lineStart(anchor));
        while (line > 1 && text.lineText(line - 1).endsWith("\\")) {
            line--;
        }
        int start = text.offset(line, 1);
        if (start == text.lineStart(anchor)) {
            return anchor;
        }
        return start + text.indentation(start).length();
    }

    /** Whether the block of comment lines directly above {@code lineStart} holds {@code body}. */
    private boolean alreadyAbove(int lineStart, String body) {
        int line = text.line(lineStart) - 1;
        while (line >= 1) {
            String l = text.lineText(line).strip();
            if (!(l.startsWith("//") || l.startsWith("#") || l.startsWith("/*") || l.startsWith("*"))) {
                return false;
            }
            if (l.contains(body)) {
                return true;
            }
            line--;
        }
        return false;
    }

    public Finding finding(int offset, String ruleId, Finding.Kind kind, String message) {
        return new Finding(file.displayPath(), text.line(offset), text.column(offset), ruleId, kind, message);
    }

    /** Records a model string the migrated file sends ({@code original} as the code had it). */
    public void model(int offset, String original, String slug) {
        models.add(new ModelUse(file.displayPath(), text.line(offset), original, slug));
    }

    /** Records a Portkey Config met at {@code offset} and what it became. */
    public void config(int offset, String origin, java.util.Map<String, Object> bodyParams,
                       List<String> dropped, List<String> manual) {
        configs.add(new ConfigUse(file.displayPath(), text.line(offset), origin, bodyParams, dropped, manual));
    }

    public List<ModelUse> models() {
        return Collections.unmodifiableList(models);
    }

    public List<ConfigUse> configs() {
        return Collections.unmodifiableList(configs);
    }

    public List<Finding> findings() {
        return Collections.unmodifiableList(findings);
    }

    public List<TextEdit> edits() {
        return Collections.unmodifiableList(edits);
    }

    /**
     * The edits recorded together with {@code finding} ({@link #fix} with changes, or the TODO of
     * {@link #manualWithTodo}); empty when its edits were recorded separately with {@link #edit}.
     */
    public List<TextEdit> editsOf(Finding finding) {
        return editsByFinding.getOrDefault(finding, List.of());
    }
}
