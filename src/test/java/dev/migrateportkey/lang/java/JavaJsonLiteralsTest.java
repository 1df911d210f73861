package dev.migrateportkey.lang.java;

import com.github.javaparser.ast.CompilationUnit;
import dev.migrateportkey.config.ConfigText;
import dev.migrateportkey.edit.SourceText;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON-shaped values written as Java expressions. */
class JavaJsonLiteralsTest {

    private static String render(Object value) throws Exception {
        String src = "class A {\n}\n";
        CompilationUnit cu = JavaParsing.parse(src);
        SourceText text = new SourceText(src);
        return new JavaJsonLiterals(new JavaImports(cu, text, new JavaEdits(text))).render(value);
    }

    @Test
    void nestedMapsListsAndScalars() throws Exception {
        Object v = ((ConfigText.Inline) ConfigText.parse("""
                {"routing": {"model": {"fallbacks": ["a/b", "c"]}}, "t": 0.2, "n": 512, "big": 12345678901,
                 "ok": true, "quote": "say \\"hi\\"", "gone": null}""")).config();
        assertThat(render(v)).isEqualTo("Map.of(\"routing\", Map.of(\"model\", Map.of(\"fallbacks\", List.of(\"a/b\", \"c\"))),"
                + " \"t\", 0.2, \"n\", 512, \"big\", 12345678901L, \"ok\", true, \"quote\", \"say \\\"hi\\\"\")");
    }

    @Test
    void moreThanTenEntriesUseMapOfEntries() throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < 11; i++) {
            m.put("k" + i, i);
        }
        assertThat(render(m)).startsWith("Map.ofEntries(Map.entry(\"k0\", 0), Map.entry(\"k1\", 1),")
                .endsWith("Map.entry(\"k10\", 10))");
    }
}
