import com.github.javaparser.JavaParser;
import com.github.javaparser.ParserConfiguration;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The benchmark's floor for rewrite: parse every .java file under a directory with JavaParser, on
 * all cores, one parser per thread, and do nothing else. Run with the tool's jar on the class path:
 * java -cp target/migrate-portkey.jar src/bench/ParseOnly.java DIR
 */
public class ParseOnly {
    public static void main(String[] args) throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.walk(Path.of(args[0]))) {
            files = s.filter(p -> p.toString().endsWith(".java")).toList();
        }
        ThreadLocal<JavaParser> parser = ThreadLocal.withInitial(() -> new JavaParser(new ParserConfiguration()
                .setLanguageLevel(ParserConfiguration.LanguageLevel.BLEEDING_EDGE)));
        long ok = files.parallelStream().filter(p -> {
            try {
                return parser.get().parse(Files.readString(p)).isSuccessful();
            } catch (Exception e) {
                return false;
            }
        }).count();
        System.err.println("parsed " + ok + " of " + files.size() + " files");
    }
}
