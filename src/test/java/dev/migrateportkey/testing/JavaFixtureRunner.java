package dev.migrateportkey.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs migrated Java code for real: copies a fixture tree (usually its {@code expected/}), points
 * it at a {@link FakeGateway}, adds a driver class, compiles it against the test classpath and runs
 * a main class in a child JVM with the environment the test chooses.
 *
 * <p>How the migrated code reaches the fake gateway: the fixture keeps Concentrate's real URL
 * ({@code https://api.concentrate.ai/v1}), and only the compiled copy has that literal replaced by
 * the gateway's loopback URL ({@link #pointAt}). The fixture itself stays what a user would get.
 *
 * <pre>{@code
 * try (FakeGateway gw = new FakeGateway()) {
 *     JavaFixtureRunner.Result r = JavaFixtureRunner.copyOf(fixture.resolve("expected"), tempDir)
 *             .pointAt(gw)
 *             .addSource("e2e/Main.java", "package e2e; public class Main { ... }")
 *             .compile()
 *             .run("e2e.Main", Map.of("CONCENTRATE_API_KEY", "sk-cn-v1-test"));
 *     assertThat(r.exitCode()).as(r.toString()).isZero();
 *     // gw.requests() holds what arrived
 * }
 * }</pre>
 */
public final class JavaFixtureRunner {
    /** Concentrate's base URL as migrated code spells it. */
    public static final String CONCENTRATE_V1 = "https://api.concentrate.ai/v1";
    /** Concentrate's origin, as Spring AI spells it (it appends {@code /v1} itself). */
    public static final String CONCENTRATE_ORIGIN = "https://api.concentrate.ai";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

    /** What the child JVM did. */
    public record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private final Path sources;
    private final Path classes;
    private final Path work;
    private boolean compiled;

    private JavaFixtureRunner(Path work) {
        this.work = work;
        this.sources = work.resolve("src");
        this.classes = work.resolve("classes");
    }

    /** A runner over a copy of {@code tree} made inside {@code workDir} (a fresh temp directory). */
    public static JavaFixtureRunner copyOf(Path tree, Path workDir) throws IOException {
        JavaFixtureRunner r = new JavaFixtureRunner(Files.createTempDirectory(workDir, "run"));
        List<Path> all;
        try (Stream<Path> s = Files.walk(tree)) {
            all = s.sorted().toList();
        }
        for (Path p : all) {
            Path target = r.sources.resolve(tree.relativize(p).toString());
            if (Files.isDirectory(p)) {
                Files.createDirectories(target);
            } else {
                Files.copy(p, target);
            }
        }
        return r;
    }

    /** The copied sources, to inspect or edit before {@link #compile()}. */
    public Path sources() {
        return sources;
    }

    /**
     * Replaces Concentrate's URLs in every copied {@code .java} file with the gateway's: the
     * {@code /v1} base URL first, then the bare origin (Spring AI's form).
     */
    public JavaFixtureRunner pointAt(FakeGateway gateway) throws IOException {
        replaceInSources(CONCENTRATE_V1, gateway.baseUrl());
        return replaceInSources(CONCENTRATE_ORIGIN, gateway.origin());
    }

    /** Replaces {@code from} with {@code to} in every copied {@code .java} file. */
    public JavaFixtureRunner replaceInSources(String from, String to) throws IOException {
        for (Path p : JavaSourceCompiler.sourcesUnder(sources)) {
            String s = Files.readString(p, StandardCharsets.UTF_8);
            if (s.contains(from)) {
                Files.writeString(p, s.replace(from, to), StandardCharsets.UTF_8);
            }
        }
        return this;
    }

    /** Adds a source file (a driver with a {@code main}) at {@code relativePath} under the copied tree. */
    public JavaFixtureRunner addSource(String relativePath, String code) throws IOException {
        Path p = sources.resolve(relativePath);
        Files.createDirectories(p.getParent());
        Files.writeString(p, code, StandardCharsets.UTF_8);
        return this;
    }

    /** Compiles the copy; fails with every error as {@code file:line: message}. */
    public JavaFixtureRunner compile() throws IOException {
        try (JavaSourceCompiler javac = new JavaSourceCompiler()) {
            return compile(javac);
        }
    }

    /** Same, with a compiler the caller reuses across runners. */
    public JavaFixtureRunner compile(JavaSourceCompiler javac) throws IOException {
        List<JavaSourceCompiler.Problem> problems = javac.compile(sources, classes);
        if (!problems.isEmpty()) {
            throw new AssertionError("migrated code does not compile:\n"
                    + String.join("\n", problems.stream().map(Object::toString).toList()));
        }
        compiled = true;
        return this;
    }

    public Result run(String mainClass, Map<String, String> env, String... args) throws IOException, InterruptedException {
        return run(mainClass, env, DEFAULT_TIMEOUT, args);
    }

    /**
     * Runs {@code mainClass} in a child JVM on the compiled copy plus the test classpath. The child
     * gets this process's environment minus every Portkey, Concentrate and provider key variable
     * (so nothing leaks in from the machine), plus {@code env}.
     */
    public Result run(String mainClass, Map<String, String> env, Duration timeout, String... args)
            throws IOException, InterruptedException {
        if (!compiled) {
            throw new IllegalStateException("compile() first");
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx256m");
        cmd.add("-XX:TieredStopAtLevel=1"); // short-lived child: start-up matters more than peak speed
        cmd.add("-cp");
        cmd.add(classes + File.pathSeparator + JavaSourceCompiler.testClasspath());
        cmd.add(mainClass);
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile());
        Map<String, String> childEnv = pb.environment();
        childEnv.keySet().removeIf(JavaFixtureRunner::isCredentialVariable);
        childEnv.putAll(env);
        Path out = work.resolve("stdout.txt");
        Path err = work.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError(mainClass + " did not finish within " + timeout + "\n--- stderr\n"
                    + Files.readString(err, StandardCharsets.UTF_8));
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static boolean isCredentialVariable(String name) {
        String n = name.toUpperCase(java.util.Locale.ROOT);
        return n.startsWith("PORTKEY_") || n.startsWith("CONCENTRATE_") || n.startsWith("OPENAI_")
                || n.startsWith("ANTHROPIC_") || n.startsWith("AZURE_OPENAI") || n.endsWith("_API_KEY");
    }
}
