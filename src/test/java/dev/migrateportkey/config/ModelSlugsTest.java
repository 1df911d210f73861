package dev.migrateportkey.config;

import dev.migrateportkey.lang.MigrationOptions.PinProvider;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Provider names to slug prefixes (guide, Step 5), virtual keys, and the three pin policies. */
class ModelSlugsTest {
    private static RuleTable rules;
    private static ProviderResolver resolver;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
        resolver = new ProviderResolver(rules, Map.of("vk-7f3a", "bedrock", "team-key", "azure-openai"));
    }

    @ParameterizedTest
    @CsvSource({"bedrock,bedrock", "aws-bedrock,bedrock", "azure-openai,azure", "azure,azure", "vertex-ai,ai-studio",
            "google,ai-studio", "openai,openai", "anthropic,anthropic", "@anthropic,anthropic", "mistral-ai,mistral"})
    void providerNamesMapToTheHostPrefix(String name, String prefix) {
        assertThat(resolver.resolve(name)).get().isEqualTo(new ProviderPin(prefix, name, false));
    }

    @ParameterizedTest
    @CsvSource({"openai-prod,openai", "prod_anthropic_vk,anthropic", "azure-openai-east,azure", "@bedrock-us-east-1,bedrock",
            "my-vertex-ai-key,ai-studio"})
    void virtualKeyNamesAreGuessedAndSaySo(String name, String prefix) {
        ProviderPin pin = resolver.resolve(name).orElseThrow();
        assertThat(pin.prefix()).isEqualTo(prefix);
        assertThat(pin.guessed()).isTrue();
        assertThat(pin.describe()).contains("a guess").contains(name);
    }

    @Test
    void virtualKeysGivenOnTheCommandLineWinAndAreNoGuess() {
        assertThat(resolver.resolve("vk-7f3a")).get().isEqualTo(new ProviderPin("bedrock", "vk-7f3a", false));
        assertThat(resolver.resolve("@team-key")).get().isEqualTo(new ProviderPin("azure", "@team-key", false));
        assertThat(resolver.resolve("vk-0000")).isEmpty();
        assertThat(resolver.resolve(" ")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "ALWAYS,claude-sonnet-4-6,bedrock,bedrock/claude-sonnet-4-6",
            "ALWAYS,gpt-4o,openai,openai/gpt-4o",
            "ALWAYS,gpt-4o,,gpt-4o",
            "ALWAYS,auto,openai,auto",
            "ALWAYS,anthropic/claude-opus-4-6,bedrock,anthropic/claude-opus-4-6",
            "ALWAYS,@openai-prod/gpt-4o,,openai/gpt-4o",
            "ALWAYS,@vk-0000/gpt-4o,,gpt-4o",
            "HOSTED,claude-sonnet-4-6,bedrock,bedrock/claude-sonnet-4-6",
            "HOSTED,claude-sonnet-4-6,anthropic,claude-sonnet-4-6",
            "HOSTED,gpt-4o,openai,gpt-4o",
            "HOSTED,gpt-4o,azure,azure/gpt-4o",
            "HOSTED,gemini-3.5-flash,ai-studio,gemini-3.5-flash",
            "HOSTED,llama-3-8b-instruct,bedrock,bedrock/llama-3-8b-instruct",
            "NEVER,claude-sonnet-4-6,bedrock,claude-sonnet-4-6",
            "NEVER,@anthropic/claude-haiku-4-5,,claude-haiku-4-5"})
    void pinPolicies(PinProvider policy, String model, String provider, String slug) {
        ModelSlugs slugs = new ModelSlugs(rules, resolver, policy);
        ProviderPin pin = provider == null ? null : resolver.resolve(provider).orElseThrow();
        assertThat(slugs.of(model, pin)).isEqualTo(slug);
    }

    @Test
    void aGuessedPinIsReportedWithTheSlug() {
        ModelSlugs slugs = new ModelSlugs(rules, resolver, PinProvider.ALWAYS);
        ModelSlugs.Slug s = slugs.slug("gpt-4o", resolver.resolve("openai-prod").orElseThrow());
        assertThat(s.slug()).isEqualTo("openai/gpt-4o");
        assertThat(s.guessed()).isTrue();
    }
}
