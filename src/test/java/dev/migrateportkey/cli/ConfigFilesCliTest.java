package dev.migrateportkey.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code check} and {@code rewrite} over the files around the code: dotfiles and workflow files
 * are walked, every leftover Portkey setting is named with its line, and after {@code rewrite}
 * only what needs a human is left.
 */
class ConfigFilesCliTest {

    private static void tree(Path dir) throws IOException {
        CliRun.write(dir, ".env", "APP=demo\nPORTKEY_API_KEY=${VAULT_PORTKEY}\nOPENAI_API_KEY=sk-abcdefabcdefabcdef1234\n");
        CliRun.write(dir, "src/main/resources/application.yml", """
                spring:
                  ai:
                    openai:
                      base-url: https://api.portkey.ai
                      chat:
                        options:
                          http-headers:
                            x-portkey-provider: anthropic
                """);
        CliRun.write(dir, ".github/workflows/ci.yml", """
                jobs:
                  test:
                    env:
                      PORTKEY_API_KEY: ${{ secrets.PORTKEY_API_KEY }}
                """);
        CliRun.write(dir, "requirements.txt", "portkey-ai==1.8.2\n");
        CliRun.write(dir, "web/package-lock.json", "{\n  \"packages\": {\"node_modules/portkey-ai\": {}}\n}\n");
    }

    @Test
    void checkNamesEachLeftoverSettingWithItsLine(@TempDir Path dir) throws IOException {
        tree(dir);
        CliRun r = CliRun.of("check", dir.toString());
        assertThat(r.exit()).as(r.err()).isEqualTo(1);
        assertThat(r.out())
                .contains(dir + "/.env:2:1: env-portkey-api-key: ")
                // The key it reads is still a Portkey one: a human points it at the Concentrate key.
                .contains(dir + "/.env:2:1: env-portkey-api-key: [manual] CONCENTRATE_API_KEY still takes its value from ${VAULT_PORTKEY}")
                .contains(dir + "/.env:3:1: env-upstream-provider-key: ")
                .contains(dir + "/src/main/resources/application.yml:4:7: spring-ai-base-url: ")
                .contains(dir + "/src/main/resources/application.yml:8:13: header-provider: ")
                .contains(dir + "/.github/workflows/ci.yml:4:7: env-portkey-api-key: ")
                .contains(dir + "/requirements.txt:1:1: dependency-portkey-ai: ")
                .contains(dir + "/web/package-lock.json:2:30: dependency-lock-file: [manual] ");
        assertThat(r.out()).doesNotContain("sk-abcdefabcdefabcdef1234");
    }

    @Test
    void afterRewriteOnlyManualItemsAreLeft(@TempDir Path dir) throws IOException {
        tree(dir);
        CliRun rewrite = CliRun.of("rewrite", "--allow-dirty", dir.toString());
        assertThat(rewrite.exit()).as(rewrite.err()).isZero();
        assertThat(Files.readString(dir.resolve(".env"))).isEqualTo("""
                APP=demo
                # TODO(concentrate-migration): CONCENTRATE_API_KEY still takes its value from ${VAULT_PORTKEY}, which holds the Portkey key: put your Concentrate key (sk-cn-v1-...) in a secret or variable named after Concentrate and read that one here
                CONCENTRATE_API_KEY=${VAULT_PORTKEY}
                # TODO(concentrate-migration): Upstream provider keys are no longer needed: Concentrate owns those credentials. Commented out, not deleted: remove once the migration is verified end to end.
                # OPENAI_API_KEY=sk-abcdefabcdefabcdef1234
                """);
        assertThat(Files.readString(dir.resolve(".github/workflows/ci.yml")))
                .contains("CONCENTRATE_API_KEY: ${{ secrets.CONCENTRATE_API_KEY }}");
        assertThat(Files.readString(dir.resolve("requirements.txt"))).isEqualTo("openai>=1.66\n");
        CliRun check = CliRun.of("check", dir.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out().strip().lines().toList()).satisfiesExactly(
                l -> assertThat(l).startsWith(dir + "/.env:3:1: env-portkey-api-key: [manual] CONCENTRATE_API_KEY still takes its value from"),
                l -> assertThat(l).startsWith(dir + "/web/package-lock.json:2:30: dependency-lock-file: [manual] "));
    }

    /** A Config kept as its own file need not say "portkey": its shape is what gives it away. */
    @Test
    void aConfigFileIsFoundByItsShapeAndOtherJsonIsNot(@TempDir Path dir) throws IOException {
        Path config = CliRun.write(dir, "configs/fallback.json", """
                {
                  "strategy": { "mode": "fallback" },
                  "targets": [
                    { "virtual_key": "openai-prod", "override_params": { "model": "gpt-4o" } },
                    { "provider": "anthropic", "api_key": "sk-ant-abcdefabcdefabcdef123456",
                      "override_params": { "model": "claude-3-5-sonnet-20240620" } }
                  ]
                }
                """);
        CliRun.write(dir, "deploy/deployment.json", """
                {"kind": "Deployment", "spec": {"strategy": {"type": "RollingUpdate"}, "replicas": 2}}
                """);
        byte[] before = Files.readAllBytes(config);

        CliRun check = CliRun.of("check", dir.toString());
        assertThat(check.exit()).as(check.err()).isEqualTo(1);
        assertThat(check.out().lines()).hasSize(1);
        assertThat(check.out())
                .contains(dir + "/configs/fallback.json:1:1: config-file: [manual] a Portkey Config kept as its own file;"
                        + " decomposed it becomes the body params {\"model\":\"openai/gpt-4o\",\"routing\":{\"model\":"
                        + "{\"fallbacks\":[\"anthropic/claude-3-5-sonnet-20240620\"]}}}")
                .contains("--virtual-key openai-prod=PROVIDER")
                .doesNotContain("sk-ant-abcdefabcdefabcdef123456")
                .doesNotContain("deployment.json");

        CliRun rewrite = CliRun.of("rewrite", "--allow-dirty", dir.toString());
        assertThat(rewrite.exit()).as(rewrite.err()).isZero();
        assertThat(Files.readAllBytes(config)).as("the file is reported, never rewritten").isEqualTo(before);
    }
}
