package dev.migrateportkey.rules;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Loads {@code rules/*.yaml}: the table bundled in the jar, then any {@code --rules DIR}, whose
 * rules add to the table or replace a bundled rule with the same id. Every problem is reported
 * with the file, line and key it concerns.
 */
public final class RuleLoader {
    /** Where the bundled rule files sit on the class path. */
    public static final String BUNDLED = "migrate-portkey/rules";

    private static final Set<String> KEYS = Set.of("id", "kind", "match", "action", "to", "param", "prefix",
            "header", "note", "guide");
    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9.-]*");

    // The streaming parser only: rule values are scalars or lists of scalars, and Jackson's data
    // binding (ObjectMapper, JsonNode) cost about 0.1 s of every run's start-up to load and set up.
    private final YAMLFactory yaml = new YAMLFactory();

    /** A rule's value as read: a scalar (null for YAML null), a list of scalars, or something else. */
    private record Value(String scalar, List<String> list, boolean badEntry, boolean mapping) {
        boolean isNull() {
            return scalar == null && list == null && !mapping;
        }

        boolean isScalar() {
            return scalar != null;
        }
    }

    /** The bundled table, overridden and extended by the rule files of {@code overrideDir} (may be null). */
    public RuleTable load(Path overrideDir) throws RuleFileException, IOException {
        Map<String, Rule> rules = new LinkedHashMap<>();
        for (Rule r : BundledRules.get()) {
            rules.put(r.id(), r);
        }
        if (overrideDir != null) {
            if (!Files.isDirectory(overrideDir)) {
                throw new RuleFileException(overrideDir.toString(), 0, 0, null,
                        "--rules expects a directory of *.yaml rule files, and this is not one");
            }
            // A user's rule replaces a bundled one by id; two of the user's own rules with one id
            // would leave the winner to file order, so that is an error.
            Map<String, String> own = new LinkedHashMap<>();
            for (Path file : ruleFiles(overrideDir)) {
                for (Rule r : parse(file.toString(), Files.readAllBytes(file))) {
                    String first = own.putIfAbsent(r.id(), r.origin());
                    if (first != null) {
                        throw new RuleFileException(file.toString(), lineOf(r.origin()), 0, "id",
                                "rule id '" + r.id() + "' is already defined at " + first + "; ids must be unique");
                    }
                    rules.put(r.id(), r);
                }
            }
        }
        return new RuleTable(new ArrayList<>(rules.values()));
    }

    /** The rule table shipped with the tool. */
    public List<Rule> loadBundled() throws RuleFileException, IOException {
        URL url = RuleLoader.class.getClassLoader().getResource(BUNDLED);
        if (url == null) {
            throw new IOException("the bundled rule table (" + BUNDLED + ") is missing from the class path");
        }
        URI uri;
        try {
            uri = url.toURI();
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        List<Rule> all = new ArrayList<>();
        Map<String, String> seen = new LinkedHashMap<>();
        if ("jar".equals(uri.getScheme())) {
            FileSystem fs;
            boolean close = false;
            try {
                fs = FileSystems.getFileSystem(uri);
            } catch (FileSystemNotFoundException e) {
                fs = FileSystems.newFileSystem(uri, Map.of());
                close = true;
            }
            try {
                readAll(ruleFiles(fs.getPath("/" + BUNDLED)), all, seen);
            } finally {
                if (close) {
                    fs.close();
                }
            }
        } else {
            readAll(ruleFiles(Path.of(uri)), all, seen);
        }
        return all;
    }

    private void readAll(List<Path> files, List<Rule> into, Map<String, String> seen)
            throws RuleFileException, IOException {
        for (Path f : files) {
            String name = "rules/" + f.getFileName();
            for (Rule r : parse(name, Files.readAllBytes(f))) {
                String first = seen.putIfAbsent(r.id(), r.origin());
                if (first != null) {
                    throw new RuleFileException(name, lineOf(r.origin()), 0, "id",
                            "rule id '" + r.id() + "' is already defined at " + first + "; ids must be unique");
                }
                into.add(r);
            }
        }
    }

    private static int lineOf(String origin) {
        int colon = origin.lastIndexOf(':');
        try {
            return Integer.parseInt(origin.substring(colon + 1));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static List<Path> ruleFiles(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = p.getFileName().toString();
                return n.endsWith(".yaml") || n.endsWith(".yml");
            }).sorted().toList();
        }
    }

    /** Parses one rules file. {@code name} is how messages refer to it. */
    public List<Rule> parse(String name, byte[] content) throws RuleFileException {
        JsonParser[] current = new JsonParser[1];
        try (JsonParser p = yaml.createParser(content)) {
            current[0] = p;
            JsonToken t = p.nextToken();
            if (t == null) {
                return List.of();
            }
            if (t != JsonToken.START_OBJECT) {
                throw error(name, p.currentTokenLocation(), null, "a rules file is a mapping with a 'rules:' list");
            }
            List<Rule> rules = new ArrayList<>();
            while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                String key = p.currentName();
                JsonLocation at = p.currentTokenLocation();
                p.nextToken();
                if (!"rules".equals(key)) {
                    throw error(name, at, key, "unknown top-level key; a rules file holds only 'rules:'");
                }
                if (p.currentToken() != JsonToken.START_ARRAY) {
                    throw error(name, at, key, "'rules' must be a list of rules");
                }
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    rules.add(parseRule(name, p));
                }
            }
            return rules;
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            throw new RuleFileException(name, loc == null ? 0 : loc.getLineNr(), loc == null ? 0 : loc.getColumnNr(),
                    keyBeingRead(current[0]), "not valid YAML: " + yamlProblem(e));
        } catch (IOException e) {
            throw new RuleFileException(name, 0, 0, null, "cannot be read: " + e.getMessage());
        }
    }

    /**
     * SnakeYAML's message spans several lines (the problem, the context, each with an echo of the
     * source and a caret); the file and position are already in the error, so keep the words only:
     * "expected ',' or ']', but got : (while parsing a flow sequence at line 3, column 11)".
     */
    static String yamlProblem(JsonProcessingException e) {
        if (e.getCause() instanceof org.yaml.snakeyaml.error.MarkedYAMLException m && m.getProblem() != null) {
            String context = m.getContext();
            org.yaml.snakeyaml.error.Mark mark = m.getContextMark();
            return m.getProblem().strip() + (context == null ? "" : " (" + context.strip()
                    + (mark == null ? "" : " at line " + (mark.getLine() + 1) + ", column " + (mark.getColumn() + 1)) + ")");
        }
        String msg = e.getOriginalMessage();
        return msg == null ? e.getClass().getSimpleName() : msg.lines().findFirst().orElse(msg).strip();
    }

    private Rule parseRule(String name, JsonParser p) throws IOException, RuleFileException {
        JsonLocation start = p.currentTokenLocation();
        if (p.currentToken() != JsonToken.START_OBJECT) {
            throw error(name, start, null, "each rule is a mapping with id, kind, match, action and note");
        }
        Map<String, Value> fields = new LinkedHashMap<>();
        Map<String, JsonLocation> where = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String key = p.currentName();
            JsonLocation at = p.currentTokenLocation();
            p.nextToken();
            Value value = readValue(p);
            if (!KEYS.contains(key)) {
                throw error(name, at, key, "unknown key; a rule may have " + String.join(", ", KEYS.stream().sorted().toList()));
            }
            fields.put(key, value);
            where.put(key, at);
        }
        String id = text(name, start, fields, where, "id", true);
        if (!ID.matcher(id).matches()) {
            throw error(name, where.get("id"), "id", "'" + id + "' is not a valid id: use lower-case letters, digits and '-'");
        }
        String kindName = text(name, start, fields, where, "kind", true);
        RuleKind kind = RuleKind.fromYaml(kindName);
        if (kind == null) {
            throw error(name, where.get("kind"), "kind", "unknown kind '" + kindName + "'; one of: " + RuleKind.allowed());
        }
        String actionName = text(name, start, fields, where, "action", true);
        Action action = Action.fromYaml(actionName);
        if (action == null) {
            throw error(name, where.get("action"), "action", "unknown action '" + actionName + "'; one of: " + Action.allowed());
        }
        List<String> match = matches(name, start, fields, where);
        String to = text(name, start, fields, where, "to", false);
        String param = text(name, start, fields, where, "param", false);
        String prefix = text(name, start, fields, where, "prefix", false);
        String header = text(name, start, fields, where, "header", false);
        String note = text(name, start, fields, where, "note", true);
        String guide = text(name, start, fields, where, "guide", false);
        boolean needsTo = action == Action.RENAME_HEADER || action == Action.REPLACE_ENV
                || (action == Action.REPLACE_URL);
        if (needsTo && to == null) {
            throw error(name, where.get("action"), "to", "action '" + actionName + "' needs a 'to:' value");
        }
        if (action == Action.TO_BODY_PARAM && param == null
                && (kind == RuleKind.REQUEST_HEADER || kind == RuleKind.SDK_PARAM)) {
            throw error(name, where.get("action"), "param", "action 'to-body-param' needs a 'param:' value");
        }
        if (kind == RuleKind.PROVIDER && prefix == null) {
            throw error(name, start, "prefix", "a provider rule needs a 'prefix:' (the Concentrate slug prefix)");
        }
        String origin = name + ":" + start.getLineNr();
        return new Rule(id, kind, match, action, to, param, prefix, header, note, guide, origin);
    }

    /** Reads the value under the current token, leaving the parser on its last token. */
    private static Value readValue(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        if (t == JsonToken.START_ARRAY) {
            List<String> list = new ArrayList<>();
            boolean bad = false;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY) {
                if (t == JsonToken.VALUE_STRING || t.isNumeric()) {
                    list.add(p.getText());
                } else {
                    bad = true;
                    p.skipChildren();
                }
            }
            return new Value(null, list, bad, false);
        }
        if (t == JsonToken.START_OBJECT) {
            p.skipChildren();
            return new Value(null, null, false, true);
        }
        if (t == JsonToken.VALUE_NULL) {
            return new Value(null, null, false, false);
        }
        return new Value(p.getText(), null, false, false);
    }

    private List<String> matches(String name, JsonLocation start, Map<String, Value> fields,
                                 Map<String, JsonLocation> where) throws RuleFileException {
        Value m = fields.get("match");
        if (m == null) {
            throw error(name, start, "match", "missing; say what the rule matches (a string or a list of strings)");
        }
        List<String> out = new ArrayList<>();
        if (m.isScalar()) {
            out.add(m.scalar());
        } else if (m.list() != null) {
            if (m.badEntry()) {
                throw error(name, where.get("match"), "match", "list entries must be strings");
            }
            out.addAll(m.list());
        } else {
            throw error(name, where.get("match"), "match", "must be a string or a list of strings");
        }
        if (out.isEmpty() || out.stream().anyMatch(String::isBlank)) {
            throw error(name, where.get("match"), "match", "must not be empty");
        }
        return out;
    }

    private String text(String name, JsonLocation start, Map<String, Value> fields, Map<String, JsonLocation> where,
                        String key, boolean required) throws RuleFileException {
        Value n = fields.get(key);
        if (n == null || n.isNull()) {
            if (required) {
                throw error(name, start, key, "missing; every rule needs id, kind, match, action and note");
            }
            return null;
        }
        if (!n.isScalar()) {
            throw error(name, where.get(key), key, "must be a plain string");
        }
        String v = n.scalar();
        if (required && v.isBlank()) {
            throw error(name, where.get(key), key, "must not be empty");
        }
        return v;
    }

    /** The innermost mapping key whose value was being read when the parser failed, or null. */
    private static String keyBeingRead(JsonParser p) {
        if (p == null) {
            return null;
        }
        for (com.fasterxml.jackson.core.JsonStreamContext c = p.getParsingContext(); c != null; c = c.getParent()) {
            if (c.getCurrentName() != null) {
                return c.getCurrentName();
            }
        }
        return null;
    }

    private static RuleFileException error(String name, JsonLocation at, String key, String problem) {
        return new RuleFileException(name, at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr(), key, problem);
    }
}
