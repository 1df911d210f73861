package dev.migrateportkey.report;

import dev.migrateportkey.cli.Main;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SecretMaskerTest {
    private static final String KEY = "pk-live-9f8a7b6c5d4e3f2a1b";

    @Test
    void portkeyKeyKeepsAShortPrefixAndEndsWithAnEllipsis() {
        String masked = SecretMasker.mask(KEY);
        assertThat(masked).isNotEqualTo(KEY).doesNotContain("9f8a7b6c5d4e3f2a1b").endsWith("\u2026");
        assertThat(masked).isEqualTo("pk-liv\u2026"); // as docs/check-json.md shows
        assertThat(masked.length()).isLessThan(KEY.length());
        assertThat(KEY).startsWith(masked.substring(0, masked.length() - 1));
    }

    @Test
    void keysInsideLongerTextAreMaskedAndTheRestIsKept() {
        String text = "apiKey(\"" + KEY + "\") and header Bearer sk-proj-abcdefghijklmnop1234 end";
        String masked = SecretMasker.mask(text);
        assertThat(masked).startsWith("apiKey(\"pk-liv\u2026\")").endsWith(" end")
                .doesNotContain(KEY).doesNotContain("abcdefghijklmnop1234").contains("\u2026\")");
    }

    @Test
    void noSecretSegmentOfAMultiSegmentKeySurvives() {
        String key = "sk-ant-api03-Zq8XwV7uT6sR5pO4nM3lK2jI1hG0fE9dC8bA7-aBcDeFgHiJkL";
        String masked = SecretMasker.mask("key=" + key + ";");
        assertThat(masked).startsWith("key=sk-").endsWith("\u2026;").doesNotContain("Zq8XwV7uT6sR5pO4nM3lK2jI1hG0fE9dC8bA7")
                .doesNotContain("aBcDeFgHiJkL");
        assertThat(masked.length()).isLessThan(("key=" + key + ";").length() - 40);
        assertThat(SecretMasker.mask("sk-cn-v1-abcdef0123456789")).isEqualTo("sk-cn-v1-abc\u2026");
    }

    @Test
    void unprefixedPortkeyKeysAreMaskedWhereANameSaysTheyAreSecrets() {
        String key = "hyXJhCcEVh1Cpp+d5WsEoqfEk2oc"; // the shape of a real Portkey key: no prefix
        assertThat(SecretMasker.mask("PORTKEY_API_KEY=" + key)).isEqualTo("PORTKEY_API_KEY=hyXJ\u2026");
        assertThat(SecretMasker.mask("`portkey.api-key: '" + key + "'`")).isEqualTo("`portkey.api-key: 'hyXJ\u2026'`");
        assertThat(SecretMasker.mask("NEXT_PUBLIC_PORTKEY_API_KEY=" + key + " end")).doesNotContain(key).endsWith("\u2026 end");
        assertThat(SecretMasker.maskSecret(key)).isEqualTo("hyXJ\u2026");
        assertThat(SecretMasker.maskSecret("abc")).isEqualTo("\u2026");
        assertThat(SecretMasker.maskSecret(KEY)).isEqualTo("pk-liv\u2026");
        // Words, references, URLs and the placeholder after a secret name are not keys.
        assertThat(SecretMasker.mask("PORTKEY_API_KEY=${PORTKEY_API_KEY}")).isEqualTo("PORTKEY_API_KEY=${PORTKEY_API_KEY}");
        assertThat(SecretMasker.mask("CONCENTRATE_API_KEY: the literal key")).isEqualTo("CONCENTRATE_API_KEY: the literal key");
        assertThat(SecretMasker.mask("CONCENTRATE_API_KEY=sk-cn-v1-...")).isEqualTo("CONCENTRATE_API_KEY=sk-cn-v1-...");
        assertThat(SecretMasker.mask("api-key: your_portkey_api_key_here")).isEqualTo("api-key: your_portkey_api_key_here");
    }

    @Test
    void placeholderAndOrdinaryTextAreUntouched() {
        assertThat(SecretMasker.mask("sk-cn-v1-...")).isEqualTo("sk-cn-v1-...");
        String note = "Authorization: Bearer header carrying your Concentrate key (sk-cn-v1-...).";
        assertThat(SecretMasker.mask(note)).isEqualTo(note);
        assertThat(SecretMasker.mask("x-portkey-api-key")).isEqualTo("x-portkey-api-key");
        assertThat(SecretMasker.mask("header-api-key: x-portkey-virtual-key")).isEqualTo("header-api-key: x-portkey-virtual-key");
        assertThat(SecretMasker.mask(null)).isNull();
        assertThat(SecretMasker.mask("no dashes here")).isEqualTo("no dashes here");
    }

    @Test
    void printersMaskKeysInFindingMessages() throws Exception {
        Finding f = new Finding("A.java", 3, 5, "sdk-param-api-key", Finding.Kind.FIXABLE, "key " + KEY + " found");
        MigrationPlan plan = new MigrationPlan(List.of(new FilePlan(Path.of("A.java"), "A.java", "A.java", "java",
                List.of(f), List.of(), null, null)), List.of(), 1, 1);
        assertThat(TextFindingPrinter.line(f)).startsWith("A.java:3:5: sdk-param-api-key: key pk-liv\u2026 found")
                .doesNotContain(KEY);
        ByteArrayOutputStream buf = new ByteArrayOutputStream();
        new JsonFindingPrinter().print(plan, new PrintStream(buf, true, StandardCharsets.UTF_8));
        assertThat(buf.toString(StandardCharsets.UTF_8)).contains("pk-liv\u2026").doesNotContain(KEY);
    }

    @Test
    void checkTextOutputNeverContainsTheFullKey(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("Keyed.java"), """
                package demo;

                class Keyed {
                    Object client() {
                        return com.openai.client.okhttp.OpenAIOkHttpClient.builder()
                                .baseUrl("https://api.portkey.ai/v1")
                                .apiKey("%s")
                                .build();
                    }
                }
                """.formatted(KEY));
        PrintStream saved = System.out;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        StringWriter err = new StringWriter();
        int exit;
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            CommandLine cl = Main.commandLine();
            cl.setErr(new PrintWriter(err, true));
            exit = cl.execute("check", dir.toString());
            System.out.flush();
        } finally {
            System.setOut(saved);
        }
        String stdout = out.toString(StandardCharsets.UTF_8);
        assertThat(exit).isEqualTo(1);
        assertThat(stdout).contains("Keyed.java:6:").contains("Keyed.java:7:");
        assertThat(stdout + err).doesNotContain(KEY).doesNotContain("9f8a7b6c5d4e3f2a1b");
    }
}
