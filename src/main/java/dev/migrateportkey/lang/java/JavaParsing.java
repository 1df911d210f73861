package dev.migrateportkey.lang.java;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.TokenRange;
import com.github.javaparser.ast.CompilationUnit;
import dev.migrateportkey.lang.UnparseableFileException;

/**
 * JavaParser at the newest language level it knows, one parser per thread (parsers are not
 * thread-safe). Comments are kept so the migrator can see what it must not cut.
 */
final class JavaParsing {
    private static final ThreadLocal<JavaParser> PARSER = ThreadLocal.withInitial(() -> new JavaParser(
            new ParserConfiguration()
                    .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE)
                    .setAttributeComments(true)
                    .setLexicalPreservationEnabled(false)
                    .setTabSize(1)));

    /**
     * A small file in the shapes Portkey code has (builder chains, maps, lambdas, generics,
     * annotations, text blocks): parsing it once loads and initialises JavaParser's classes.
     */
    private static final String WARM_UP = """
            package warm.up;

            import java.util.*;
            import java.util.function.Supplier;

            @SuppressWarnings("unused")
            public class WarmUp<T extends Comparable<T>> implements Supplier<Map<String, String>> {
                private static final String GATEWAY = "https://api.portkey.ai/v1";
                private final List<T> items = new ArrayList<>();

                @Override
                public Map<String, String> get() {
                    Map<String, String> h = new HashMap<>();
                    h.put("x-portkey-api-key", System.getenv("PORTKEY_API_KEY"));
                    for (int i = 0; i < items.size(); i++) {
                        if (items.get(i) instanceof Comparable<?> c && i % 2 == 0) {
                            h.putIfAbsent("k" + i, String.valueOf(c));
                        }
                    }
                    Runnable r = () -> items.forEach(x -> h.computeIfAbsent(x.toString(), String::trim));
                    r.run();
                    String body = "{\\"model\\": \\"gpt-4o\\"}";
                    return switch (body.length()) {
                        case 0 -> Map.of();
                        default -> new TreeMap<>(h);
                    };
                }

                record Pair(String a, long b) {
                }
            }
            """;

    private JavaParsing() {
    }

    /** Parses a small file once on the calling thread, so the first real parses do not pay class loading. */
    static void warmUp() {
        try {
            parse(WARM_UP);
        } catch (UnparseableFileException | RuntimeException e) {
            // only a warm-up: a real parse reports its own problems
        }
    }

    static CompilationUnit parse(String text) throws UnparseableFileException {
        ParseResult<CompilationUnit> r;
        try {
            r = PARSER.get().parse(text);
        } catch (RuntimeException e) {
            throw new UnparseableFileException(1, 1, "the parser gave up (" + e.getClass().getSimpleName() + ")");
        }
        // A StackOverflowError (deeply nested code) is left to the caller, which retries the whole
        // file on a thread with a larger stack (Planner).
        if (r.isSuccessful() && r.getResult().isPresent()) {
            return r.getResult().get();
        }
        int line = 1;
        int col = 1;
        String msg = "not valid Java";
        if (!r.getProblems().isEmpty()) {
            Problem p = r.getProblems().get(0);
            msg = shorten(p.getMessage().lines().findFirst().orElse(msg));
            TokenRange tr = p.getLocation().orElse(null);
            if (tr != null && tr.getBegin().getRange().isPresent()) {
                line = tr.getBegin().getRange().get().begin.line;
                col = tr.getBegin().getRange().get().begin.column;
            }
        }
        throw new UnparseableFileException(line, col, msg);
    }

    /** JavaParser lists every token it would have accepted; a handful is enough to read. */
    private static String shorten(String message) {
        int at = message.indexOf("expected one of");
        if (at < 0) {
            return message;
        }
        String[] alternatives = message.substring(at + "expected one of".length()).trim().split("\\s+");
        if (alternatives.length <= 6) {
            return message;
        }
        return message.substring(0, at) + "expected one of " + String.join(" ", java.util.Arrays.copyOf(alternatives, 6)) + " ...";
    }
}
