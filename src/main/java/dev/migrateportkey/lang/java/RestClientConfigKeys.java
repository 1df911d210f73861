package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.expr.AnnotationExpr;
import com.github.javaparser.ast.expr.NormalAnnotationExpr;
import com.github.javaparser.ast.expr.StringLiteralExpr;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.Locale;

/**
 * A MicroProfile/Quarkus REST client registered under a Portkey config key
 * ({@code @RegisterRestClient(configKey = "portkey")}): its URL is not in the code but in
 * {@code quarkus.rest-client.portkey.url} (or {@code .uri}), which the settings migrator leaves to
 * a human as a custom portkey block. The interface says so too, with the whole next step, so the
 * two halves are done together: the URL and the config key, here and in the settings.
 */
final class RestClientConfigKeys {
    private static final String BLOCK_RULE = "config-portkey-block";

    private RestClientConfigKeys() {
    }

    static void report(FileMigration work, CompilationUnit cu, JavaEdits edits, String commentPrefix) {
        Rule block = work.rules().byId(BLOCK_RULE).orElse(null);
        if (block == null) {
            return;
        }
        String baseUrl = work.rules().rewriteUrls("https://api.portkey.ai");
        for (AnnotationExpr a : JavaNodes.all(cu, AnnotationExpr.class,
                x -> x.getNameAsString().equals("RegisterRestClient") || x.getNameAsString().endsWith(".RegisterRestClient"))) {
            if (!(a instanceof NormalAnnotationExpr n)) {
                continue;
            }
            n.getPairs().stream()
                    .filter(p -> p.getNameAsString().equals("configKey") && p.getValue() instanceof StringLiteralExpr)
                    .filter(p -> ((StringLiteralExpr) p.getValue()).asString().toLowerCase(Locale.ROOT).contains("portkey"))
                    .findFirst().ifPresent(p -> {
                        String key = ((StringLiteralExpr) p.getValue()).asString();
                        work.manualWithTodo(edits.start(p.getValue()), edits.anchor(a), block.id(), "this REST client's"
                                + " URL comes from quarkus.rest-client." + key + ".url (or .uri) in the application settings,"
                                + " not from the code: set it to " + baseUrl + " (plus any path your @Path values do not add),"
                                + " then rename the config key '" + key + "' here and in the settings together"
                                + " (e.g. to 'concentrate')", commentPrefix);
                    });
        }
    }
}
