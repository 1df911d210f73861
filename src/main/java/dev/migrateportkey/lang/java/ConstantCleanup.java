package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.FieldDeclaration;
import com.github.javaparser.ast.body.TypeDeclaration;
import com.github.javaparser.ast.body.VariableDeclarator;
import com.github.javaparser.ast.expr.FieldAccessExpr;
import com.github.javaparser.ast.expr.NameExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Tidies what header-name constants leave behind once their uses are migrated: the declaration of
 * a constant no file of the tree uses any more (the planner finds those after a first round, see
 * {@code ProjectIndex.settleUnusedConstants}), and static imports of Portkey constants whose every
 * use in this file an edit took away.
 */
final class ConstantCleanup {
    private static final String RULE_ID = "header-constant";

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;
    private final StringResolver strings;
    private final Consumer<Node> consume;

    ConstantCleanup(FileMigration work, CompilationUnit cu, JavaEdits edits, StringResolver strings, Consumer<Node> consume) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
        this.strings = strings;
        this.consume = consume;
    }

    /** Removes declarations of header constants nothing uses any more, Javadoc included. */
    void unusedDeclarations() {
        List<TextEdit> removals = new ArrayList<>();
        for (FieldDeclaration f : JavaNodes.all(cu, FieldDeclaration.class)) {
            if (f.getVariables().size() != 1 || !(f.isStatic() && f.isFinal() || JavaNodes.isInterfaceField(f))) {
                continue;
            }
            VariableDeclarator v = f.getVariable(0);
            String owner = f.findAncestor(TypeDeclaration.class).map(t -> t.getNameAsString()).orElse("");
            if (!work.index().isUnusedConstant(owner, v.getNameAsString())) {
                continue;
            }
            Optional<String> header = v.getInitializer().flatMap(strings::resolve)
                    .filter(x -> x.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
            Optional<Rule> rule = header.flatMap(h -> work.rules().requestHeader(h));
            if (rule.isEmpty()) {
                continue;
            }
            int start = f.getComment().map(edits::start).filter(c -> c < edits.start(f)).orElse(edits.start(f));
            removals.addAll(edits.removeLines(start, edits.end(f), RULE_ID));
            work.fix(edits.start(v), rule.get(), "constant " + v.getNameAsString() + " (" + header.get()
                    + "), no longer used anywhere in the tree", List.of());
            consume.accept(f);
        }
        tidy(removals).forEach(work::edit);
    }

    /**
     * Merges removals of adjacent whole lines into one, and when a merged block stood between two
     * blank lines (a group of declarations or imports that all went), or first in its type before a
     * blank line, takes that blank line along so no double or leading blank line is left.
     */
    private List<TextEdit> tidy(List<TextEdit> removals) {
        SourceText text = work.text();
        List<TextEdit> sorted = new ArrayList<>(removals);
        sorted.sort(Comparator.comparingInt(TextEdit::start));
        List<TextEdit> out = new ArrayList<>();
        int i = 0;
        while (i < sorted.size()) {
            int s = sorted.get(i).start();
            int e = sorted.get(i).end();
            while (i + 1 < sorted.size() && sorted.get(i + 1).start() == e) {
                e = sorted.get(++i).end();
            }
            i++;
            boolean wholeLines = s == text.lineStart(s) && e < text.length() && e == text.lineStart(e);
            // The blank line after the block goes too when the block followed a blank line or the type's opening brace.
            if (wholeLines && s > 0 && text.lineText(text.line(e)).isBlank()
                    && (text.lineText(text.line(s - 1)).isBlank() || text.lineText(text.line(s - 1)).stripTrailing().endsWith("{"))) {
                e = text.nextLineStart(e);
            }
            out.add(TextEdit.delete(s, e, RULE_ID));
        }
        return out;
    }

    /**
     * Removes {@code import static ...NAME;} for a Portkey constant when every use of NAME in this
     * file lies inside text an edit already removes or replaces. Call after all other edits.
     */
    void staleStaticImports() {
        List<TextEdit> removals = new ArrayList<>();
        for (ImportDeclaration imp : cu.getImports()) {
            if (!imp.isStatic() || imp.isAsterisk()) {
                continue;
            }
            String name = imp.getName().getIdentifier();
            String owner = imp.getName().getQualifier().map(q -> q.getIdentifier()).orElse("");
            if (work.index().constant(owner + "." + name).isEmpty()) {
                continue;
            }
            boolean allGone = JavaNodes.all(cu, NameExpr.class, n -> n.getNameAsString().equals(name)).stream()
                    .allMatch(this::coveredByEdit);
            if (allGone) {
                removals.addAll(edits.removeLines(edits.start(imp), edits.end(imp), RULE_ID));
            }
        }
        tidy(removals).forEach(work::edit);
    }

    /**
     * Removes a private constant holding a string literal whose every use now lies inside an edit of
     * the key rules ({@code keyRules}: the Portkey key header, the SDK's key parameter): it held the
     * Portkey key, and a key literal must not stay behind once the Concentrate key comes from the
     * environment. Call after all other edits.
     */
    void spentKeyConstants(Set<String> keyRules) {
        List<TextEdit> removals = new ArrayList<>();
        for (FieldDeclaration f : JavaNodes.all(cu, FieldDeclaration.class)) {
            if (f.getVariables().size() != 1 || !f.isPrivate()
                    || !(f.getVariable(0).getInitializer().orElse(null) instanceof StringLiteralExpr)) {
                continue;
            }
            VariableDeclarator v = f.getVariable(0);
            String name = v.getNameAsString();
            List<Node> uses = new ArrayList<>(JavaNodes.all(cu, NameExpr.class, n -> n.getNameAsString().equals(name)));
            uses.addAll(JavaNodes.all(cu, FieldAccessExpr.class, n -> n.getNameAsString().equals(name)));
            Optional<Rule> rule = uses.isEmpty() ? Optional.empty() : firstKeyRuleCovering(uses.get(0), keyRules);
            if (rule.isEmpty() || !uses.stream().allMatch(u -> firstKeyRuleCovering(u, keyRules).isPresent())) {
                continue;
            }
            int start = f.getComment().map(edits::start).filter(c -> c < edits.start(f)).orElse(edits.start(f));
            removals.addAll(edits.removeLines(start, edits.end(f), RULE_ID));
            work.fix(edits.start(v), rule.get(), "constant " + name
                    + ", which held the Portkey key literal and is no longer used", List.of());
        }
        tidy(removals).forEach(work::edit);
    }

    private Optional<Rule> firstKeyRuleCovering(Node n, Set<String> keyRules) {
        int s = edits.start(n);
        int e = edits.end(n);
        return work.edits().stream()
                .filter(t -> !t.isInsertion() && t.start() <= s && e <= t.end() && keyRules.contains(t.ruleId()))
                .findFirst().flatMap(t -> work.rules().byId(t.ruleId()));
    }

    private boolean coveredByEdit(Node n) {
        int s = edits.start(n);
        int e = edits.end(n);
        return work.edits().stream().anyMatch(t -> !t.isInsertion() && t.start() <= s && e <= t.end());
    }
}
