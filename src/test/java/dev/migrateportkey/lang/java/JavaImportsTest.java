package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import dev.migrateportkey.edit.EditApplier;
import dev.migrateportkey.edit.SourceText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Imports the tool's inserted code needs: sorted in, not duplicated, qualified when a name is taken. */
class JavaImportsTest {

    private static String withImports(String source, String... types) throws Exception {
        CompilationUnit cu = JavaParsing.parse(source);
        SourceText text = new SourceText(source);
        JavaImports imports = new JavaImports(cu, text, new JavaEdits(text));
        StringBuilder names = new StringBuilder();
        for (String t : types) {
            names.append(imports.use(t)).append(' ');
        }
        return names.toString().strip() + "\n---\n" + EditApplier.apply(source, imports.edits("test"));
    }

    @Test
    void insertsEachImportInSortedPlace() throws Exception {
        String src = "package a;\n\nimport com.openai.client.OpenAIClient;\nimport com.openai.models.X;\n\nclass A {\n}\n";
        assertThat(withImports(src, "com.openai.core.JsonValue", "java.util.Map", "java.util.List")).isEqualTo(
                "JsonValue Map List\n---\npackage a;\n\nimport com.openai.client.OpenAIClient;\nimport com.openai.core.JsonValue;\n"
                        + "import com.openai.models.X;\nimport java.util.List;\nimport java.util.Map;\n\nclass A {\n}\n");
    }

    @Test
    void aFileWithoutImportsGetsABlockAfterItsPackage() throws Exception {
        String src = "package a;\r\n\r\nclass A {\r\n}\r\n";
        assertThat(withImports(src, "java.util.Map")).isEqualTo(
                "Map\n---\npackage a;\r\n\r\nimport java.util.Map;\r\n\r\nclass A {\r\n}\r\n");
    }

    @Test
    void presentOrWildcardImportsAreReused() throws Exception {
        String src = "package a;\n\nimport java.util.*;\nimport java.util.Map;\n\nclass A {\n}\n";
        assertThat(withImports(src, "java.util.Map", "java.util.List")).isEqualTo("Map List\n---\n" + src);
    }

    @Test
    void aTakenSimpleNameIsWrittenQualified() throws Exception {
        String src = "package a;\n\nimport io.vertx.core.json.JsonValue;\n\nclass Map {\n}\n";
        assertThat(withImports(src, "com.openai.core.JsonValue", "java.util.Map"))
                .isEqualTo("com.openai.core.JsonValue java.util.Map\n---\n" + src);
    }
}
