package dev.migrateportkey;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateportkey.testing.FakeGateway;
import dev.migrateportkey.testing.JavaFixtureRunner;
import dev.migrateportkey.testing.JavaSourceCompiler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Decomposed Portkey Configs arriving at Concentrate: the migrated fixtures ({@code expected/}) are
 * compiled against the real openai-java and LangChain4j, run in a child JVM against a
 * {@link FakeGateway}, and the request body that arrives must carry the Config's {@code routing}
 * object, its model slug and its other body params, with no {@code x-portkey-*} header.
 */
class ConfigRoutingEndToEndTest {
    private static final Path FIXTURES = Path.of("fixtures", "java");
    private static final String KEY = "sk-cn-v1-test";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JavaSourceCompiler javac;

    @TempDir
    static Path temp;

    @BeforeAll
    static void compiler() {
        javac = new JavaSourceCompiler();
    }

    @AfterAll
    static void close() throws IOException {
        javac.close();
    }

    @Test
    void fallbackConfigOnOpenAiJavaSendsModelFallbacks() throws Exception {
        JsonNode body = send("openai-java-fallback-config", "new com.acme.fallback.SupportBot().reply(\"Say hello\")");
        assertThat(body.path("model").asText()).isEqualTo("anthropic/claude-sonnet-4-6");
        assertThat(body.path("routing")).isEqualTo(json("{\"model\": {\"fallbacks\": [\"openai/gpt-4o\"]}}"));
        assertThat(body.path("prompt_cache_key").asText()).isEqualTo("support-bot");
        assertThat(body.path("max_tokens").asInt()).isEqualTo(512);
    }

    @Test
    void exportedSavedConfigSendsTheFallbacksItHeld() throws Exception {
        JsonNode body = send("saved-config-id-with-config-file", "new com.acme.saved.SavedConfigClient().ask(\"Say hello\")");
        assertThat(body.path("model").asText()).isEqualTo("bedrock/claude-sonnet-4-6");
        assertThat(body.path("routing")).isEqualTo(json("{\"model\": {\"fallbacks\": [\"bedrock/claude-haiku-4-5\"]}}"));
    }

    @Test
    void loadbalanceConfigOnLangChain4jSendsModelAutoWithSort() throws Exception {
        JsonNode body = send("langchain4j-loadbalance-config", "com.acme.lb.BalancedModel.create().chat(\"Say hello\")");
        assertThat(body.path("model").asText()).isEqualTo("auto");
        assertThat(body.path("routing")).isEqualTo(json("{\"model\": {\"sort\": \"performance\"}}"));
        assertThat(body.path("temperature").asDouble()).isEqualTo(0.3);
    }

    @Test
    void bedrockPinnedModelsArriveWithTheirPrefix() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("openai-java-bedrock-pinned-model", gw, "new com.acme.bedrock.Assistant().answer(\"Say hello\") + "
                    + "new com.acme.bedrock.Assistant().summarize(\"hello\")");
            List<FakeGateway.Recorded> requests = gw.requests();
            assertThat(requests).hasSize(2).allSatisfy(ConfigRoutingEndToEndTest::concentrateOnly);
            assertThat(requests).extracting(r -> r.json().path("model").asText())
                    .containsExactly("bedrock/claude-sonnet-4-6", "bedrock/claude-haiku-4-5");
            assertThat(requests).allSatisfy(r -> assertThat(r.json().has("routing")).isFalse());
        }
    }

    private static JsonNode send(String fixture, String call) throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run(fixture, gw, call);
            List<FakeGateway.Recorded> requests = gw.requests();
            assertThat(requests).as("requests the gateway received").hasSize(1);
            FakeGateway.Recorded r = requests.get(0);
            assertThat(r.path()).isEqualTo("/v1/chat/completions");
            concentrateOnly(r);
            return r.json();
        }
    }

    private static void concentrateOnly(FakeGateway.Recorded r) {
        assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
        assertThat(r.portkeyHeaders()).as("x-portkey-* headers that arrived").isEmpty();
    }

    private static void run(String fixture, FakeGateway gw, String expression) throws Exception {
        String driver = "package e2e;\npublic class Main {\n    public static void main(String[] args) {\n"
                + "        System.out.println(" + expression + ");\n    }\n}\n";
        JavaFixtureRunner.Result result = JavaFixtureRunner.copyOf(FIXTURES.resolve(fixture).resolve("expected"), temp)
                .pointAt(gw)
                .addSource("e2e/Main.java", driver)
                .compile(javac)
                .run("e2e.Main", Map.of("CONCENTRATE_API_KEY", KEY));
        assertThat(result.exitCode()).as(fixture + " driver:\n" + result).isZero();
        assertThat(result.stdout()).as(fixture + " answer").contains("Hello");
    }

    private static JsonNode json(String s) throws IOException {
        return JSON.readTree(s);
    }
}
