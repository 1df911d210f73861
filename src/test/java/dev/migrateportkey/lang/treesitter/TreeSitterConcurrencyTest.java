package dev.migrateportkey.lang.treesitter;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the thread policy of {@link TreeSitter}: one parser per thread. Many threads, released
 * together, parse different inputs in all grammars over and over; every tree must equal the one a
 * single thread produced for the same input. A shared parser would corrupt trees or abort the JVM
 * on a live C assertion.
 */
class TreeSitterConcurrencyTest {

    @Test
    void parsersOnManyThreadsAtOnceGiveTheSameTreesAsOneThread() throws Exception {
        List<Grammar> grammars = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            Grammar g = Grammar.values()[i % Grammar.values().length];
            grammars.add(g);
            inputs.add(program(g, i));
        }
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            expected.add(shape(grammars.get(i), inputs.get(i)));
        }
        int threads = 8;
        int rounds = 40;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                results.add(pool.submit(() -> {
                    start.await();
                    int checked = 0;
                    for (int r = 0; r < rounds; r++) {
                        int i = (offset + r) % inputs.size();
                        assertThat(shape(grammars.get(i), inputs.get(i))).as("input " + i).isEqualTo(expected.get(i));
                        checked++;
                    }
                    return checked;
                }));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> f : results) {
                total += f.get(2, TimeUnit.MINUTES);
            }
            assertThat(total).isEqualTo(threads * rounds);
        } finally {
            pool.shutdownNow();
        }
    }

    /** Every node's type and byte range, in pre-order: equal strings mean equal trees. */
    private static String shape(Grammar g, String src) {
        StringBuilder b = new StringBuilder();
        try (SyntaxTree t = TreeSitter.parse(g, src)) {
            for (Node n : t.root().descendants()) {
                b.append(n.type()).append('[').append(n.startByte()).append(',').append(n.endByte()).append("] ");
            }
        }
        return b.toString();
    }

    private static String program(Grammar g, int i) {
        StringBuilder b = new StringBuilder();
        for (int k = 0; k <= i; k++) {
            if (g == Grammar.PYTHON) {
                b.append("def f").append(k).append("(a, b=").append(k).append("):\n    return {'k': [a, b, \"é").append(k).append("\"]}\n");
            } else {
                b.append("export function f").append(k).append("(a").append(g == Grammar.JAVASCRIPT ? "" : ": number")
                        .append(") { return { k: [a, `😀${a}`] }; }\n");
            }
        }
        return b.toString();
    }
}
