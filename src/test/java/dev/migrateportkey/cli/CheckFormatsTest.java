package dev.migrateportkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import static dev.migrateportkey.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

/** check --format sarif|github through the CLI: schema-valid SARIF, annotations GitHub parses. */
class CheckFormatsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonSchema sarifSchema;

    private static final String CLIENT = """
            class Client {
                okhttp3.Request request(okhttp3.Request.Builder b) {
                    return b.url("https://api.portkey.ai/v1/chat/completions")
                            .header("x-portkey-provider", "openai")
                            .header("x-portkey-custom-host", "http://llm.internal")
                            .build();
                }
            }
            """;

    @BeforeAll
    static void loadSchema() throws IOException {
        // The OASIS SARIF 2.1.0 schema (draft-04), as published with Microsoft's SARIF tooling (MIT).
        try (InputStream in = CheckFormatsTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            sarifSchema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    private static Set<ValidationMessage> validate(JsonNode sarif) {
        return sarifSchema.validate(sarif);
    }

    @Test
    void sarifIsValidAgainstTheSarif210SchemaAndCarriesRulesAndLocations(@TempDir Path dir) throws IOException {
        write(dir, "src/Client.java", CLIENT);
        write(dir, "src/Broken.java", "class Broken { // portkey\n  void f( {\n}\n");
        CliRun r = CliRun.of("check", "--format", "sarif", dir.toString());
        assertThat(r.exit()).isEqualTo(2);
        JsonNode log = JSON.readTree(r.out());
        assertThat(validate(log)).isEmpty();
        assertThat(log.get("version").asText()).isEqualTo("2.1.0");

        JsonNode run = log.get("runs").get(0);
        JsonNode rules = run.get("tool").get("driver").get("rules");
        JsonNode results = run.get("results");
        assertThat(results).hasSize(4);
        for (JsonNode res : results) {
            JsonNode rule = rules.get(res.get("ruleIndex").asInt());
            assertThat(rule.get("id").asText()).isEqualTo(res.get("ruleId").asText());
            assertThat(rule.get("shortDescription").get("text").asText()).isNotBlank();
            assertThat(rule.get("help").get("text").asText()).isNotBlank();
            assertThat(res.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).startsWith("file:///");
        }
        JsonNode provider = find(results, "header-provider");
        assertThat(provider.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(4);
        assertThat(provider.at("/locations/0/physicalLocation/region/startColumn").asInt()).isEqualTo(18);
        assertThat(provider.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("/src/Client.java");
        JsonNode providerRule = rules.get(provider.get("ruleIndex").asInt());
        assertThat(providerRule.at("/help/text").asText())
                .contains("Provider selection moves into the model slug").contains("Step 3");
        assertThat(find(results, "header-custom-host").get("level").asText()).isEqualTo("error");
        assertThat(find(results, "parse-error").get("level").asText()).isEqualTo("error");
        assertThat(rules.get(find(results, "parse-error").get("ruleIndex").asInt()).at("/shortDescription/text").asText())
                .isEqualTo("File could not be parsed");
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isFalse();
    }

    @Test
    void sarifLevelsFollowFailOnAndACleanTreeIsStillAValidLog(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", CLIENT);
        CliRun r = CliRun.of("check", "--format", "sarif", "--fail-on", "manual", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        JsonNode results = JSON.readTree(r.out()).at("/runs/0/results");
        assertThat(find(results, "header-provider").get("level").asText()).isEqualTo("warning");
        assertThat(find(results, "header-custom-host").get("level").asText()).isEqualTo("error");

        Path clean = dir.resolve("clean");
        write(clean, "Clean.java", "class Clean {}\n");
        CliRun empty = CliRun.of("check", "--format", "sarif", clean.toString());
        assertThat(empty.exit()).isZero();
        JsonNode log = JSON.readTree(empty.out());
        assertThat(validate(log)).isEmpty();
        assertThat(log.at("/runs/0/results")).isEmpty();
    }

    @Test
    void suppressedFindingsAreSarifResultsWithAnInSourceSuppression(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", CLIENT.replace("            .header(\"x-portkey-provider\", \"openai\")",
                "            // migrate-portkey:ignore header-provider -- pinned by the audit team\n"
                        + "            .header(\"x-portkey-provider\", \"openai\")"));
        CliRun r = CliRun.of("check", "--format", "sarif", dir.toString());
        JsonNode log = JSON.readTree(r.out());
        assertThat(validate(log)).isEmpty();
        JsonNode results = log.at("/runs/0/results");
        assertThat(results).hasSize(3);
        JsonNode kept = find(results, "header-provider");
        assertThat(kept.at("/suppressions/0/kind").asText()).isEqualTo("inSource");
        assertThat(kept.at("/suppressions/0/justification").asText()).isEqualTo("pinned by the audit team");
        assertThat(find(results, "base-url-v1").has("suppressions")).isFalse();
        CliRun text = CliRun.of("check", dir.toString());
        assertThat(text.out()).doesNotContain("header-provider");
    }

    @Test
    void theSchemaCheckRejectsABrokenLog(@TempDir Path dir) throws IOException {
        write(dir, "Client.java", CLIENT);
        ObjectNode log = (ObjectNode) JSON.readTree(CliRun.of("check", "--format", "sarif", dir.toString()).out());
        ((ObjectNode) log.at("/runs/0/results/0")).remove("message");
        ((ObjectNode) log.at("/runs/0/results/1")).put("level", "fatal");
        assertThat(validate(log)).hasSizeGreaterThanOrEqualTo(2);
    }

    @Test
    void githubFormatPrintsOneWorkflowCommandPerFinding(@TempDir Path dir) throws IOException {
        Path f = write(dir, "Client.java", CLIENT);
        CliRun r = CliRun.of("check", "--format", "github", dir.toString());
        assertThat(r.exit()).isEqualTo(1);
        List<String> lines = r.out().lines().toList();
        assertThat(lines).hasSize(3).allMatch(l -> l.matches("::(error|warning) file=[^:,]+,line=\\d+,col=\\d+,title=[^:,]+::.+"));
        String file = f.toString().replace(":", "%3A").replace(",", "%2C");
        assertThat(lines).contains("::error file=" + file + ",line=4,col=18,title=migrate-portkey header-provider::"
                + "x-portkey-provider header: Provider selection moves into the model slug (provider/model-id); Concentrate"
                + " manages provider credentials.");
        assertThat(lines).anyMatch(l -> l.startsWith("::error ") && l.contains("title=migrate-portkey header-custom-host [manual]::"));
        CliRun manualOnly = CliRun.of("check", "--format", "github", "--fail-on", "manual", dir.toString());
        assertThat(manualOnly.out().lines()).filteredOn(l -> l.contains("header-provider")).allMatch(l -> l.startsWith("::warning "));
    }

    @Test
    void aKeyLiteralInTheCodeNeverReachesAnyOutputInFull(@TempDir Path dir) throws IOException {
        String key = "pk-live-9f8a7b6c5d4e3f2a1b";
        write(dir, "src/Keyed.java", """
                class Keyed {
                    Object c() {
                        return com.openai.client.okhttp.OpenAIOkHttpClient.builder()
                                .baseUrl("https://api.portkey.ai/v1")
                                .apiKey("%s")
                                .build();
                    }
                    okhttp3.Request r(okhttp3.Request.Builder b) {
                        return b.header("x-portkey-api-key", "%s").header("x-portkey-custom-host", "http://h").build();
                    }
                }
                """.formatted(key, key));
        for (String format : List.of("text", "json", "sarif", "github")) {
            CliRun r = CliRun.of("check", "--format", format, dir.resolve("src").toString());
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.out() + r.err()).as(format).doesNotContain(key).doesNotContain("9f8a7b6c");
        }
        Path md = dir.resolve("r.md");
        Path json = dir.resolve("r.json");
        Path sh = dir.resolve("v.sh");
        CliRun dry = CliRun.of("rewrite", "--dry-run", "--report", md.toString(), "--verify-script", sh.toString(),
                dir.resolve("src").toString());
        CliRun.of("rewrite", "--dry-run", "--report", json.toString(), "--report-format", "json", dir.resolve("src").toString());
        assertThat(dry.err()).doesNotContain(key);
        for (Path p : List.of(md, json, sh)) {
            assertThat(java.nio.file.Files.readString(p)).as(p.toString()).doesNotContain(key).doesNotContain("9f8a7b6c");
        }
    }

    private static JsonNode find(JsonNode results, String rule) {
        for (JsonNode r : results) {
            if (r.get("ruleId").asText().equals(rule)) {
                return r;
            }
        }
        throw new AssertionError("no result for " + rule + " in " + results);
    }
}
