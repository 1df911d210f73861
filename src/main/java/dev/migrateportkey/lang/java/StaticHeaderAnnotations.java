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
 * annotation) is left with a TODO. One header per annotation, as {@code name = "..."} with a
 * {@code value} (MicroProfile/Quarkus {@code @ClientHeaderParam}, Micronaut {@code @Header} on a
 * client type or method), is handled the same way: the whole annotation goes, or its name is renamed.
 */
final class StaticHeaderAnnotations {
    private static final String COMMENT = "//";
    /** Annotations whose single value lists headers. */
    private static final Set<String> HEADER_LISTS = Set.of("Headers");
    /** Annotations with a {@code headers} member. */
    private static final Set<String> WITH_HEADERS_MEMBER = Set.of("HttpExchange", "GetExchange", "PostExchange",
            "PutExchange", "PatchExchange", "DeleteExchange");
    /** Annotations naming one header with {@code name = "..."} and giving its {@code value}. */
    private static final Set<String> NAME_VALUE = Set.of("ClientHeaderParam", "Header");

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
            } else if (NAME_VALUE.contains(name) && a instanceof NormalAnnotationExpr n
                    && !(a.getParentNode().orElse(null) instanceof com.github.javaparser.ast.body.Parameter)) {
                nameValue(n);
            }
        }
    }

    /** {@code @ClientHeaderParam(name = "x-portkey-...", value = ...)}: one header, the whole annotation. */
    private void nameValue(NormalAnnotationExpr annotation) {
        Optional<StringLiteralExpr> named = annotation.getPairs().stream()
                .filter(p -> p.getNameAsString().equals("name") && p.getValue() instanceof StringLiteralExpr)
                .map(p -> (StringLiteralExpr) p.getValue())
                .filter(l -> l.asString().toLowerCase(Locale.ROOT).startsWith("x-portkey-"))
                .findFirst();
        if (named.isEmpty()) {
            return;
        }
        StringLiteralExpr literal = named.get();
        Rule r = rules.requestHeader(literal.asString()).orElse(null);
        if (r == null) {
            return;
        }
        consume.accept(literal);
        String subject = literal.asString() + " header fixed in @" + annotation.getName().getIdentifier();
        int at = edits.start(literal);
        if (r.action() == Action.DROP || r.action() == Action.TO_MODEL_PREFIX) {
            work.fix(at, r, subject, List.of());
            edits.removeLines(edits.start(annotation), edits.end(annotation), "header-annotation").forEach(work::edit);
            consume.accept(annotation);
        } else if (r.action() == Action.RENAME_HEADER) {
            work.fix(at, r, subject, List.of());
            work.edit(edits.replace(literal, JavaStrings.quote(r.to()), r.id()));
        } else {
            // The key header: its value is a Portkey key (often a config expression); moving it to
            // Authorization: Bearer needs the framework's way to build that value, so a human decides.
            work.manualWithTodo(at, edits.anchor(annotation), r, subject, COMMENT);
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
