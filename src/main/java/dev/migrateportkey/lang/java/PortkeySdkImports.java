package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import com.github.javaparser.ast.ImportDeclaration;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.rules.Rule;

import java.util.Locale;

/**
 * Code written against a Portkey Java SDK ({@code import ai.portkey.client.PortkeyClient;}) has no
 * Concentrate counterpart to be rewritten into: Concentrate ships no SDK, the OpenAI Java SDK is the
 * way in. Its API differs from the Portkey client's, so the file is reported once, at its first such
 * import, with what to build instead; the dependency itself is the manifest migrator's business.
 * The SDK's own sources (package {@code ai.portkey...}) are not reported: their header calls are.
 */
final class PortkeySdkImports {
    private static final String SDK_PACKAGE = "ai.portkey";

    private PortkeySdkImports() {
    }

    static void report(FileMigration work, CompilationUnit cu, JavaEdits edits, String keyVariable, String comment) {
        boolean ownSource = cu.getPackageDeclaration().map(p -> isSdk(p.getNameAsString())).orElse(false);
        if (ownSource) {
            return;
        }
        Rule r = work.rules().byId("dependency-portkey-java-sdk").orElse(null);
        if (r == null) {
            return;
        }
        for (ImportDeclaration imp : cu.getImports()) {
            if (isSdk(imp.getNameAsString())) {
                work.manualWithTodo(edits.start(imp), edits.start(imp), r.id(), "this file uses the Portkey Java SDK ("
                        + imp.getNameAsString() + (imp.isAsterisk() ? ".*" : "") + "), which has no Concentrate counterpart:"
                        + " build the client with the OpenAI Java SDK instead (OpenAIOkHttpClient.builder().baseUrl("
                        + "\"https://api.concentrate.ai/v1\").apiKey(System.getenv(\"" + keyVariable + "\")).build()),"
                        + " put the provider in the model slug (provider/model-id) and drop virtual keys", comment);
                return;
            }
        }
    }

    private static boolean isSdk(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals(SDK_PACKAGE) || n.startsWith(SDK_PACKAGE + ".");
    }
}
