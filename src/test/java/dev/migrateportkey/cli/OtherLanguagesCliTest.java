package dev.migrateportkey.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Languages the tool does not rewrite (Go, Kotlin, Ruby, ...) still fail {@code check}: each line
 * using Portkey is a manual item under the rule for what it holds, comments do not count, and
 * {@code rewrite} leaves the files byte for byte.
 */
class OtherLanguagesCliTest {

    @Test
    void checkReportsEachUseUnderItsRuleAndRewriteLeavesTheFilesAlone(@TempDir Path dir) throws IOException {
        Path go = CliRun.write(dir, "svc/llm.go", "package svc\n\n// Calls Portkey today.\nconst url = \"https://api.portkey.ai/v1\"\n"
                + "func h(r *Req) { r.Header.Set(\"x-portkey-api-key\", os.Getenv(\"PORTKEY_API_KEY\")) }\n");
        Path kt = CliRun.write(dir, "app/Keys.kt", "object Keys { val k = System.getenv(\"PORTKEY_API_KEY\") }\n"
                + "fun load(raw: ByteArray) = crypto.importKey(raw)\n"); // "portkey" inside a word is no use of Portkey
        Path rb = CliRun.write(dir, "bin/report.rb", "client = PortkeyClient.new\n");
        byte[] goBefore = Files.readAllBytes(go);

        CliRun check = CliRun.of("check", dir.toString());
        assertThat(check.exit()).isEqualTo(1);
        assertThat(check.out().lines()).hasSize(4);
        assertThat(check.out())
                .contains("llm.go:4:14: base-url-v1: [manual] Portkey URL https://api.portkey.ai/v1 in Go code")
                .contains("llm.go:5:32: header-api-key: [manual] x-portkey-api-key header in Go code")
                .contains("Keys.kt:1:38: env-portkey-api-key: [manual] PORTKEY_API_KEY read here in Kotlin code")
                .contains("report.rb:1:10: source-other-language: [manual] Portkey named here in Ruby code")
                .doesNotContain("llm.go:3:");

        CliRun rewrite = CliRun.of("rewrite", "--allow-dirty", dir.toString());
        assertThat(rewrite.exit()).isZero();
        assertThat(Files.readAllBytes(go)).isEqualTo(goBefore);
        assertThat(Files.readString(kt, StandardCharsets.UTF_8)).startsWith("object Keys { val k = System.getenv(\"PORTKEY_API_KEY\") }\n");
        assertThat(Files.readString(rb, StandardCharsets.UTF_8)).isEqualTo("client = PortkeyClient.new\n");
    }
}
