package dev.migrateportkey.lang.treesitter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Feeds the natives malformed input of every kind: every truncation of real programs, random
 * mutations, random bytes decoded as text, unbalanced nesting far deeper than any real file, lone
 * surrogates and NUL characters. The natives assert in C, so a bug here kills the JVM rather than
 * failing one test; reaching the end is the point. Every tree is also walked fully and its errors
 * collected, which exercises the node calls on broken trees.
 */
class TreeSitterRobustnessTest {
    private static final String PYTHON = """
            from portkey_ai import Portkey, createHeaders, PORTKEY_GATEWAY_URL
            import os, json

            client = Portkey(
                api_key=os.environ["PORTKEY_API_KEY"],
                virtual_key="openai-prod",  # café ☕
                config=json.dumps({"retry": {"attempts": 3}}),
            )

            async def ask(q: str) -> str:
                r = await client.chat.completions.create(model="gpt-4o", messages=[{"role": "user", "content": f"{q!r:>10}"}])
                return r.choices[0].message.content

            class A(B, metaclass=M):
                @decorator(x=lambda y: y ** 2)
                def m(self, *a, **k): return [i for i in a if i] or {k: v for k, v in k.items()}
            """;
    private static final String TS = """
            import Portkey, { createHeaders } from 'portkey-ai';
            const client = new Portkey({ apiKey: process.env.PORTKEY_API_KEY!, virtualKey: `vk-${env}` });
            export async function ask<T extends object>(q: string): Promise<T> {
              const r = await client.chat.completions.create({ model: 'gpt-4o', messages: [{ role: 'user', content: q }] }, { headers: { 'x-portkey-trace-id': 'é😀' } });
              return r as unknown as T;
            }
            """;
    private static final String TSX = TS + "export const V = () => <div a={1}>{x ? <b/> : null}</div>;\n";

    @Test
    void truncatedMutatedAndGarbageInputsNeverKillTheJvm() {
        Random random = new Random(20260601L);
        int parsed = 0;
        int withErrors = 0;
        for (Grammar g : Grammar.values()) {
            String base = switch (g) {
                case PYTHON -> PYTHON;
                case TSX -> TSX;
                default -> TS;
            };
            List<String> inputs = new ArrayList<>();
            for (int cut = 0; cut <= base.length(); cut += 5) {
                inputs.add(base.substring(0, cut));          // every fifth truncation
                inputs.add(base.substring(cut));             // and every tail
            }
            for (int i = 0; i < 100; i++) {
                inputs.add(mutate(base, random));
                inputs.add(garbage(random, 1 + random.nextInt(400)));
            }
            inputs.add("(".repeat(20_000));
            inputs.add("[{".repeat(10_000) + "}]".repeat(3));
            inputs.add("\"".repeat(1_001) + "'''" + "\\");
            inputs.add("\uD800\uDC00\uDFFF\uD800 x = 1 \u0000 y\u0000");
            inputs.add("\t\t  \n" .repeat(1000) + "  x");
            for (String in : inputs) {
                try (SyntaxTree t = TreeSitter.parse(g, in)) {
                    List<Node> all = t.root().descendants();
                    assertThat(all).isNotEmpty();
                    for (Node n : all) {
                        assertThat(n.start()).isBetween(0, in.length());
                        assertThat(n.end()).isBetween(n.start(), in.length());
                    }
                    if (!t.errors().isEmpty()) {
                        withErrors++;
                    }
                    parsed++;
                }
            }
        }
        assertThat(parsed).isGreaterThan(1_500);
        assertThat(withErrors).as("malformed inputs reported as errors").isGreaterThan(parsed / 3);
    }

    private static String mutate(String s, Random r) {
        StringBuilder b = new StringBuilder(s);
        int edits = 1 + r.nextInt(6);
        String alphabet = "()[]{}:,\"'`\\\n\t #=@*;<>/$é😀";
        for (int i = 0; i < edits && b.length() > 0; i++) {
            int at = r.nextInt(b.length());
            switch (r.nextInt(3)) {
                case 0 -> b.deleteCharAt(at);
                case 1 -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
                default -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
            }
        }
        return b.toString();
    }

    private static String garbage(Random r, int n) {
        StringBuilder b = new StringBuilder(n);
        for (int i = 0; i < n; i++) {
            b.append((char) (r.nextBoolean() ? 32 + r.nextInt(95) : r.nextInt(0x10000)));
        }
        return b.toString();
    }
}
