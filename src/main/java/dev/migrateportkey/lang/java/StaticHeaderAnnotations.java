package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.ArrayInitializerExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MemberValuePair;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.SingleMemberAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Headers fixed in an annotation as {@code "name: value"} (Retrofit and Feign {@code @Headers})
 * or {@code "name=value"} (Spring {@code @HttpExchange}/{@code @PostExchange(headers = ...)}).
 * A dropped header's entry leaves the array, and {@code @Headers} goes when nothing is left; a
 * renamed header keeps its value under the new name; anything else (a key written into the
 * annotation) is left with a TODO.
 */
final class StaticHeaderAnnotations {
    private static final String COMMENT = "//";
    /** Annotations whose single value lists headers. */
    private static final Set<String> HEADER_LISTS = Set.of("Headers");
    /** Annotations with a {@code headers} member. */
    private static final Set<String> WITH_HEADERS_MEMBER = Set.of("HttpExchange", "GetExchange", "PostExchange",
            "PutExchange", "PatchExchange", "DeleteExchange");

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;
    private final RuleTable rules;
    private final Consumer<Node> consume;

    StaticHeaderAnnotations(FileMigration work, CompilationUnit cu, JavaEdits edits, Consumer<Node> consume) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
        this.rules = work.rules();
        this.consume = consume;
    }

    void run() {
        for (AnnotationExpr a : JavaNodes.all(cu, AnnotationExpr.class)) {
            String name = a.getName().getIdentifier();
            if (HEADER_LISTS.contains(name) && a instanceof SingleMemberAnnotationExpr s) {
                entries(a, s.getMemberValue(), true);
            } else if (WITH_HEADERS_MEMBER.contains(name) && a instanceof NormalAnnotationExpr n) {
                for (MemberValuePair pair : n.getPairs()) {
                    if (pair.getNameAsString().equals("headers")) {
                        entries(a, pair.getValue(), false);
                    }
                }
            }
        }
    }

    /** A "name: value" or "name=value" entry split at its separator. */
    private record Entry(StringLiteralExpr literal, String header, int nameEnd) {
    }

    private static Optional<Entry> entry(Expression e) {
        if (!(e instanceof StringLiteralExpr lit)) {
            return Optional.empty();
        }
        String v = lit.asString();
        int colon = v.indexOf(':');
        int equals = v.indexOf('=');
        int sep = colon < 0 ? equals : equals < 0 ? colon : Math.min(colon, equals);
        if (sep <= 0) {
            return Optional.empty();
        }
        String header = v.substring(0, sep).strip();
        return header.toLowerCase(Locale.ROOT).startsWith("x-portkey-") ? Optional.of(new Entry(lit, header, sep)) : Optional.empty();
    }

    private void entries(AnnotationExpr annotation, Expression value, boolean wholeAnnotationIsHeaders) {
        // Not a new NodeList around a single value: adding a node to a NodeList re-parents it.
        List<Expression> values = value instanceof ArrayInitializerExpr arr ? arr.getValues() : List.of(value);
        Set<Integer> dropped = new TreeSet<>();
        List<Runnable> findings = new ArrayList<>();
        List<TextEdit> renames = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            Optional<Entry> entry = entry(values.get(i));
            if (entry.isEmpty()) {
                continue;
            }
            Entry e = entry.get();
            Rule r = rules.requestHeader(e.header()).orElse(null);
            if (r == null) {
                continue;
            }
            consume.accept(e.literal());
            String subject = e.header() + " header fixed in @" + annotation.getName().getIdentifier();
            int at = edits.start(e.literal());
            if (r.action() == Action.DROP || r.action() == Action.TO_MODEL_PREFIX) {
                dropped.add(i);
                findings.add(() -> work.fix(at, r, subject, List.of()));
            } else if (r.action() == Action.RENAME_HEADER) {
                String v = e.literal().asString();
                String renamed = r.to() + v.substring(e.nameEnd());
                renames.add(edits.replace(e.literal(), JavaStrings.quote(renamed), r.id()));
                findings.add(() -> work.fix(at, r, subject, List.of()));
            } else {
                findings.add(() -> work.manualWithTodo(at, edits.anchor(annotation), r, subject, COMMENT));
            }
        }
        findings.forEach(Runnable::run);
        renames.forEach(work::edit);
        if (dropped.isEmpty()) {
            return;
        }
        if (dropped.size() == values.size() && wholeAnnotationIsHeaders) {
            edits.removeLines(edits.start(annotation), edits.end(annotation), "header-annotation").forEach(work::edit);
            consume.accept(annotation);
        } else if (dropped.size() == values.size() && value.getParentNode().orElse(null) instanceof MemberValuePair pair
                && pair.getParentNode().orElse(null) instanceof NormalAnnotationExpr owner) {
            int idx = owner.getPairs().indexOf(pair);
            edits.removeArguments(owner.getPairs(), Set.of(idx), "header-annotation").forEach(work::edit);
        } else if (value instanceof ArrayInitializerExpr arr) {
            edits.removeArguments(arr.getValues(), dropped, "header-annotation").forEach(work::edit);
        }
    }
}
