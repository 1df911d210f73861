package dev.migrateportkey.lang.treesitter;

import dev.migrateportkey.lang.UnparseableFileException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TreeSitterTest {

    @Test
    void parsesPythonAndMapsNodesToCharOffsetsPastNonAsciiText() {
        // é is 2 UTF-8 bytes, 漢 3, the emoji 4 bytes and 2 chars: byte and char offsets drift apart.
        String src = "# café 漢 😀\nx = \"😀é\"\nclient = Portkey(api_key=\"k\")\n";
        try (SyntaxTree t = TreeSitter.parse(Grammar.PYTHON, src)) {
            assertThat(t.errors()).isEmpty();
            List<Node> calls = t.root().descendantsOfType(Set.of("call"));
            assertThat(calls).hasSize(1);
            Node call = calls.get(0);
            assertThat(call.text()).isEqualTo("Portkey(api_key=\"k\")");
            assertThat(src.substring(call.start(), call.end())).isEqualTo(call.text());
            assertThat(call.startByte()).isGreaterThan(call.start());
            assertThat(call.field("function").text()).isEqualTo("Portkey");
            Node string = t.root().descendantsOfType(Set.of("string")).get(0);
            assertThat(string.text()).isEqualTo("\"😀é\"");
        }
    }

    @Test
    void utf8OffsetsAgreeWithTheJdkEncoderAndMapEveryByteBack() {
        String s = "aé漢😀b\u0000c";
        Utf8Offsets o = new Utf8Offsets(s);
        assertThat(o.bytes()).isEqualTo(s.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertThat(o.charOffset(0)).isEqualTo(0);
        assertThat(o.charOffset(1)).isEqualTo(1);   // é starts at byte 1
        assertThat(o.charOffset(2)).isEqualTo(1);   // second byte of é
        assertThat(o.charOffset(3)).isEqualTo(2);   // 漢
        assertThat(o.charOffset(6)).isEqualTo(3);   // 😀 (two chars)
        assertThat(o.charOffset(10)).isEqualTo(5);  // b
        assertThat(o.charOffset(o.byteLength())).isEqualTo(s.length());
        assertThat(o.charOffset(o.byteLength() + 5)).isEqualTo(s.length());
        // A lone surrogate becomes U+FFFD (three bytes) for one char.
        Utf8Offsets lone = new Utf8Offsets("a\uD800b");
        assertThat(lone.byteLength()).isEqualTo(5);
        assertThat(lone.charOffset(4)).isEqualTo(2);
    }

    @Test
    void reportsErrorAndMissingNodesWithLineAndColumn() {
        String src = "import os\n\nclient = OpenAI(base_url=\"x\"\nprint(1)\n";
        try (SyntaxTree t = TreeSitter.parse(Grammar.PYTHON, src)) {
            List<SyntaxError> errors = t.errors();
            assertThat(errors).isNotEmpty();
            assertThat(errors.get(0).line()).isEqualTo(3);
            assertThatThrownBy(t::requireNoErrors).isInstanceOf(UnparseableFileException.class)
                    .satisfies(e -> assertThat(((UnparseableFileException) e).line()).isEqualTo(3));
        }
        try (SyntaxTree t = TreeSitter.parse(Grammar.PYTHON, "def f(:\n    pass\n")) {
            assertThat(t.errors()).first().satisfies(e -> {
                assertThat(e.line()).isEqualTo(1);
                assertThat(e.column()).isBetween(6, 7);
            });
        }
    }

    @Test
    void everyGrammarLoadsAndParsesItsLanguage() throws Exception {
        assertClean(Grammar.TYPESCRIPT, "import OpenAI from 'openai';\nconst c: OpenAI = new OpenAI({ apiKey: 'k' });\n", "new_expression");
        assertClean(Grammar.TSX, "const e = <div title={x as string}>hi</div>;\n", "jsx_element");
        assertClean(Grammar.JAVASCRIPT, "const c = new OpenAI({ baseURL: process.env.X });\nconst e = <b/>;\n", "new_expression");
        assertClean(Grammar.PYTHON, "async def f():\n    await g()\n", "await");
    }

    private static void assertClean(Grammar g, String src, String type) throws UnparseableFileException {
        try (SyntaxTree t = TreeSitter.parse(g, src)) {
            t.requireNoErrors();
            assertThat(t.root().descendantsOfType(Set.of(type))).as(g + " " + type).isNotEmpty();
        }
    }

    @Test
    void misuseThrowsInsteadOfReachingTheNatives() throws Exception {
        SyntaxTree t = TreeSitter.parse(Grammar.PYTHON, "x = 1\n");
        Node root = t.root();
        assertThat(root.child(-1)).isNull();
        assertThat(root.child(99)).isNull();
        assertThat(root.fieldNameOfChild(99)).isNull();
        assertThat(root.field("no_such_field")).isNull();
        assertThat(root.parent()).isNull();
        // Another thread may not touch the tree.
        CompletableFuture<Object> other = CompletableFuture.supplyAsync(root::children);
        assertThatThrownBy(other::get).isInstanceOf(ExecutionException.class)
                .hasCauseInstanceOf(IllegalStateException.class);
        t.close();
        assertThatThrownBy(root::children).isInstanceOf(IllegalStateException.class).hasMessageContaining("after close");
        t.close(); // closing twice is harmless
    }

    @Test
    void emptyInputParses() throws Exception {
        for (Grammar g : Grammar.values()) {
            try (SyntaxTree t = TreeSitter.parse(g, "")) {
                t.requireNoErrors();
                assertThat(t.root().start()).isZero();
                assertThat(t.root().end()).isZero();
            }
        }
    }
}
