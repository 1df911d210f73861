package dev.migrateportkey.testing;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Compiles a tree of Java sources with {@code javax.tools.JavaCompiler} against the test
 * classpath, which carries the real client libraries (openai-java, LangChain4j, OkHttp, Retrofit,
 * Spring, Spring AI, Unirest). One instance keeps one file manager, so the classpath jars are
 * opened once for many compilations; it is not thread-safe.
 */
public final class JavaSourceCompiler implements AutoCloseable {
    /** One compiler error, as {@code path:line: message}. */
    public record Problem(Path file, long line, String message) {
        @Override
        public String toString() {
            return file + ":" + line + ": " + message;
        }
    }

    private final JavaCompiler compiler;
    private final StandardJavaFileManager files;
    private final String classpath;

    public JavaSourceCompiler() {
        this(testClasspath());
    }

    public JavaSourceCompiler(String classpath) {
        this.compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no system Java compiler: the tests need a JDK, not a JRE");
        }
        this.files = compiler.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
        this.classpath = classpath;
    }

    /**
     * The classpath of the running tests. Surefire runs them from a manifest-only jar, so
     * {@code java.class.path} alone would be that jar; it publishes the real one as
     * {@code surefire.test.class.path}.
     */
    public static String testClasspath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    public String classpath() {
        return classpath;
    }

    /** Every {@code .java} file under {@code root}, sorted. */
    public static List<Path> sourcesUnder(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".java")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Compiles every {@code .java} file under {@code sourceRoot} into {@code classesDir} (created
     * if needed). Returns the errors; an empty list means the tree compiled. Warnings are ignored:
     * fixtures are allowed deprecated APIs, real code uses them.
     */
    public List<Problem> compile(Path sourceRoot, Path classesDir) throws IOException {
        return compile(sourcesUnder(sourceRoot), classesDir);
    }

    public List<Problem> compile(List<Path> sources, Path classesDir) throws IOException {
        if (sources.isEmpty()) {
            return List.of();
        }
        Files.createDirectories(classesDir);
        files.setLocation(StandardLocation.CLASS_OUTPUT, List.of(classesDir.toFile()));
        files.setLocation(StandardLocation.CLASS_PATH,
                Arrays.stream(classpath.split(File.pathSeparator)).filter(s -> !s.isBlank()).map(File::new).toList());
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<JavaFileObject> units = new ArrayList<>();
        for (Path p : sources) {
            units.add(withoutBom(p));
        }
        StringWriter out = new StringWriter();
        // -proc:none: no annotation processors from the classpath run over fixtures.
        List<String> options = List.of("--release", "17", "-proc:none", "-encoding", "UTF-8", "-Xlint:none", "-nowarn");
        boolean ok = compiler.getTask(out, files, diagnostics, options, null, units).call();
        List<Problem> problems = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                Path file = d.getSource() == null ? null : Path.of(d.getSource().toUri());
                problems.add(new Problem(file, d.getLineNumber(), d.getMessage(Locale.ROOT)));
            }
        }
        if (!ok && problems.isEmpty()) {
            problems.add(new Problem(null, 0, "compilation failed: " + out));
        }
        return problems;
    }

    /**
     * javac rejects a UTF-8 byte order mark ("illegal character: '\\ufeff'") where IDE compilers
     * accept it; a BOM fixture is about byte preservation, so its content is handed over without
     * the mark, under the file's own URI (errors still name the file).
     */
    private JavaFileObject withoutBom(Path p) throws IOException {
        byte[] bytes = Files.readAllBytes(p);
        if (bytes.length < 3 || (bytes[0] & 0xFF) != 0xEF || (bytes[1] & 0xFF) != 0xBB || (bytes[2] & 0xFF) != 0xBF) {
            return files.getJavaFileObjects(p).iterator().next();
        }
        String text = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8);
        return new SimpleJavaFileObject(p.toUri(), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return text;
            }
        };
    }

    @Override
    public void close() throws IOException {
        files.close();
    }
}
