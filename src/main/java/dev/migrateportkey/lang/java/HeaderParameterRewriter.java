package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.Node;
import com.github.javaparser.ast.body.MethodDeclaration;
import com.github.javaparser.ast.body.Parameter;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.Expression;
import com.github.javaparser.ast.expr.MethodCallExpr;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.ProjectIndex;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleTable;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * Migrates header parameters ({@code @Header("x-portkey-...") String v}, {@code @RequestHeader})
 * of one file, and the arguments that feed them at call sites in this file.
 *
 * <ul>
 *   <li>A header the rules drop: the annotation and the parameter go, and so does the matching
 *   argument at every call site the index found. Only parameters the index recorded are removed,
 *   so a declaration and its callers always change together.</li>
 *   <li>A renamed header ({@code x-portkey-trace-id}): the annotation's name changes.</li>
 *   <li>The key header: callers pass a bare Portkey key, and {@code Authorization} needs
 *   {@code "Bearer " + key}, so the parameter stays with a TODO naming what to change, and
 *   {@code check} keeps reporting it.</li>
 * </ul>
 */
final class HeaderParameterRewriter {
    private static final String COMMENT = "//";

    private final FileMigration work;
    private final CompilationUnit cu;
    private final JavaEdits edits;
    private final StringResolver strings;
    private final RuleTable rules;
    private final Consumer<Node> consume;
    private final Predicate<Node> consumed;

    HeaderParameterRewriter(FileMigration work, CompilationUnit cu, JavaEdits edits, StringResolver strings,
                            Consumer<Node> consume, Predicate<Node> consumed) {
        this.work = work;
        this.cu = cu;
        this.edits = edits;
        this.strings = strings;
        this.rules = work.rules();
        this.consume = consume;
        this.consumed = consumed;
    }

    void run() {
        declarations();
        callSites();
    }

    private static boolean isDropped(Rule r) {
        return r.action() == Action.DROP || r.action() == Action.TO_MODEL_PREFIX;
    }

    private void declarations() {
        Map<MethodDeclaration, Set<Integer>> removals = new IdentityHashMap<>();
        for (Parameter p : JavaNodes.all(cu, Parameter.class)) {
            Optional<AnnotationExpr> annotation = AnnotatedHeaderParameters.headerAnnotation(p);
            Optional<Expression> nameExpr = annotation.flatMap(AnnotatedHeaderParameters::headerNameExpression);
            if (nameExpr.isEmpty()) {
                continue;
            }
            Optional<String> header = strings.resolve(nameExpr.get()).filter(v -> v.toLowerCase(Locale.ROOT).startsWith("x-portkey-"));
            Optional<Rule> rule = header.flatMap(rules::requestHeader);
            if (rule.isEmpty()) {
                continue;
            }
            Rule r = rule.get();
            String subject = header.get() + " header parameter '" + p.getNameAsString() + "'";
            Optional<MethodDeclaration> method = AnnotatedHeaderParameters.method(p);
            consume.accept(nameExpr.get());
            if (isDropped(r)) {
                int position = method.map(m -> m.getParameters().indexOf(p)).orElse(-1);
                if (method.isPresent() && indexed(method.get(), position, header.get())) {
                    removals.computeIfAbsent(method.get(), m -> new TreeSet<>()).add(position);
                    work.fix(edits.start(p), r, subject, List.of());
                } else {
                    String why = method.isPresent() && work.index().headerParametersUnsafe(
                            method.get().getNameAsString(), method.get().getParameters().size())
                            ? "some call of it cannot be tied to this method" : "used in the method body, or its callers cannot be told apart";
                    String what = subject + ": " + why + "; remove the parameter and its arguments by hand";
                    work.manual(edits.start(p), r, what);
                    work.todoAbove(anchor(p), COMMENT, what + ". " + r.note(), r.id());
                }
            } else if (r.action() == Action.RENAME_HEADER) {
                work.fix(edits.start(nameExpr.get()), r, subject,
                        edits.replace(nameExpr.get(), JavaStrings.quote(r.to()), r.id()));
            } else if (r.action() == Action.TO_AUTHORIZATION) {
                String what = subject + ": callers pass a bare key; make it @" + annotation.get().getName().getIdentifier()
                        + "(\"Authorization\") and have every caller pass \"Bearer \" + System.getenv(\"" + keyVariable() + "\")";
                work.manual(edits.start(p), r, what);
                work.todoAbove(anchor(p), COMMENT, what, r.id());
            } else {
                work.manualWithTodo(edits.start(p), anchor(p), r, subject, COMMENT);
            }
        }
        removals.forEach((m, positions) -> edits.removeArguments(m.getParameters(), positions, "header-parameter")
                .forEach(work::edit));
    }

    private String keyVariable() {
        return rules.envVar("PORTKEY_API_KEY").map(Rule::to).filter(t -> t != null).orElse("CONCENTRATE_API_KEY");
    }

    /**
     * Where a TODO about a parameter goes: above the parameter when it starts its own line, else
     * above the method with its annotations (never between an annotation and the signature).
     */
    private int anchor(Parameter p) {
        int at = edits.start(p);
        if (work.text().onlyBlankBefore(at)) {
            return at;
        }
        return AnnotatedHeaderParameters.method(p).map(edits::start).orElse(edits.anchor(p));
    }

    /** Whether the index pass recorded this parameter as removable everywhere. */
    private boolean indexed(MethodDeclaration m, int position, String header) {
        return work.index().headerParameters(m.getNameAsString(), m.getParameters().size())
                .filter(p -> header.equals(p.headers().get(position)))
                .isPresent();
    }

    private void callSites() {
        String text = work.text().text();
        for (MethodCallExpr call : JavaNodes.all(cu, MethodCallExpr.class)) {
            if (consumed.test(call)) {
                continue;
            }
            Optional<ProjectIndex.HeaderParameters> target = work.index()
                    .headerParameters(call.getNameAsString(), call.getArguments().size());
            if (target.isEmpty()) {
                continue;
            }
            boolean attributed = AnnotatedHeaderParameters.isCallOf(call, target.get(), cu, text);
            work.index().headerParameterCall(call.getNameAsString(), call.getArguments().size(), work.file().path(), attributed);
            if (!attributed) {
                continue;
            }
            Set<Integer> positions = new TreeSet<>();
            List<Runnable> findings = new ArrayList<>();
            target.get().headers().forEach((position, header) -> {
                Rule r = rules.requestHeader(header).orElse(null);
                if (r != null && isDropped(r)) {
                    positions.add(position);
                    Expression arg = call.getArgument(position);
                    findings.add(() -> work.fix(edits.start(arg), r, "argument for the " + header + " header parameter of "
                            + target.get().owner() + "." + target.get().method() + "(...)", List.of()));
                }
            });
            if (positions.isEmpty()) {
                continue;
            }
            findings.forEach(Runnable::run);
            edits.removeArguments(call.getArguments(), positions, "header-parameter").forEach(work::edit);
            positions.forEach(i -> consume.accept(call.getArgument(i)));
        }
    }
}
