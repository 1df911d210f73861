package dev.migrateportkey.rules;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class RuleLoaderTest {

    private static RuleFileException parseError(String file, String yaml) {
        return catchThrowableOfType(RuleFileException.class,
                () -> new RuleLoader().parse(file, yaml.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bundledTableLoadsWithRulesOfEveryKind() throws Exception {
        RuleTable table = new RuleLoader().load(null);
        assertThat(table.all()).hasSizeGreaterThan(50);
        Set<RuleKind> kinds = table.all().stream().map(Rule::kind).collect(Collectors.toCollection(() -> EnumSet.noneOf(RuleKind.class)));
        assertThat(kinds).containsExactlyInAnyOrder(RuleKind.values());
        for (RuleKind k : RuleKind.values()) {
            assertThat(table.ofKind(k)).as("rules of kind %s", k).isNotEmpty();
        }
        assertThat(table.all()).allSatisfy(r -> {
            assertThat(r.note()).isNotBlank();
            assertThat(r.match()).isNotEmpty();
            assertThat(r.origin()).startsWith("rules/").contains(".yaml:");
        });
        assertThat(table.all().stream().map(Rule::id).distinct().count()).isEqualTo(table.all().size());
        assertThat(table.byId("header-api-key")).get().extracting(Rule::action).isEqualTo(Action.TO_AUTHORIZATION);
    }

    @Test
    void malformedYamlNamesFileLineAndKey() {
        RuleFileException e = parseError("my/bad.yaml", """
                rules:
                  - id: broken
                    kind: request-header
                    match: [x-portkey-foo
                    action: drop
                    note: n
                """);
        assertThat(e).isNotNull();
        assertThat(e.file()).isEqualTo("my/bad.yaml");
        assertThat(e.line()).isBetween(4, 7);
        assertThat(e.getMessage()).startsWith("my/bad.yaml:" + e.line()).contains("not valid YAML");
        assertThat(e.key()).isEqualTo("match");
        assertThat(e.getMessage()).contains("key 'match'");
    }

    @Test
    void unknownKeyNamesFileLineAndKey() {
        RuleFileException e = parseError("extra.yaml", """
                rules:
                  - id: header-foo
                    kind: request-header
                    match: x-portkey-foo
                    action: drop
                    colour: blue
                    note: n
                """);
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(6);
        assertThat(e.key()).isEqualTo("colour");
        assertThat(e.getMessage()).startsWith("extra.yaml:6:").contains("key 'colour'").contains("unknown key");
    }

    @Test
    void unknownActionNamesFileLineAndKey() {
        RuleFileException e = parseError("act.yaml", """
                rules:
                  - id: header-foo
                    kind: request-header
                    match: x-portkey-foo
                    action: explode
                    note: n
                """);
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(5);
        assertThat(e.key()).isEqualTo("action");
        assertThat(e.getMessage()).startsWith("act.yaml:5:").contains("key 'action'").contains("explode")
                .contains("rename-header");
    }

    @Test
    void missingNoteNamesFileLineAndKey() {
        RuleFileException e = parseError("nonote.yaml", """
                rules:
                  - id: ok-rule
                    kind: request-header
                    match: x-portkey-ok
                    action: drop
                    note: fine
                  - id: header-foo
                    kind: request-header
                    match: x-portkey-foo
                    action: drop
                """);
        assertThat(e).isNotNull();
        assertThat(e.line()).isEqualTo(7);
        assertThat(e.key()).isEqualTo("note");
        assertThat(e.getMessage()).startsWith("nonote.yaml:7:").contains("key 'note'").contains("missing");
    }

    @Test
    void overrideDirectoryReplacesByIdAndAddsRules(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("mine.yaml"), """
                rules:
                  - id: header-trace-id
                    kind: request-header
                    match: x-portkey-trace-id
                    action: rename-header
                    to: X-Correlation-Id
                    note: Our own correlation header.
                  - id: header-team-extra
                    kind: request-header
                    match: x-portkey-team-extra
                    action: drop
                    note: Not needed on Concentrate.
                """);
        Files.writeString(dir.resolve("ignored.txt"), "not: yaml rules");
        RuleTable bundled = new RuleLoader().load(null);
        RuleTable table = new RuleLoader().load(dir);
        assertThat(table.all()).hasSize(bundled.all().size() + 1);
        Rule trace = table.byId("header-trace-id").orElseThrow();
        assertThat(trace.to()).isEqualTo("X-Correlation-Id");
        assertThat(trace.origin()).contains("mine.yaml:2");
        assertThat(table.requestHeader("x-portkey-trace-id")).get().extracting(Rule::to).isEqualTo("X-Correlation-Id");
        assertThat(table.requestHeader("X-Portkey-Team-Extra")).get().extracting(Rule::id).isEqualTo("header-team-extra");
        assertThat(bundled.byId("header-trace-id").orElseThrow().to()).isEqualTo("X-Request-Id");
    }

    @Test
    void overrideDirectoryErrorsNameTheUsersFile(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "rules:\n  - id: x\n    kind: request-header\n    match: x-foo\n    action: explode\n    note: n\n");
        assertThatThrownBy(() -> new RuleLoader().load(dir))
                .isInstanceOf(RuleFileException.class)
                .hasMessageStartingWith(bad + ":5:")
                .hasMessageContaining("'action'");
        assertThatThrownBy(() -> new RuleLoader().load(bad))
                .isInstanceOf(RuleFileException.class)
                .hasMessageContaining("not one");
    }

    @Test
    void twoOfTheUsersRulesWithOneIdAreRefused(@TempDir Path dir) throws IOException {
        String rule = """
                rules:
                  - id: header-team
                    kind: request-header
                    match: x-portkey-team
                    action: drop
                    note: n
                """;
        Files.writeString(dir.resolve("a.yaml"), rule);
        Files.writeString(dir.resolve("b.yaml"), rule);
        RuleFileException e = catchThrowableOfType(RuleFileException.class, () -> new RuleLoader().load(dir));
        assertThat(e).isNotNull();
        assertThat(e.file()).endsWith("b.yaml");
        assertThat(e.line()).isEqualTo(2);
        assertThat(e.key()).isEqualTo("id");
        assertThat(e.getMessage()).contains("header-team").contains("a.yaml:2");
    }

    @Test
    void exactHeaderBeatsWildcard() throws Exception {
        RuleTable table = new RuleLoader().load(null);
        assertThat(table.requestHeader("x-portkey-azure-foo")).get().extracting(Rule::id).isEqualTo("header-azure");
        assertThat(table.requestHeader("X-Portkey-Azure-Foo")).get().extracting(Rule::id).isEqualTo("header-azure");
        assertThat(table.requestHeader("x-portkey-unknown")).get().extracting(Rule::id).isEqualTo("header-other");
        assertThat(table.requestHeader("x-portkey-api-key")).get().extracting(Rule::id).isEqualTo("header-api-key");
        assertThat(table.requestHeader("content-type")).isEmpty();
    }

    @Test
    void rewriteUrlsKeepsThePath() throws Exception {
        RuleTable table = new RuleLoader().load(null);
        assertThat(table.rewriteUrls("https://api.portkey.ai/v1/chat/completions"))
                .isEqualTo("https://api.concentrate.ai/v1/chat/completions");
        assertThat(table.rewriteUrls("base=https://api.portkey.ai/v1 other=https://example.com/v1"))
                .isEqualTo("base=https://api.concentrate.ai/v1 other=https://example.com/v1");
        String untouched = "https://example.com/portkey";
        assertThat(table.rewriteUrls(untouched)).isSameAs(untouched);
    }

    @Test
    void kindAndActionVocabulariesRoundTrip() {
        assertThat(Arrays.stream(RuleKind.values())).allSatisfy(k -> assertThat(RuleKind.fromYaml(k.yamlName())).isEqualTo(k));
        assertThat(Arrays.stream(Action.values())).allSatisfy(a -> assertThat(Action.fromYaml(a.yamlName())).isEqualTo(a));
        assertThat(Action.fromYaml("explode")).isNull();
    }
}
