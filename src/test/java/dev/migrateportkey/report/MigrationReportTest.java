package dev.migrateportkey.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateportkey.plan.ConfigUse;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report built from a plan such as every migrator produces, in both formats, and key masking everywhere. */
class MigrationReportTest {
    static final String KEY = "pk-live-9f8a7b6c5d4e3f2a1b";
    private static RuleTable rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
    }

    static MigrationPlan samplePlan() {
        String app = "src/App.java";
        List<Finding> appFindings = List.of(
                new Finding(app, 4, 9, "base-url-v1", Finding.Kind.FIXABLE, "Portkey gateway URL: point at Concentrate"),
                new Finding(app, 5, 9, "header-provider", Finding.Kind.FIXABLE, "x-portkey-provider header: moves into the slug"),
                new Finding(app, 6, 9, "header-provider", Finding.Kind.FIXABLE, "x-portkey-provider header: moves into the slug"),
                new Finding(app, 9, 5, "header-custom-host", Finding.Kind.MANUAL,
                        "x-portkey-custom-host header: Custom hosts are not supported: keep calling self-hosted models directly, outside Concentrate."));
        byte[] after = "class App {\n\n\n  String u = \"https://api.concentrate.ai/v1\";\n  String k = System.getenv(\"CONCENTRATE_API_KEY\");\n}\n"
                .getBytes(StandardCharsets.UTF_8);
        Map<String, Object> routing = new LinkedHashMap<>();
        routing.put("routing", Map.of("model", Map.of("fallbacks", List.of("anthropic/claude-haiku-4-5"))));
        FilePlan appPlan = new FilePlan(Path.of(app), app, app, "java", appFindings, List.of(), "old".getBytes(), after,
                List.of(new ModelUse(app, 12, "claude-haiku-4-5", "bedrock/claude-haiku-4-5"),
                        new ModelUse(app, 14, "gpt-4o", "gpt-4o"), new ModelUse(app, 20, "gpt-4o", "gpt-4o")),
                List.of(new ConfigUse(app, 11, "inline", routing, List.of("cache.mode=simple: caching is provider-native"),
                        List.of("strategy.mode=conditional: issue a key per condition"))),
                List.of(new dev.migrateportkey.plan.SuppressedFinding(new Finding(app, 16, 9, "header-trace-id",
                        Finding.Kind.FIXABLE, "x-portkey-trace-id header: send X-Request-Id"), "audit joins on it | until Q3")));
        String env = "deploy/.env";
        FilePlan envPlan = new FilePlan(Path.of(env), env, env, "env", List.of(
                new Finding(env, 2, 1, "env-portkey-other", Finding.Kind.FIXABLE,
                        "environment variable PORTKEY_VIRTUAL_KEY=" + KEY + ": Portkey-only setting"),
                new Finding(env, 3, 1, "env-portkey-api-key", Finding.Kind.FIXABLE,
                        "environment variable PORTKEY_API_KEY: Use CONCENTRATE_API_KEY")), List.of(), null, null);
        String bad = "src/Broken.java";
        FilePlan badPlan = new FilePlan(Path.of(bad), bad, bad, "java", List.of(
                new Finding(bad, 2, 7, Finding.PARSE_ERROR, Finding.Kind.ERROR, "could not be parsed as Java: ')' expected")),
                List.of(), null, null);
        return new MigrationPlan(List.of(envPlan, badPlan, appPlan), List.of("big.bin: skipped, looks binary"), 40, 3);
    }

    private static MigrationReport report(MigrationReport.Mode mode) {
        return MigrationReport.of(samplePlan(), rules, mode, "1.2.3");
    }

    @Test
    void markdownHasEverySectionInOrder() {
        String md = MarkdownReport.render(report(MigrationReport.Mode.REWRITE));
        List<String> headings = md.lines().filter(l -> l.startsWith("## ")).toList();
        assertThat(headings).containsExactly("## Summary", "## What changed", "## Still to do by hand", "## Kept on purpose",
                "## Could not be processed",
                "## Environment", "## Models", "## Dashboard and admin checklist", "## Notices");
        assertThat(md).contains("| Files scanned | 40 |", "| Portkey sites migrated | 5 |", "| Items still to do by hand | 1 |",
                "| Model slugs in use | 2 |", "| Portkey Configs decomposed | 1 |");
        assertThat(md).contains("### `src/App.java`\n\n| rule | sites | lines | what it became |");
        assertThat(md).contains("| `header-provider` | 2 | 5, 6 | Provider selection moves into the model slug");
        assertThat(md).contains("| `src/App.java:9` | `header-custom-host` | x-portkey-custom-host header | Custom hosts are not supported:"
                + " keep calling self-hosted models directly, outside Concentrate. (guide Step 3) |");
        assertThat(md).contains("| `src/Broken.java:2` | `parse-error` | could not be parsed as Java: ')' expected |");
        assertThat(md).contains("| `CONCENTRATE_API_KEY` |").contains("| `src/App.java:5` |");
        assertThat(md).contains("| `PORTKEY_VIRTUAL_KEY` | Portkey-only setting").contains("`deploy/.env:2` |");
        assertThat(md).contains("| `PORTKEY_API_KEY` | ").contains("`deploy/.env:3`");
        assertThat(md).contains("| `bedrock/claude-haiku-4-5` | `claude-haiku-4-5` | `src/App.java:12` |",
                "| `gpt-4o` | `gpt-4o` | `src/App.java:14`, `src/App.java:20` |");
        assertThat(md).contains("#### `src/App.java:11` (inline)", "\"fallbacks\" : [ \"anthropic/claude-haiku-4-5\" ]",
                "- cache.mode=simple: caching is provider-native", "- strategy.mode=conditional: issue a key per condition");
        assertThat(md).contains("- [ ] **Logs**: ", "- [ ] **Log Exports**: ", "before deprovisioning",
                "- [ ] **Audit Logs**", "- [ ] **API Key**: API keys: one per developer, per team or per org.",
                "- [ ] **Rate Limits / Usage Limits Policy**");
        assertThat(md).contains("- big.bin: skipped, looks binary");
        assertThat(md).contains("| `src/App.java:16` | `header-trace-id` | audit joins on it \\| until Q3 |");
    }

    @Test
    void dryRunSaysNothingWasChanged() {
        String md = MarkdownReport.render(report(MigrationReport.Mode.DRY_RUN));
        assertThat(md).contains("**Dry run: no file was changed.**", "## What would change", "| Files that would change | 1 |");
        JsonNode json = parse(JsonReport.render(report(MigrationReport.Mode.DRY_RUN)));
        assertThat(json.get("mode").asText()).isEqualTo("dry-run");
    }

    @Test
    void jsonFollowsTheDocumentedSchema() {
        JsonNode json = parse(JsonReport.render(report(MigrationReport.Mode.REWRITE)));
        assertThat(fieldNames(json)).containsExactly("version", "tool", "toolVersion", "mode", "generated", "summary", "files", "manual",
                "suppressed", "errors", "environment", "models", "configs", "checklist", "notices");
        assertThat(json.get("version").asInt()).isEqualTo(1);
        assertThat(json.get("generated").asText()).isEqualTo("migrate-portkey:generated");
        assertThat(fieldNames(json.get("summary"))).containsExactly("filesScanned", "filesParsed", "filesChanged",
                "sitesMigrated", "manualItems", "errors", "modelSlugs", "configs");
        JsonNode app = json.get("files").get(1);
        assertThat(app.get("path").asText()).isEqualTo("src/App.java");
        assertThat(fieldNames(app.get("changes").get(1))).containsExactly("rule", "count", "lines", "became", "guide");
        assertThat(app.at("/changes/1/lines").toString()).isEqualTo("[5,6]");
        assertThat(fieldNames(json.at("/manual/0"))).containsExactly("path", "line", "column", "rule", "found", "todo", "guide");
        assertThat(json.at("/manual/0/guide").asText()).isEqualTo("Step 3");
        assertThat(json.at("/errors/0/rule").asText()).isEqualTo("parse-error");
        assertThat(fieldNames(json.at("/suppressed/0"))).containsExactly("path", "line", "rule", "reason", "found");
        assertThat(json.at("/suppressed/0/reason").asText()).isEqualTo("audit joins on it | until Q3");
        assertThat(json.at("/environment/set/0/name").asText()).isEqualTo("CONCENTRATE_API_KEY");
        assertThat(json.at("/environment/remove/0/seenAt/0").asText()).isIn("deploy/.env:2", "deploy/.env:3");
        assertThat(json.at("/models/0/slug").asText()).isEqualTo("bedrock/claude-haiku-4-5");
        assertThat(json.at("/configs/0/bodyParams/routing/model/fallbacks/0").asText()).isEqualTo("anthropic/claude-haiku-4-5");
        assertThat(fieldNames(json.at("/checklist/0"))).containsExactly("id", "section", "surface", "todo", "guide");
        assertThat(json.get("checklist")).extracting(n -> n.get("section").asText()).containsOnly("dashboard", "admin");
    }

    @Test
    void aHardCodedKeyIsMaskedInEveryOutput() throws Exception {
        MigrationPlan sample = samplePlan();
        List<FilePlan> files = new ArrayList<>(sample.files());
        String py = "app/client.py";
        files.add(new FilePlan(Path.of(py), py, py, "python", List.of(new Finding(py, 3, 1, "header-custom-host",
                Finding.Kind.MANUAL, "x-portkey-custom-host set beside api_key=\"" + KEY + "\": not supported")),
                List.of(), null, null));
        MigrationPlan plan = new MigrationPlan(files, sample.notices(), 41, 4);
        List<String> outputs = new ArrayList<>();
        outputs.add(MarkdownReport.render(MigrationReport.of(plan, rules, MigrationReport.Mode.REWRITE, "t")));
        outputs.add(JsonReport.render(MigrationReport.of(plan, rules, MigrationReport.Mode.REWRITE, "t")));
        for (FindingPrinter p : List.of(new TextFindingPrinter(), new JsonFindingPrinter(),
                new SarifFindingPrinter(rules, FailOn.all, "t"), new GithubFindingPrinter(FailOn.all))) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            p.print(plan, new PrintStream(buf, true, StandardCharsets.UTF_8));
            outputs.add(buf.toString(StandardCharsets.UTF_8));
        }
        assertThat(outputs).hasSize(6).allSatisfy(o -> assertThat(o).doesNotContain(KEY).doesNotContain("9f8a7b6c")
                .contains("pk-liv\u2026"));
    }

    private static JsonNode parse(String s) {
        try {
            return new ObjectMapper().readTree(s);
        } catch (Exception e) {
            throw new AssertionError(s, e);
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }
}
