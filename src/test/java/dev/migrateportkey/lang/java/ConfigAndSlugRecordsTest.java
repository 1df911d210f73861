package dev.migrateportkey.lang.java;

import dev.migrateportkey.cli.FixtureOptions;
import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.ConfigUse;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** What the plan records for the report: the Configs met (and what they became) and every model slug sent. */
class ConfigAndSlugRecordsTest {
    private static final Path FIXTURES = Path.of("fixtures", "java");
    private static RuleTable rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
    }

    private static MigrationPlan plan(String fixture) throws Exception {
        Path c = FIXTURES.resolve(fixture);
        MigrationOptions options = FixtureOptions.of(c);
        return new Planner(rules, Migrators.all(), options, WalkOptions.defaults()).plan(List.of(c.resolve("input")));
    }

    @Test
    void anInlineConfigIsRecordedWithItsBodyParamsAndDroppedSettings() throws Exception {
        MigrationPlan plan = plan("openai-java-fallback-config");
        assertThat(plan.configs()).hasSize(1);
        ConfigUse config = plan.configs().get(0);
        assertThat(config.origin()).isEqualTo("inline");
        List<String> lines = java.nio.file.Files.readAllLines(FIXTURES.resolve(
                "openai-java-fallback-config/input/src/main/java/com/acme/fallback/SupportBot.java"));
        assertThat(config.line()).as("line of the x-portkey-config header")
                .isEqualTo(lines.indexOf("                .putHeader(\"x-portkey-config\", CONFIG)") + 1).isPositive();
        assertThat(config.bodyParams()).containsEntry("model", "anthropic/claude-sonnet-4-6")
                .containsEntry("routing", Map.of("model", Map.of("fallbacks", List.of("openai/gpt-4o"))))
                .containsEntry("prompt_cache_key", "support-bot");
        assertThat(config.dropped()).anySatisfy(d -> assertThat(d).startsWith("cache.mode=simple:"))
                .anySatisfy(d -> assertThat(d).startsWith("strategy.on_status_codes:"));
        assertThat(config.manual()).isEmpty();
        assertThat(plan.models()).extracting(ModelUse::original, ModelUse::slug).containsExactlyInAnyOrder(
                tuple("gpt-4o", "openai/gpt-4o"),
                tuple("gpt-4o-mini", "anthropic/claude-sonnet-4-6"),
                tuple("text-embedding-3-small", "text-embedding-3-small"));
    }

    @Test
    void aSavedConfigIdWithoutItsExportIsManualAndNamed() throws Exception {
        MigrationPlan plan = plan("saved-config-id-manual");
        assertThat(plan.configs()).singleElement().satisfies(c -> {
            assertThat(c.origin()).isEqualTo("pc-support-4f2a");
            assertThat(c.bodyParams()).isEmpty();
            assertThat(c.manual()).singleElement().asString().contains("--config-file ID=PATH");
        });
        assertThat(plan.findings()).filteredOn(f -> f.ruleId().equals("header-config"))
                .singleElement().satisfies(f -> assertThat(f.message()).contains("pc-support-4f2a"));
        assertThat(plan.models()).extracting(ModelUse::slug).containsExactly("gpt-4o");
    }

    @Test
    void anExportedSavedConfigIsRecordedUnderItsId() throws Exception {
        MigrationPlan plan = plan("saved-config-id-with-config-file");
        assertThat(plan.configs()).singleElement().satisfies(c -> {
            assertThat(c.origin()).startsWith("pc-support-4f2a (").endsWith("pc-support-4f2a.json)");
            assertThat(c.bodyParams()).containsEntry("model", "bedrock/claude-sonnet-4-6");
        });
    }

    @Test
    void aConditionalConfigIsRecordedWithWhatNeedsAHuman() throws Exception {
        MigrationPlan plan = plan("conditional-config-stays-manual");
        assertThat(plan.configs()).singleElement().satisfies(c -> {
            assertThat(c.manual()).singleElement().asString().startsWith("strategy.mode=conditional:");
            assertThat(c.bodyParams()).isEmpty();
        });
    }

    @Test
    void pinnedModelsAreRecordedWithTheirOriginalString() throws Exception {
        MigrationPlan plan = plan("openai-java-bedrock-pinned-model");
        assertThat(plan.models()).extracting(ModelUse::original, ModelUse::slug).containsExactly(
                tuple("claude-sonnet-4-6", "bedrock/claude-sonnet-4-6"),
                tuple("claude-haiku-4-5", "bedrock/claude-haiku-4-5"));
    }
}
