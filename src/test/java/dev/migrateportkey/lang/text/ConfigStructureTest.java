package dev.migrateportkey.lang.text;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reads the input and the expected output of every YAML and properties fixture under
 * {@code fixtures/config} with real parsers (SnakeYAML, {@link Properties}) and checks that only
 * the intended keys changed. Each case lists them in {@code changed-keys.txt}: one
 * {@code <file> <key prefix>} per line. Every changed leaf must fall under a listed prefix, and
 * every listed prefix must cover a change. List items that carry a {@code name} are keyed by it
 * ({@code env[OPENAI_API_KEY].value}), scalar items by their value, so commenting one item out
 * does not shift the others; YAML merge keys ({@code <<: *anchor}) are resolved by the parser.
 */
class ConfigStructureTest {
    private static final Path CASES = Path.of("fixtures", "config");

    @TestFactory
    Stream<DynamicTest> onlyIntendedKeysChange() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        List<Path> cases;
        try (Stream<Path> s = Files.list(CASES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        for (Path c : cases) {
            List<Path> files;
            try (Stream<Path> s = Files.walk(c.resolve("input"))) {
                files = s.filter(Files::isRegularFile).filter(ConfigStructureTest::structured).sorted().toList();
            }
            for (Path in : files) {
                String rel = c.resolve("input").relativize(in).toString().replace('\\', '/');
                tests.add(DynamicTest.dynamicTest(c.getFileName() + "/" + rel, () -> compare(c, rel)));
            }
        }
        assertThat(tests).as("YAML or properties fixtures under " + CASES).isNotEmpty();
        return tests.stream();
    }

    private static boolean structured(Path p) {
        String n = p.getFileName().toString();
        if (p.getParent() != null && p.getParent().getFileName().toString().equals("templates")) {
            return false; // a Helm template is a Go template that renders YAML, not YAML a parser reads
        }
        return (n.endsWith(".yml") || n.endsWith(".yaml") || n.endsWith(".properties")) && !n.equals("pnpm-lock.yaml");
    }

    private static void compare(Path c, String rel) throws IOException {
        Map<String, String> before = flatten(c.resolve("input").resolve(rel));
        Map<String, String> after = flatten(c.resolve("expected").resolve(rel));
        TreeSet<String> changed = new TreeSet<>();
        for (String k : before.keySet()) {
            if (!Objects.equals(before.get(k), after.get(k))) {
                changed.add(k);
            }
        }
        for (String k : after.keySet()) {
            if (!before.containsKey(k)) {
                changed.add(k);
            }
        }
        List<String> intended = intended(c, rel);
        assertThat(changed).as(rel + ": every changed key is an intended one " + intended)
                .allSatisfy(k -> assertThat(intended.stream().anyMatch(k::startsWith)).as(k).isTrue());
        assertThat(intended).as(rel + ": every intended change happened; changed: " + changed)
                .allSatisfy(p -> assertThat(changed.stream().anyMatch(k -> k.startsWith(p))).as(p).isTrue());
    }

    private static List<String> intended(Path c, String rel) throws IOException {
        Path list = c.resolve("changed-keys.txt");
        assertThat(list).as(c + "/changed-keys.txt lists the keys its YAML and properties files may change").exists();
        List<String> out = new ArrayList<>();
        for (String line : Files.readAllLines(list, StandardCharsets.UTF_8)) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("#")) {
                continue;
            }
            int sp = l.indexOf(' ');
            if (l.substring(0, sp).equals(rel)) {
                out.add(l.substring(sp + 1).strip());
            }
        }
        return out;
    }

    /** Every leaf of the file as {@code doc:path = value}. */
    static Map<String, String> flatten(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        Map<String, String> out = new TreeMap<>();
        if (file.getFileName().toString().endsWith(".properties")) {
            Properties p = new Properties();
            p.load(new StringReader(text));
            p.stringPropertyNames().forEach(k -> out.put(k, p.getProperty(k)));
            return out;
        }
        LoaderOptions options = new LoaderOptions();
        int doc = 0;
        for (Object d : new Yaml(options).loadAll(text)) {
            flatten(doc + ":", d, out);
            doc++;
        }
        return out;
    }

    private static void flatten(String path, Object node, Map<String, String> out) {
        if (node instanceof Map<?, ?> m) {
            for (Map.Entry<?, ?> e : m.entrySet()) {
                String p = path.endsWith(":") ? path + e.getKey() : path + "." + e.getKey();
                flatten(p, e.getValue(), out);
            }
            if (m.isEmpty()) {
                out.put(path, "{}");
            }
        } else if (node instanceof List<?> l) {
            for (int i = 0; i < l.size(); i++) {
                Object item = l.get(i);
                String key = item instanceof Map<?, ?> im && im.get("name") != null ? String.valueOf(im.get("name"))
                        : item instanceof Map || item instanceof List ? String.valueOf(i) : "=" + item;
                flatten(path + "[" + key + "]", item, out);
            }
        } else {
            out.put(path, String.valueOf(node));
        }
    }
}
