package dev.migrateportkey.lang.notebook;

import dev.migrateportkey.edit.EditApplier;
import dev.migrateportkey.edit.EditConflictException;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.env.EnvFileMigrator;
import dev.migrateportkey.lang.python.PythonMigrator;
import dev.migrateportkey.plan.ConfigUse;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.plan.Suppressions;
import dev.migrateportkey.workspace.DecodedText;
import dev.migrateportkey.workspace.SourceFile;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Jupyter notebooks ({@code .ipynb}): their code cells are migrated by the Python migrator, their
 * {@code !pip install} / {@code %pip install} lines by the shell migrator's install-command rules,
 * and every change is spliced back into the cells' JSON strings. Outputs, metadata and markdown
 * cells are never read as code and never change; the JSON is never re-serialised.
 *
 * <p>Findings keep their rule and message and point at the line and column of the notebook's JSON
 * text. A change that cannot be placed inside one cell (it spans cells, or lands on an IPython line)
 * is not made: its finding becomes a manual item saying so.
 */
public final class NotebookMigrator implements Migrator {
    private final PythonMigrator python = new PythonMigrator();
    private final EnvFileMigrator shell = new EnvFileMigrator();

    @Override
    public String language() {
        return "notebook";
    }

    @Override
    public boolean accepts(String fileName) {
        return fileName.toLowerCase(Locale.ROOT).endsWith(".ipynb");
    }

    @Override
    public void migrate(FileMigration work) throws UnparseableFileException {
        SourceText json = work.text();
        List<NotebookJson.CodeCell> cells = NotebookJson.codeCells(json);
        if (cells.isEmpty()) {
            return;
        }
        NotebookText nb = new NotebookText(json.text(), cells);
        if (nb.python().toLowerCase(Locale.ROOT).indexOf("portkey") < 0) {
            return;
        }
        FileMigration py = embedded(work, nb.python(), ".py");
        try {
            python.migrate(py);
        } catch (UnparseableFileException e) {
            int at = nb.jsonOffset(py.text().offset(e.line(), e.column()));
            throw new UnparseableFileException(json.line(at), json.column(at),
                    "code cell " + cells.get(nb.cellOf(Math.min(py.text().offset(e.line(), e.column()), nb.length() - 1))).number()
                            + ": " + e.getMessage());
        }
        FileMigration sh = null;
        if (nb.shell().toLowerCase(Locale.ROOT).contains("portkey")) {
            sh = embedded(work, nb.shell(), ".sh");
            shell.migrate(sh);
        }
        record(work, nb, suppressed(work, py), sh == null ? null : suppressed(work, sh));
    }

    /** What an embedded migration found and changed, once its own suppressions are applied. */
    private record Side(FileMigration work, List<Finding> findings, List<TextEdit> edits) {
    }

    /**
     * Applies suppression comments on the embedded text, where comments and lines are the cells'
     * own: a suppressed site keeps exactly the edits a {@code .py} file would keep. Malformed
     * suppressions are left for the notebook-wide pass, which reports them once.
     */
    private static Side suppressed(FileMigration work, FileMigration w) {
        Suppressions.Result kept = Suppressions.apply(w.text(), work.file().displayPath(), work.rules(),
                w.findings(), w.edits(), w::editsOf);
        List<Finding> findings = kept.findings().stream()
                .filter(f -> !f.ruleId().equals(Suppressions.MISSING_REASON) && !f.ruleId().equals(Suppressions.UNKNOWN_RULE))
                .toList();
        return new Side(w, findings, kept.edits());
    }

    /** A migration of text drawn from the notebook, as a file of its own kind beside it. */
    private static FileMigration embedded(FileMigration work, String text, String suffix) {
        SourceFile f = work.file();
        SourceFile virtual = new SourceFile(f.root(), f.path(), f.relativePath() + suffix, f.displayPath(),
                text.getBytes(StandardCharsets.UTF_8), new DecodedText(text, false, true, -1));
        return new FileMigration(virtual, work.rules(), work.index(), work.options());
    }

