package dev.migrateportkey.lang.typescript;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every rewritten TypeScript fixture ({@code fixtures/typescript/* /expected/**.ts, .tsx})
 * type-checks with {@code tsc --noEmit --strict} against the real {@code openai} and
 * {@code @ai-sdk/openai} packages from the npm registry. Skipped, saying so, where npm is missing.
 */
class TypeScriptTypeCheckTest {
    private static final Path FIXTURES = Path.of("fixtures", "typescript");

    @Test
    void rewrittenTypeScriptTypeChecksAgainstTheRealOpenAiPackage() throws Exception {
        NpmSandbox.unavailable().ifPresent(why ->
                Assumptions.abort("TypeScript type-check skipped: " + why + ". Install Node.js with npm to run it."));
        Path sandbox = NpmSandbox.installed();
        Path project = sandbox.resolve("tsc-" + UUID.randomUUID());
        try {
            List<Path> copied = copyExpectedTypeScript(project);
            assertThat(copied).as("TypeScript files among the expected fixtures").hasSizeGreaterThanOrEqualTo(5);
            Files.writeString(project.resolve("tsconfig.json"), """
                    { "compilerOptions": { "target": "es2022", "module": "esnext", "moduleResolution": "bundler",
                      "strict": true, "noEmit": true, "skipLibCheck": true, "jsx": "preserve", "types": ["node"],
                      "lib": ["es2022", "dom"], "moduleDetection": "force" },
                      "include": ["**/*.ts", "**/*.tsx"] }
                    """);
            // The TSX fixture renders an intrinsic element; no React types are installed for it.
            Files.writeString(project.resolve("jsx-shim.d.ts"),
                    "declare namespace JSX { interface IntrinsicElements { [name: string]: unknown } }\n");
            NpmSandbox.Result r = NpmSandbox.run(project, 300, Map.of(), List.of("node",
                    sandbox.resolve("node_modules/typescript/bin/tsc").toString(), "-p", "tsconfig.json", "--listFiles"));
            assertThat(r.exitCode()).as("tsc over " + copied + ":\n" + r.output()).isZero();
            // The check means something only if the real package types were read.
            assertThat(r.output()).contains("node_modules/openai/").contains("node_modules/@ai-sdk/openai/");
            for (Path f : copied) {
                assertThat(r.output()).as("tsc read " + f).contains(project.relativize(f).toString().replace('\\', '/'));
            }
        } finally {
            deleteTree(project);
        }
    }

    /** Copies each case's expected .ts/.tsx files to {@code project/<case>/...}. */
    private static List<Path> copyExpectedTypeScript(Path project) throws IOException {
        List<Path> out = new ArrayList<>();
        List<Path> cases;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path c : cases) {
            Path expected = c.resolve("expected");
            List<Path> files;
            try (Stream<Path> s = Files.walk(expected)) {
                files = s.filter(Files::isRegularFile)
                        .filter(p -> p.toString().endsWith(".ts") || p.toString().endsWith(".tsx")).toList();
            }
            for (Path f : files) {
                Path target = project.resolve(c.getFileName().toString()).resolve(expected.relativize(f).toString());
                Files.createDirectories(target.getParent());
                Files.copy(f, target);
                out.add(target);
            }
        }
        return out;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
