package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.testing.FakeGateway;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Portkey JavaScript client from the fixtures is migrated by the tool, pointed at the fake
 * gateway (its Concentrate base URL swapped for the gateway's in the temp copy), and run with
 * {@code node} against the real {@code openai} package. What arrives must carry the Concentrate
 * key as a bearer token, no {@code x-portkey-*} header, and the migrated model slug.
 */
class JavaScriptEndToEndTest {
    private static final String CONCENTRATE = "https://api.concentrate.ai/v1";
    private static final String KEY = "sk-cn-v1-test";

    @ParameterizedTest(name = "{0}/{1}")
    @CsvSource({
            "commonjs-require-provider, index.cjs, anthropic/claude-haiku-4-5",
            "guide-example-default-headers, client.mjs, openai/gpt-4o",
    })
    void migratedClientTalksToTheGatewayAsConcentrate(String fixture, String file, String model) throws Exception {
        NpmSandbox.unavailable().ifPresent(why ->
                Assumptions.abort("JavaScript end-to-end test skipped: " + why + ". Install Node.js with npm to run it."));
        Path sandbox = NpmSandbox.installed();
        Path work = sandbox.resolve("e2e-" + UUID.randomUUID());
        try (FakeGateway gateway = new FakeGateway()) {
            copy(Path.of("fixtures", "typescript", fixture, "input"), work);
            MigrationPlan plan = new Planner(new RuleLoader().load(null), Migrators.all(), MigrationOptions.defaults(),
                    WalkOptions.defaults()).plan(List.of(work));
            assertThat(plan.hasErrors()).as(plan.findings().toString()).isFalse();
            for (FilePlan f : plan.changedFiles()) {
                Files.write(f.path(), f.newBytes());
            }
            Path client = work.resolve(file);
            String migrated = Files.readString(client);
            assertThat(migrated).contains(CONCENTRATE).doesNotContain("portkey-ai");
            Files.writeString(client, migrated.replace(CONCENTRATE, gateway.baseUrl()));

            Map<String, String> env = new HashMap<>();
            env.put("CONCENTRATE_API_KEY", KEY);
            // Present in the environment, as during a migration: none of them may reach the wire.
            env.put("PORTKEY_API_KEY", "pk-live-must-not-be-sent");
            env.put("OPENAI_API_KEY", "sk-openai-must-not-be-sent");
            NpmSandbox.Result run = NpmSandbox.run(work, 120, env, List.of("node", file));
            assertThat(run.exitCode()).as("node " + file + ":\n" + run.output()).isZero();
            assertThat(run.output()).contains("Hello");

            List<FakeGateway.Recorded> requests = gateway.requests();
            assertThat(requests).as("requests the gateway received").hasSize(1);
            FakeGateway.Recorded r = requests.get(0);
            assertThat(r.method()).isEqualTo("POST");
            assertThat(r.path()).isEqualTo("/v1/chat/completions");
            assertThat(r.header("Authorization")).isEqualTo("Bearer " + KEY);
            assertThat(r.portkeyHeaders()).isEmpty();
            assertThat(r.json().get("model").asText()).isEqualTo(model);
        } finally {
            TypeScriptTypeCheckTest.deleteTree(work);
        }
    }

    private static void copy(Path from, Path to) throws Exception {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.sorted().toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        }
    }
}