    private void record(FileMigration work, NotebookText nb, Side py, Side sh) {
        SourceText json = work.text();
        Set<TextEdit> shellEdits = Collections.newSetFromMap(new IdentityHashMap<>());
        List<TextEdit> all = new ArrayList<>(py.edits());
        Set<TextEdit> kept = Collections.newSetFromMap(new IdentityHashMap<>());
        kept.addAll(py.edits());
        java.util.Map<TextEdit, TextEdit> reindented = new IdentityHashMap<>();
        if (sh != null) {
            kept.addAll(sh.edits());
            for (TextEdit e : sh.edits()) {
                TextEdit r = reindent(nb, e);
                reindented.put(e, r);
                shellEdits.add(r);
                all.add(r);
            }
        }
        List<TextEdit> unmapped = new ArrayList<>();
        try {
            List<TextEdit> sorted = EditApplier.normalize(ImportPlacement.place(nb, EditApplier.normalize(all)));
            new CellEdits(nb, json).map(sorted, unmapped, shellEdits::contains).forEach(work::edit);
        } catch (EditConflictException e) {
            // The Python and shell changes collide: none is made, each finding says so.
            unmapped.addAll(all);
        }
        Set<TextEdit> failed = Collections.newSetFromMap(new IdentityHashMap<>());
        failed.addAll(unmapped);
        Set<TextEdit> owned = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Side> sides = sh == null ? List.of(py) : List.of(py, sh);
        for (Side side : sides) {
            FileMigration w = side.work();
            for (Finding f : side.findings()) {
                int at = nb.jsonOffset(w.text().offset(f.line(), f.column()));
                List<TextEdit> own = w.editsOf(f).stream().filter(kept::contains)
                        .map(e -> reindented.getOrDefault(e, e)).toList();
                owned.addAll(own);
                boolean lost = own.stream().anyMatch(failed::contains);
                if (f.kind() == Finding.Kind.FIXABLE && !lost) {
                    work.fixable(at, f.ruleId(), f.message());
                } else if (f.kind() == Finding.Kind.FIXABLE || lost) {
                    work.manual(at, f.ruleId(), f.message() + NOT_MAPPED);
                } else {
                    work.manual(at, f.ruleId(), f.message());
                }
            }
            for (ModelUse m : w.models()) {
                work.model(lineOffset(w, nb, m.line()), m.original(), m.slug());
            }
            for (ConfigUse c : w.configs()) {
                work.config(lineOffset(w, nb, c.line()), c.origin(), c.bodyParams(), c.dropped(), c.manual());
            }
        }
        for (TextEdit e : unmapped) {
            if (!owned.contains(e)) {
                work.manual(nb.jsonOffset(e.start()), e.ruleId(), "a change of rule " + e.ruleId() + " belongs here" + NOT_MAPPED);
            }
        }
    }

    /**
     * A line the shell migrator inserts above an IPython line takes that line's real indentation:
     * in the shell text the magic's own characters ({@code !}, {@code %env}) stand as blanks.
     */
    private static TextEdit reindent(NotebookText nb, TextEdit e) {
        String py = nb.python();
        int s = e.start();
        if (!e.isInsertion() || !e.replacement().endsWith("\n") || (s > 0 && py.charAt(s - 1) != '\n')) {
            return e;
        }
        int i = s;
        while (i < py.length() && (py.charAt(i) == ' ' || py.charAt(i) == '\t')) {
            i++;
        }
        String indent = py.substring(s, i);
        StringBuilder out = new StringBuilder();
        for (String line : e.replacement().split("\n", -1)) {
            if (!out.isEmpty()) {
                out.append('\n');
            }
            out.append(line.isBlank() ? line : indent + line.stripLeading());
        }
        return TextEdit.insert(s, out.toString(), e.ruleId());
    }

    /** Appended to a finding whose change could not be placed inside one code cell. */
    static final String NOT_MAPPED = " (not rewritten in this notebook: the change spans code cells or falls on an"
            + " IPython line such as !pip or %magic; make it by hand)";

    private static int lineOffset(FileMigration w, NotebookText nb, int line) {
        return nb.jsonOffset(w.text().offset(line, 1));
    }
}
