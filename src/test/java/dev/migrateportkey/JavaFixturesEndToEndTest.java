package dev.migrateportkey;

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
 * Migrated fixtures ({@code expected/}) sending real requests: each is compiled with a small driver,
 * pointed at a {@link FakeGateway} on 127.0.0.1 (only the compiled copy's Concentrate URL is
 * replaced), and run in a child JVM whose only key is {@code CONCENTRATE_API_KEY=sk-cn-v1-test}.
 * Every request that arrives must carry {@code Authorization: Bearer sk-cn-v1-test}, no
 * {@code x-portkey-*} header, {@code X-Request-Id} exactly where the fixture set a trace id, and the
 * expected model.
 */
class JavaFixturesEndToEndTest {
    private static final Path FIXTURES = Path.of("fixtures", "java");
    private static final String KEY = "sk-cn-v1-test";
    private static final Map<String, String> ENV = Map.of("CONCENTRATE_API_KEY", KEY);
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
    void openAiJavaClient() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("openai-java-builder-byok", gw, """
                    package e2e;
                    public class Main {
                        public static void main(String[] args) {
                            System.out.println(new com.acme.chat.ChatService("pk-unused").ask("Say hello"));
                        }
                    }
                    """);
            FakeGateway.Recorded r = onlyRequest(gw, "/v1/chat/completions");
            assertConcentrateRequest(r, "anthropic/claude-sonnet-4-6", "chat-service");
        }
    }

    @Test
    void javaNetHttpRequest() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("java-net-http-request", gw, """
                    package e2e;
                    public class Main {
                        public static void main(String[] args) throws Exception {
                            String body = "{\\"model\\":\\"gpt-4o-mini\\",\\"messages\\":[{\\"role\\":\\"user\\",\\"content\\":\\"hi\\"}]}";
                            String answer = new com.acme.net.Completions().send(body, "trace-e2e-1");
                            if (!answer.contains("Hello")) throw new IllegalStateException(answer);
                            System.out.println(answer);
                        }
                    }
                    """);
            assertConcentrateRequest(onlyRequest(gw, "/v1/chat/completions"), "gpt-4o-mini", "trace-e2e-1");
        }
    }

    @Test
    void okHttpRequestBuilder() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("okhttp-request-builder", gw, """
                    package e2e;
                    public class Main {
                        public static void main(String[] args) throws Exception {
                            String body = "{\\"model\\":\\"gpt-4o\\",\\"messages\\":[{\\"role\\":\\"user\\",\\"content\\":\\"hi\\"}]}";
                            String answer = new com.acme.http.GatewayCaller().complete(body);
                            if (!answer.contains("Hello")) throw new IllegalStateException(answer);
                            System.out.println(answer);
                        }
                    }
                    """);
            assertConcentrateRequest(onlyRequest(gw, "/v1/chat/completions"), "gpt-4o", null);
        }
    }

    @Test
    void langChain4jChatModels() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("langchain4j-custom-headers-map", gw, """
                    package e2e;
                    public class Main {
                        public static void main(String[] args) {
                            System.out.println(com.acme.lc.Models.chatModel().chat("Say hello"));
                            System.out.println(com.acme.lc.Models.tracedModel().chat("Say hello"));
                        }
                    }
                    """);
            List<FakeGateway.Recorded> requests = gw.requests();
            assertThat(requests).extracting(FakeGateway.Recorded::path)
                    .containsExactly("/v1/chat/completions", "/v1/chat/completions");
            assertConcentrateRequest(requests.get(0), "openai/gpt-4o", null);
            assertConcentrateRequest(requests.get(1), "openai/gpt-4o-mini", null);
            assertThat(requests.get(1).header("X-Team")).as("a non-Portkey custom header stays").isEqualTo("search");
        }
    }

    @Test
    void langChain4jOpenAiOfficialChatModel() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("langchain4j-openai-official-builder", gw, """
                    package e2e;
                    public class Main {
                        public static void main(String[] args) {
                            System.out.println(com.acme.lc.OfficialModels.chatModel().chat("Say hello"));
                        }
                    }
                    """);
            assertConcentrateRequest(onlyRequest(gw, "/v1/chat/completions"), "openai/gpt-4o-mini", null);
        }
    }

    @Test
    void springRestClientDefaultHeaders() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("spring-rest-client-default-headers", gw, """
                    package e2e;
                    public class Main {
                        public static void main(String[] args) {
                            com.acme.spring.GatewayClients clients = new com.acme.spring.GatewayClients();
                            String body = "{\\"model\\":\\"gpt-4o\\",\\"messages\\":[{\\"role\\":\\"user\\",\\"content\\":\\"hi\\"}]}";
                            System.out.println(clients.complete(clients.restClient(), body, "rest-client-1"));
                        }
                    }
                    """);
            assertConcentrateRequest(onlyRequest(gw, "/v1/chat/completions"), "gpt-4o", "rest-client-1");
        }
    }

    @Test
    void springInterceptorOnRestTemplate() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("spring-client-http-request-interceptor", gw, """
                    package e2e;
                    import org.springframework.http.HttpEntity;
                    import org.springframework.http.HttpHeaders;
                    import org.springframework.http.MediaType;
                    import org.springframework.web.client.RestTemplate;
                    public class Main {
                        public static void main(String[] args) {
                            RestTemplate template = new RestTemplate();
                            template.getInterceptors().add(new com.acme.spring.PortkeyInterceptor());
                            HttpHeaders headers = new HttpHeaders();
                            headers.setContentType(MediaType.APPLICATION_JSON);
                            String body = "{\\"model\\":\\"gpt-4o-mini\\",\\"messages\\":[]}";
                            System.out.println(template.postForObject("%s/chat/completions",
                                    new HttpEntity<>(body, headers), String.class));
                        }
                    }
                    """.formatted(gw.baseUrl()));
            FakeGateway.Recorded r = onlyRequest(gw, "/v1/chat/completions");
            assertThat(r.header("X-Request-Id")).as("the interceptor's random trace id").isNotBlank();
            assertConcentrateRequest(r, "gpt-4o-mini", r.header("X-Request-Id"));
        }
    }

    @Test
    void unirestRequestHeaders() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            run("unirest-request-headers", gw, """
                    package e2e;
                    public class Main {
                        public static void main(String[] args) {
                            com.acme.unirest.UnirestGateway.configure();
                            String body = "{\\"model\\":\\"anthropic/claude-opus-4-6\\",\\"messages\\":[]}";
                            System.out.println(com.acme.unirest.UnirestGateway.complete(body, "unirest-1"));
                            kong.unirest.core.Unirest.shutDown();
                        }
                    }
                    """);
            assertConcentrateRequest(onlyRequest(gw, "/v1/chat/completions"), "anthropic/claude-opus-4-6", "unirest-1");
        }
    }

    @Test
    void springAiClientWithPlaceholderKeyAndHeadersConsumer() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            // Spring AI adds Authorization: Bearer <its own key> to every request, over a builder's
            // default headers: the migrated client must carry the Concentrate key itself.
            run("spring-ai-dummy-key-headers-consumer", gw, """
                    package e2e;
                    import java.util.List;
                    import org.springframework.ai.openai.api.OpenAiApi;
                    import org.springframework.ai.openai.api.OpenAiApi.ChatCompletionMessage;
                    public class Main {
                        public static void main(String[] args) {
                            com.acme.assist.AssistApiConfig config = new com.acme.assist.AssistApiConfig();
                            for (OpenAiApi api : List.of(config.viaConstructor(), config.viaBuilder())) {
                                var request = new OpenAiApi.ChatCompletionRequest(List.of(
                                        new ChatCompletionMessage("hi", ChatCompletionMessage.Role.USER)), "gpt-4o", 0.2);
                                System.out.println(api.chatCompletionEntity(request).getBody().choices().get(0).message().content());
                            }
                        }
                    }
                    """);
            List<FakeGateway.Recorded> requests = gw.requests();
            assertThat(requests).as("requests the gateway received").hasSize(2);
            assertThat(requests.get(0).path()).isEqualTo("/v1/chat/completions");
            assertConcentrateRequest(requests.get(0), "gpt-4o", "assist");
            assertConcentrateRequest(requests.get(1), "gpt-4o", null);
        }
    }

    @Test
    void sampleAppSpringConfiguration() throws Exception {
        try (FakeGateway gw = new FakeGateway()) {
            // The application's own main: a Spring context built from the migrated @Configuration.
            JavaFixtureRunner.Result result = JavaFixtureRunner.copyOf(FIXTURES.resolve("sample-app").resolve("expected"), temp)
                    .pointAt(gw)
                    .compile(javac)
                    .run("com.acme.assistant.AssistantApplication", ENV, "Say hello");
            assertThat(result.exitCode()).as("sample-app:\n" + result).isZero();
            assertThat(result.stdout()).contains("Hello");
            assertConcentrateRequest(onlyRequest(gw, "/v1/chat/completions"), "gpt-4o-mini", "assistant-main");
        }
    }

    private static void run(String fixture, FakeGateway gw, String driver) throws Exception {
        JavaFixtureRunner.Result result = JavaFixtureRunner.copyOf(FIXTURES.resolve(fixture).resolve("expected"), temp)
                .pointAt(gw)
                .addSource("e2e/Main.java", driver)
                .compile(javac)
                .run("e2e.Main", ENV);
        assertThat(result.exitCode()).as(fixture + " driver:\n" + result).isZero();
        assertThat(result.stdout()).as(fixture + " answer").contains("Hello");
    }

    private static FakeGateway.Recorded onlyRequest(FakeGateway gw, String path) {
        List<FakeGateway.Recorded> requests = gw.requests();
        assertThat(requests).as("requests the gateway received").hasSize(1);
        assertThat(requests.get(0).path()).isEqualTo(path);
        return requests.get(0);
    }

    private static void assertConcentrateRequest(FakeGateway.Recorded r, String model, String traceId) {
        assertThat(r.header("Authorization")).as("Authorization of " + r.path()).isEqualTo("Bearer " + KEY);
        assertThat(r.portkeyHeaders()).as("x-portkey-* headers that arrived").isEmpty();
        if (traceId == null) {
            assertThat(r.header("X-Request-Id")).as("X-Request-Id (no trace id was set)").isNull();
        } else {
            assertThat(r.header("X-Request-Id")).as("X-Request-Id").isEqualTo(traceId);
        }
        assertThat(r.json().path("model").asText()).as("model slug sent").isEqualTo(model);
    }
}
