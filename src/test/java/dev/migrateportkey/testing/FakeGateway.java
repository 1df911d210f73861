package dev.migrateportkey.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/**
 * An OpenAI-compatible gateway on 127.0.0.1 that records every request it receives, for end-to-end
 * tests of migrated clients and of the verification script. It answers the endpoints migrated code
 * calls ({@code /chat/completions}, {@code /responses}, {@code /models}, {@code /responses/health})
 * with minimal valid bodies, or with a forced status.
 */
public final class FakeGateway implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One request as it arrived: header names lower-cased, body as sent. */
    public record Recorded(String method, String path, Map<String, List<String>> headers, String body) {
        /** The first value of a header (name in any case), or null. */
        public String header(String name) {
            List<String> v = headers.get(name.toLowerCase(Locale.ROOT));
            return v == null || v.isEmpty() ? null : v.get(0);
        }

        /** Header names that start with {@code x-portkey-}. */
        public List<String> portkeyHeaders() {
            return headers.keySet().stream().filter(h -> h.startsWith("x-portkey-")).sorted().toList();
        }

        /** The body parsed as JSON (null when empty). */
        public JsonNode json() {
            try {
                return body.isEmpty() ? null : JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("request body is not JSON: " + body, e);
            }
        }
    }

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private volatile List<String> models = List.of("gpt-4o", "anthropic/claude-opus-4-6");
    private volatile int forcedStatus;

    public FakeGateway() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.start();
    }

    /** {@code http://127.0.0.1:PORT/v1}: what a migrated client uses as its base URL. */
    public String baseUrl() {
        return origin() + "/v1";
    }

    /** {@code http://127.0.0.1:PORT}, for clients (Spring AI) that append {@code /v1} themselves. */
    public String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The model ids {@code GET /models} lists. */
    public FakeGateway models(List<String> ids) {
        this.models = List.copyOf(ids);
        return this;
    }

    /** Answer every request with this status (0: normal answers). */
    public FakeGateway forceStatus(int status) {
        this.forcedStatus = status;
        return this;
    }

    public List<Recorded> requests() {
        return Collections.unmodifiableList(new ArrayList<>(requests));
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            byte[] in = ex.getRequestBody().readAllBytes();
            Map<String, List<String>> headers = new LinkedHashMap<>();
            ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), List.copyOf(v)));
            String path = ex.getRequestURI().getPath();
            Recorded r = new Recorded(ex.getRequestMethod(), path, headers, new String(in, StandardCharsets.UTF_8));
            requests.add(r);
            if (forcedStatus != 0) {
                send(ex, forcedStatus, "{\"error\":{\"message\":\"forced by the test\",\"type\":\"server_error\"}}");
                return;
            }
            if (path.endsWith("/responses/health")) {
                send(ex, 200, "{\"status\":\"ok\"}");
            } else if (path.endsWith("/models")) {
                send(ex, 200, modelList());
            } else if (path.endsWith("/chat/completions")) {
                send(ex, 200, chatCompletion(r));
            } else if (path.endsWith("/responses")) {
                send(ex, 200, response(r));
            } else {
                send(ex, 404, "{\"error\":{\"message\":\"no such endpoint: " + path + "\"}}");
            }
        }
    }

    private String modelList() throws IOException {
        ObjectNode root = JSON.createObjectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        for (String id : models) {
            data.addObject().put("id", id).put("object", "model").put("created", 1700000000L).put("owned_by", "concentrate");
        }
        return JSON.writeValueAsString(root);
    }

    private static String requestedModel(Recorded r) {
        JsonNode body = r.json();
        return body != null && body.hasNonNull("model") ? body.get("model").asText() : "unknown";
    }

    private static String chatCompletion(Recorded r) throws IOException {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "chatcmpl-fake").put("object", "chat.completion").put("created", 1700000000L)
                .put("model", requestedModel(r));
        ObjectNode choice = root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop");
        choice.putObject("message").put("role", "assistant").put("content", "Hello");
        choice.putNull("logprobs");
        root.putObject("usage").put("prompt_tokens", 5).put("completion_tokens", 1).put("total_tokens", 6);
        return JSON.writeValueAsString(root);
    }

    private static String response(Recorded r) throws IOException {
        ObjectNode root = JSON.createObjectNode()
                .put("id", "resp_fake").put("object", "response").put("created_at", 1700000000L)
                .put("status", "completed").put("model", requestedModel(r));
        ObjectNode msg = root.putArray("output").addObject()
                .put("type", "message").put("id", "msg_fake").put("role", "assistant").put("status", "completed");
        msg.putArray("content").addObject().put("type", "output_text").put("text", "Hello").putArray("annotations");
        root.putObject("usage").put("input_tokens", 5).put("output_tokens", 1).put("total_tokens", 6);
        return JSON.writeValueAsString(root);
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] out = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.getResponseHeaders().set("X-Request-Id", "req_fake");
        ex.sendResponseHeaders(status, out.length);
        try (OutputStream os = ex.getResponseBody()) {
            os.write(out);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
