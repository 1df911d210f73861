package dev.migrateportkey.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.SuppressedFinding;
import dev.migrateportkey.plan.Suppressions;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code check --format sarif}: a SARIF 2.1.0 log that GitHub code scanning (and other SARIF
 * viewers) read. The driver lists every rule that can match code, with its id, a short
 * description, the rule's note as full description and help text (note, guide step, and whether
 * {@code rewrite} fixes it). Each finding is a result with its location; a finding that fails the
 * run under {@code --fail-on} is level {@code error}, others {@code warning}.
 */
public final class SarifFindingPrinter implements FindingPrinter {
    static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /** Ids the tool reports without a rule in the table, with their short descriptions and help. */
    private static final Map<String, String[]> BUILT_IN = Map.of(
            Finding.PARSE_ERROR, new String[]{"File could not be parsed",
                    "The file could not be parsed, so nothing in it was changed. Fix the syntax error or exclude the file."},
            Finding.READ_ERROR, new String[]{"File could not be read",
                    "The file could not be read, so nothing in it was changed. Check its permissions."},
            Finding.EDIT_CONFLICT, new String[]{"Conflicting edits",
                    "Two rules wanted to change the same text, so the file was left unchanged. Report it with the snippet."},
            Suppressions.MISSING_REASON, new String[]{"Suppression without a reason",
                    "A migrate-portkey:ignore comment must say why: 'migrate-portkey:ignore <rule-id> -- <reason>'."},
            Suppressions.UNKNOWN_RULE, new String[]{"Suppression names an unknown rule",
                    "A migrate-portkey:ignore comment names a rule id the table does not have; 'migrate-portkey rules' lists them."});

    private final RuleTable rules;
    private final FailOn failOn;
    private final String toolVersion;

    public SarifFindingPrinter(RuleTable rules, FailOn failOn, String toolVersion) {
        this.rules = rules;
        this.failOn = failOn;
        this.toolVersion = toolVersion;
    }

    @Override
    public void print(MigrationPlan plan, PrintStream out) throws IOException {
        out.print(SecretMasker.mask(JSON.writeValueAsString(log(plan))));
        out.print('\n');
    }

    /** The SARIF log as a JSON tree. */
    public ObjectNode log(MigrationPlan plan) {
        ObjectNode root = JSON.createObjectNode();
        root.put("$schema", SCHEMA);
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "migrate-portkey");
        driver.put("version", toolVersion);
        ArrayNode ruleArray = driver.putArray("rules");
        Map<String, Integer> index = new LinkedHashMap<>();
        for (Rule r : rules.all()) {
            if (r.kind() == RuleKind.DASHBOARD || r.kind() == RuleKind.ADMIN) {
                continue; // checklist rows of the report: they match no code
            }
            index.put(r.id(), index.size());
            describe(ruleArray.addObject(), r.id(), shortDescription(r), r.note(), help(r), level(r));
        }
        List<Finding> all = new ArrayList<>(plan.findings());
        plan.suppressed().forEach(x -> all.add(x.finding()));
        for (Finding f : all) {
            String[] builtIn = BUILT_IN.get(f.ruleId());
            if (!index.containsKey(f.ruleId())) {
                String text = builtIn != null ? builtIn[1] : f.ruleId();
                index.put(f.ruleId(), index.size());
                describe(ruleArray.addObject(), f.ruleId(), builtIn != null ? builtIn[0] : f.ruleId(), text, text,
                        f.kind() == Finding.Kind.ERROR ? "error" : "warning");
            }
        }
        run.put("columnKind", "utf16CodeUnits");
        ArrayNode results = run.putArray("results");
        for (Finding f : plan.findings()) {
            result(results.addObject(), f, index);
        }
        // Kept on purpose: code scanning shows them as suppressed, with the reason as justification.
        for (SuppressedFinding x : plan.suppressed()) {
            result(results.addObject(), x.finding(), index).putArray("suppressions").addObject()
                    .put("kind", "inSource").put("justification", x.reason());
        }
        run.putArray("invocations").addObject().put("executionSuccessful", !plan.hasErrors());
        return root;
    }

    private ObjectNode result(ObjectNode res, Finding f, Map<String, Integer> index) {
        res.put("ruleId", f.ruleId());
        res.put("ruleIndex", index.get(f.ruleId()));
        res.put("level", failOn.fails(f) ? "error" : "warning");
        res.putObject("message").put("text", SecretMasker.mask(f.message()));
        ObjectNode physical = res.putArray("locations").addObject().putObject("physicalLocation");
        physical.putObject("artifactLocation").put("uri", uri(f.path()));
        if (f.line() > 0) {
            ObjectNode region = physical.putObject("region").put("startLine", f.line());
            region.put("startColumn", Math.max(1, f.column()));
        }
        res.putObject("properties").put("kind", f.kind().label());
        return res;
    }

    private static void describe(ObjectNode rule, String id, String shortText, String fullText, String helpText, String level) {
        rule.put("id", id);
        rule.putObject("shortDescription").put("text", shortText);
        rule.putObject("fullDescription").put("text", fullText);
        rule.putObject("help").put("text", helpText).put("markdown", helpText);
        rule.putObject("defaultConfiguration").put("level", level);
        rule.putObject("properties").putArray("tags").add("portkey-migration");
    }

    /** "Portkey request header x-portkey-provider": what the rule is about, for an alert's title. */
    static String shortDescription(Rule r) {
        return "Portkey " + r.kind().yamlName().replace('-', ' ') + " " + r.primaryMatch();
    }

    /** The rule's note, where it comes from in the guide, and what happens to it. */
    public static String help(Rule r) {
        String what = r.action().isAutomatic()
                ? "'migrate-portkey rewrite' changes this automatically."
                : r.action() == Action.MANUAL
                ? "Needs a human: rewrite leaves the code as it was with a TODO(concentrate-migration) comment."
                : "rewrite changes it where it can and otherwise leaves a TODO(concentrate-migration) comment.";
        String guide = r.guide() == null || r.guide().isBlank() ? "" : " Migration guide: " + r.guide() + ".";
        return r.note() + guide + " " + what
                + " To keep a site on purpose: 'migrate-portkey:ignore " + r.id() + " -- <reason>' in a comment on it.";
    }

    private static String level(Rule r) {
        return r.action().isAutomatic() ? "warning" : "error";
    }

    /** A relative URI for a relative path (resolved against the checkout by viewers), a file URI otherwise. */
    static String uri(String path) {
        String p = path.replace('\\', '/');
        Path asPath = Paths.get(path);
        if (asPath.isAbsolute()) {
            return asPath.toUri().toString();
        }
        while (p.startsWith("./")) {
            p = p.substring(2);
        }
        try {
            return new URI(null, null, p, null).toASCIIString();
        } catch (URISyntaxException e) {
            return p;
        }
    }
}
