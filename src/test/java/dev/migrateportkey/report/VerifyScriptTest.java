package dev.migrateportkey.report;

import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.testing.FakeGateway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The generated script, run with sh against the fake gateway on 127.0.0.1. */
class VerifyScriptTest {
    private static final String KEY = "sk-cn-v1-test0123456789abcdef";
    private static RuleTable rules;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
    }

    private record Result(int exit, String out) {
        List<String> lines() {
            return out.lines().toList();
        }
    }

    private static MigrationPlan planUsing(String... slugs) {
        List<ModelUse> uses = new ArrayList<>();
        int line = 1;
        for (String s : slugs) {
            uses.add(new ModelUse("src/App.java", line++, s, s));
        }
        FilePlan f = new FilePlan(Path.of("src/App.java"), "src/App.java", "src/App.java", "java", List.of(), List.of(),
                null, null, uses, List.of());
        return new MigrationPlan(List.of(f), List.of(), 1, 1);
    }

    private Path script(MigrationPlan plan) throws IOException {
        Path p = dir.resolve("verify-concentrate.sh");
        Files.writeString(p, VerifyScript.render(plan, rules, "test"), StandardCharsets.UTF_8);
        return p;
    }

    private Result run(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", script.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().keySet().removeIf(k -> k.startsWith("PORTKEY_") || k.startsWith("CONCENTRATE_"));
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(p.exitValue(), out);
    }

    private static Map<String, String> env(FakeGateway g, String key) {
        return Map.of("CONCENTRATE_API_KEY", key, "CONCENTRATE_BASE_URL", g.baseUrl());
    }

    @Test
    void aHealthyGatewayPassesEveryCheckAndTheKeyTravelsOnlyAsABearer() throws Exception {
        try (FakeGateway g = new FakeGateway()) {
            Path s = script(planUsing("gpt-4o", "anthropic/claude-opus-4-6", "gpt-4o", "auto"));
            Result r = run(s, env(g, KEY));
            assertThat(r.exit()).as(r.out()).isZero();
            assertThat(r.lines()).containsExactly(
                    "PASS CONCENTRATE_API_KEY is set and starts with sk-cn-v1-",
                    "PASS GET " + g.baseUrl() + "/responses/health answers",
                    "PASS GET /models lists every model the code uses (2)",
                    "PASS no PORTKEY_* variable is set",
                    "All checks passed.");
            assertThat(g.requests()).extracting(FakeGateway.Recorded::path)
                    .containsExactly("/v1/responses/health", "/v1/models");
            assertThat(g.requests()).allMatch(q -> ("Bearer " + KEY).equals(q.header("Authorization")));
            assertThat(r.out()).doesNotContain(KEY);
            assertThat(Files.readString(s)).doesNotContain(KEY).contains("models='anthropic/claude-opus-4-6\ngpt-4o'");
        }
    }

    @Test
    void aKeyWithTheWrongPrefixFailsWithoutBeingPrinted() throws Exception {
        try (FakeGateway g = new FakeGateway()) {
            Result r = run(script(planUsing("gpt-4o")), env(g, "pk-live-9f8a7b6c5d4e3f2a1b"));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.lines().get(0)).startsWith("FAIL CONCENTRATE_API_KEY starts with sk-cn-v1-");
            assertThat(r.out()).doesNotContain("9f8a7b6c").contains("1 check(s) failed.");
            // A Portkey or provider key is never sent to the gateway: it would only leak there.
            assertThat(r.lines().get(1)).startsWith("SKIP the gateway and model checks: the key above is not sent to "
                    + g.baseUrl());
            assertThat(g.requests()).isEmpty();
        }
    }

    @Test
    void theScriptCarriesTheMarkerThatMakesCheckAndRewritePassItBy() throws Exception {
        byte[] bytes = Files.readAllBytes(script(planUsing("gpt-4o")));
        assertThat(dev.migrateportkey.workspace.GeneratedFiles.isGenerated(bytes, bytes.length)).isTrue();
        byte[] source = "import os\nfrom portkey_ai import Portkey\n".getBytes(StandardCharsets.UTF_8);
        assertThat(dev.migrateportkey.workspace.GeneratedFiles.isGenerated(source, source.length)).isFalse();
    }

    @Test
    void anUnsetKeyFails() throws Exception {
        try (FakeGateway g = new FakeGateway()) {
            Result r = run(script(planUsing("gpt-4o")), Map.of("CONCENTRATE_BASE_URL", g.baseUrl()));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.lines().get(0)).isEqualTo("FAIL CONCENTRATE_API_KEY is set (it is not: export your Concentrate key)");
        }
    }

    @Test
    void aModelTheGatewayDoesNotListFails() throws Exception {
        try (FakeGateway g = new FakeGateway().models(List.of("gpt-4o"))) {
            Result r = run(script(planUsing("gpt-4o", "bedrock/claude-haiku-4-5")), env(g, KEY));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.lines()).contains(
                    "FAIL GET /models lists every model the code uses (missing: bedrock/claude-haiku-4-5;"
                            + " pick a slug GET /v1/models returns)");
            assertThat(r.lines()).filteredOn(l -> l.startsWith("FAIL")).hasSize(1);
        }
    }

    @Test
    void aServerErrorFailsTheGatewayChecks() throws Exception {
        try (FakeGateway g = new FakeGateway().forceStatus(500)) {
            Result r = run(script(planUsing("gpt-4o")), env(g, KEY));
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.lines()).contains(
                    "FAIL GET " + g.baseUrl() + "/responses/health answers (HTTP 500)",
                    "FAIL GET " + g.baseUrl() + "/models lists the models the code uses (HTTP 500)");
        }
    }

    @Test
    void aRefusedKeyAndAnUnreachableGatewaySayWhatToCheck() throws Exception {
        try (FakeGateway g = new FakeGateway().forceStatus(401)) {
            Result r = run(script(planUsing("gpt-4o")), env(g, KEY));
            assertThat(r.out()).contains("HTTP 401: the key was refused");
        }
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        Result r = run(script(planUsing("gpt-4o")), Map.of("CONCENTRATE_API_KEY", KEY,
                "CONCENTRATE_BASE_URL", "http://127.0.0.1:" + port + "/v1"));
        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).contains("no answer: check CONCENTRATE_BASE_URL");
    }

    @Test
    void liveSendsOneMinimalRequestPerSlugIncludingRoutingKeywords() throws Exception {
        try (FakeGateway g = new FakeGateway()) {
            Result r = run(script(planUsing("gpt-4o", "anthropic/claude-opus-4-6", "auto")), env(g, KEY), "--live");
            assertThat(r.exit()).as(r.out()).isZero();
            List<FakeGateway.Recorded> posts = g.requests().stream().filter(q -> q.method().equals("POST")).toList();
            assertThat(posts).extracting(FakeGateway.Recorded::path).containsOnly("/v1/responses");
            assertThat(posts).extracting(q -> q.json().get("model").asText())
                    .containsExactly("anthropic/claude-opus-4-6", "gpt-4o", "auto");
            assertThat(r.lines()).contains("PASS POST /responses with model gpt-4o answers");
        }
    }

    @Test
    void aPortkeyVariableLeftInTheEnvironmentFailsByNameOnly() throws Exception {
        try (FakeGateway g = new FakeGateway()) {
            Map<String, String> env = new java.util.HashMap<>(env(g, KEY));
            env.put("PORTKEY_API_KEY", "pk-live-9f8a7b6c5d4e3f2a1b");
            env.put("PORTKEY_VIRTUAL_KEY", "openai-prod");
            Result r = run(script(planUsing("gpt-4o")), env);
            assertThat(r.exit()).isEqualTo(1);
            assertThat(r.lines()).contains("FAIL no PORTKEY_* variable is set (still set: PORTKEY_API_KEY PORTKEY_VIRTUAL_KEY;"
                    + " unset them once the migration is verified)");
            assertThat(r.out()).doesNotContain("9f8a7b6c").doesNotContain("openai-prod");
        }
    }

    @Test
    void modelStringsThatCouldInjectShellAreLeftOut() throws Exception {
        Path marker = dir.resolve("pwned");
        String evil = "gpt-4o'; touch " + marker + "; echo '";
        try (FakeGateway g = new FakeGateway()) {
            Path s = script(planUsing("gpt-4o", evil));
            assertThat(Files.readString(s)).doesNotContain("touch").contains("1 model string(s) found in the code were left out");
            Result r = run(s, env(g, KEY), "--live");
            assertThat(r.exit()).isZero();
            assertThat(marker).doesNotExist();
        }
    }

    @Test
    void codeThatNamesNoModelStillChecksThatTheModelListAnswers() throws Exception {
        try (FakeGateway g = new FakeGateway()) {
            Result r = run(script(planUsing()), env(g, KEY));
            assertThat(r.exit()).isZero();
            assertThat(r.lines()).contains("PASS GET /models answers (the migrated code names no model slug to look for)");
        }
    }

    @Test
    void helpAndUnknownArguments() throws Exception {
        Path s = script(planUsing());
        Result help = run(s, Map.of(), "--help");
        assertThat(help.exit()).isZero();
        assertThat(help.out()).contains("CONCENTRATE_BASE_URL").contains("--live");
        assertThat(run(s, Map.of(), "--frob").exit()).isEqualTo(2);
    }
}
