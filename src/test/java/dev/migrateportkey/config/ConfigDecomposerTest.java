package dev.migrateportkey.config;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.MigrationOptions.PinProvider;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Every Config shape of the guide's Step 4 table, nested ones included. */
class ConfigDecomposerTest {
    private static RuleTable rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
    }

    private static Decomposition decompose(String json) {
        return decompose(json, MigrationOptions.defaults());
    }

    private static Decomposition decompose(String json, MigrationOptions options) {
        ConfigText.Parsed p = ConfigText.parse(json);
        assertThat(p).isInstanceOf(ConfigText.Inline.class);
        return new ConfigDecomposer(rules, options).decompose(((ConfigText.Inline) p).config());
    }

    private static MigrationOptions pin(PinProvider p) {
        return new MigrationOptions(p, Map.of(), Map.of());
    }

    @Test
    void fallbackAcrossModelsBecomesModelFallbacksAndFirstTargetIsTheModel() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [
                   {"provider": "openai", "api_key": "sk-x", "override_params": {"model": "gpt-4o"}},
                   {"provider": "anthropic", "override_params": {"model": "claude-sonnet-4-6"}},
                   {"provider": "bedrock", "override_params": {"model": "claude-haiku-4-5"}}]}""");
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "openai/gpt-4o",
                "routing", Map.of("model", Map.of("fallbacks", List.of("anthropic/claude-sonnet-4-6", "bedrock/claude-haiku-4-5")))));
        assertThat(ConfigText.toJson(d.bodyParams())).startsWith("{\"model\":\"openai/gpt-4o\",\"routing\":");
        assertThat(d.automatic()).isTrue();
        assertThat(d.dropped()).singleElement().asString().startsWith("targets[].api_key: Upstream provider keys");
        assertThat(d.clientTimeoutMs()).isNull();
        assertThat(d.slugs()).containsExactly(new Decomposition.SlugUse("gpt-4o", "openai/gpt-4o"),
                new Decomposition.SlugUse("claude-sonnet-4-6", "anthropic/claude-sonnet-4-6"),
                new Decomposition.SlugUse("claude-haiku-4-5", "bedrock/claude-haiku-4-5"));
    }

    @Test
    void fallbackWhereOnlyTheProviderDiffersBecomesProviderFallbacks() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback", "on_status_codes": [429, 500]},
                 "override_params": {"model": "claude-sonnet-4-6"},
                 "targets": [{"provider": "anthropic"}, {"provider": "bedrock"}, {"provider": "azure-openai"}]}""");
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "anthropic/claude-sonnet-4-6",
                "routing", Map.of("provider", Map.of("fallbacks", List.of("bedrock", "azure")))));
        assertThat(d.dropped()).anySatisfy(s -> assertThat(s).startsWith("strategy.on_status_codes: Concentrate fails over"));
        assertThat(d.automatic()).isTrue();
    }

    @Test
    void providerFallbacksWithBareSlugsListEveryProvider() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [{"provider": "anthropic", "override_params": {"model": "claude-sonnet-4-6"}},
                             {"provider": "bedrock", "override_params": {"model": "claude-sonnet-4-6"}}]}""", pin(PinProvider.NEVER));
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "claude-sonnet-4-6",
                "routing", Map.of("provider", Map.of("fallbacks", List.of("anthropic", "bedrock")))));
    }

    @Test
    void fallbackWithoutModelsPinsTheRequestModelWithTheFirstProvider() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"}, "targets": [{"virtual_key": "bedrock-prod"}, {"provider": "anthropic"}]}""");
        assertThat(d.model()).isNull();
        assertThat(d.primaryProvider().prefix()).isEqualTo("bedrock");
        assertThat(d.bodyParams()).isEqualTo(Map.of("routing", Map.of("provider", Map.of("fallbacks", List.of("anthropic")))));
        assertThat(d.guesses()).singleElement().asString().contains("bedrock-prod").contains("a guess");
        assertThat(d.dropped()).anySatisfy(s -> assertThat(s).startsWith("targets[].virtual_key: Credentials are managed"));
    }

    @Test
    void virtualKeysFromTheCommandLineAreNotGuesses() {
        MigrationOptions o = new MigrationOptions(PinProvider.ALWAYS, Map.of("vk-7f3a", "aws-bedrock"), Map.of());
        Decomposition d = decompose("""
                {"virtual_key": "vk-7f3a", "override_params": {"model": "claude-sonnet-4-6", "max_tokens": 512}}""", o);
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "bedrock/claude-sonnet-4-6", "max_tokens", 512));
        assertThat(d.guesses()).isEmpty();
        assertThat(d.automatic()).isTrue();
    }

    @Test
    void aVirtualKeyNamingNoProviderNeedsAHuman() {
        Decomposition d = decompose("""
                {"virtual_key": "vk-7f3a", "override_params": {"model": "claude-sonnet-4-6"}}""");
        assertThat(d.manual()).singleElement().asString().contains("'vk-7f3a' names no provider").contains("--virtual-key vk-7f3a=PROVIDER");
        assertThat(d.model()).isEqualTo("claude-sonnet-4-6");
    }

    @Test
    void nestedFallbackGroupsAreFlattenedInOrder() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [
                   {"strategy": {"mode": "fallback"}, "override_params": {"model": "gpt-4o"},
                    "targets": [{"provider": "openai"}, {"provider": "azure-openai"}]},
                   {"provider": "anthropic", "override_params": {"model": "claude-haiku-4-5"}}]}""");
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "openai/gpt-4o",
                "routing", Map.of("model", Map.of("fallbacks", List.of("azure/gpt-4o", "anthropic/claude-haiku-4-5")))));
        assertThat(d.automatic()).isTrue();
    }

    @Test
    void aNestedLoadbalanceGroupIsTriedInOrderAndSaysSo() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [
                   {"strategy": {"mode": "loadbalance"},
                    "targets": [{"provider": "openai", "weight": 0.7, "override_params": {"model": "gpt-4o"}},
                                {"provider": "azure", "weight": 0.3, "override_params": {"model": "gpt-4o"}}]},
                   {"provider": "anthropic", "override_params": {"model": "claude-sonnet-4-6"}}]}""");
        assertThat(d.model()).isEqualTo("openai/gpt-4o");
        assertThat(d.bodyParams().get("routing")).isEqualTo(Map.of("model", Map.of("fallbacks",
                List.of("azure/gpt-4o", "anthropic/claude-sonnet-4-6"))));
        assertThat(d.dropped()).anySatisfy(s -> assertThat(s).startsWith("nested strategy.mode=loadbalance: a load-balanced group"));
        assertThat(d.dropped()).anySatisfy(s -> assertThat(s).startsWith("targets[].weight:"));
    }

    @Test
    void aNestedConditionalGroupNeedsAHuman() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [
                   {"strategy": {"mode": "conditional", "conditions": [{"query": {"metadata.tier": {"$eq": "pro"}}, "then": "a"}], "default": "a"},
                    "targets": [{"name": "a", "provider": "openai", "override_params": {"model": "gpt-4o"}}]},
                   {"provider": "anthropic", "override_params": {"model": "claude-sonnet-4-6"}}]}""");
        assertThat(d.automatic()).isFalse();
        assertThat(d.manual()).singleElement().asString().startsWith("nested strategy.mode=conditional: Conditional routing on metadata");
    }

    @Test
    void loadbalanceBecomesModelAutoWithSortAndSaysTheWeightsAreLost() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "loadbalance"},
                 "targets": [{"provider": "openai", "weight": 0.7, "override_params": {"model": "gpt-4o", "temperature": 0.2}},
                             {"provider": "anthropic", "weight": 0.3, "override_params": {"model": "claude-sonnet-4-6", "temperature": 0.2}}]}""");
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "auto", "routing", Map.of("model", Map.of("sort", "performance")),
                "temperature", 0.2));
        assertThat(d.slugs()).containsExactly(new Decomposition.SlugUse("auto", "auto"));
        assertThat(d.automatic()).isTrue();
        assertThat(d.dropped()).anySatisfy(s -> assertThat(s)
                .startsWith("strategy.mode=loadbalance: Load balancing becomes model: \"auto\"")
                .contains("Target weights cannot be expressed")
                .contains("openai/gpt-4o (weight 0.7), anthropic/claude-sonnet-4-6 (weight 0.3)"));
    }

    @Test
    void conditionalOnMetadataNeedsAHuman() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "conditional",
                              "conditions": [{"query": {"metadata.user_plan": {"$eq": "paid"}}, "then": "pro"}],
                              "default": "free"},
                 "targets": [{"name": "pro", "virtual_key": "openai-prod"}, {"name": "free", "virtual_key": "openai-free"}]}""");
        assertThat(d.automatic()).isFalse();
        assertThat(d.manual()).singleElement().asString()
                .isEqualTo("strategy.mode=conditional: Conditional routing on metadata has no equivalent: issue a separate key"
                        + " per condition and choose the key in application code.");
        assertThat(d.bodyParams()).isEmpty();
        assertThat(d.slugs()).isEmpty();
    }

    @Test
    void simpleCacheNeedsNothing() {
        Decomposition d = decompose("""
                {"cache": {"mode": "simple", "max_age": 3600}}""");
        assertThat(d.bodyParams()).isEmpty();
        assertThat(d.automatic()).isTrue();
        assertThat(d.dropped()).containsExactly(
                "cache.mode=simple: Caching is provider-native and on by default (Anthropic, AWS Bedrock): nothing to write.",
                "cache.max_age: Cache lifetime is the provider's own: there is no gateway-stored cache to age.");
    }

    @Test
    void semanticCacheNeedsAHuman() {
        Decomposition d = decompose("""
                {"cache": {"mode": "semantic"}}""");
        assertThat(d.manual()).containsExactly(
                "cache.mode=semantic: Concentrate has no semantic cache: provider-native prompt caching is the only cache.");
    }

    @Test
    void cacheNamespaceBecomesPromptCacheKey() {
        Decomposition d = decompose("""
                {"cache_namespace": "tenant-42", "cache": {"mode": "simple"}}""");
        assertThat(d.bodyParams()).isEqualTo(Map.of("prompt_cache_key", "tenant-42"));
    }

    @Test
    void retryIsDroppedBecauseFailoverIsAutomatic() {
        Decomposition d = decompose("""
                {"retry": {"attempts": 3, "on_status_codes": [429]}, "override_params": {"model": "gpt-4o"}}""");
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "gpt-4o"));
        assertThat(d.dropped()).containsExactly("retry: Retries are automatic: Concentrate fails over on any provider error across your fallback chain.");
    }

    @Test
    void requestTimeoutGoesToTheClient() {
        Decomposition d = decompose("""
                {"request_timeout": 10000}""");
        assertThat(d.clientTimeoutMs()).isEqualTo(10000L);
        assertThat(d.bodyParams()).isEmpty();
        assertThat(decompose("{\"request_timeout\": \"soon\"}").manual()).singleElement().asString()
                .startsWith("request_timeout: expected milliseconds, found 'soon'");
    }

    @Test
    void overrideParamsBecomeBodyParams() {
        Decomposition d = decompose("""
                {"override_params": {"model": "gpt-4o-mini", "temperature": 0.1, "max_tokens": 256, "response_format": {"type": "json_object"}}}""");
        assertThat(d.bodyParams()).containsExactly(Map.entry("model", "gpt-4o-mini"), Map.entry("temperature", 0.1),
                Map.entry("max_tokens", 256), Map.entry("response_format", Map.of("type", "json_object")));
    }

    @Test
    void customHostNeedsAHuman() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [{"provider": "openai", "custom_host": "http://llm.internal:8080/v1", "override_params": {"model": "llama-3-8b"}},
                             {"provider": "openai", "override_params": {"model": "gpt-4o"}}]}""");
        assertThat(d.manual()).containsExactly(
                "targets[].custom_host: Custom hosts are not supported: keep calling self-hosted models directly.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"before_request_hooks", "after_request_hooks", "input_guardrails", "output_guardrails"})
    void guardrailHooksNeedAHumanAndPointAtGuardrailsAndRedaction(String key) {
        Decomposition d = decompose("{\"" + key + "\": [{\"id\": \"pg-pii-123\"}], \"override_params\": {\"model\": \"gpt-4o\"}}");
        assertThat(d.manual()).singleElement().asString().startsWith(key + ": ").contains("Guardrails & Redaction");
    }

    @Test
    void guardrailsInsideATargetNeedAHumanToo() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"}, "targets": [{"provider": "openai", "input_guardrails": ["pg-1"]}]}""");
        assertThat(d.manual()).singleElement().asString().startsWith("targets[].input_guardrails: ");
    }

    @Test
    void unknownKeysNeedAHuman() {
        Decomposition d = decompose("""
                {"override_params": {"model": "gpt-4o"}, "portkey_only_flag": true}""");
        assertThat(d.manual()).singleElement().asString().startsWith("portkey_only_flag: A Config setting the tool does not know");
    }

    @Test
    void targetsWithoutAStrategyNeedAHuman() {
        Decomposition d = decompose("""
                {"targets": [{"provider": "openai"}]}""");
        assertThat(d.manual()).singleElement().asString().contains("without strategy.mode");
    }

    @Test
    void catalogModelStringsNameTheirProvider() {
        Decomposition d = decompose("""
                {"override_params": {"model": "@anthropic/claude-sonnet-4-6"}}""");
        assertThat(d.model()).isEqualTo("anthropic/claude-sonnet-4-6");
        assertThat(decompose("{\"override_params\": {\"model\": \"@anthropic/claude-sonnet-4-6\"}}", pin(PinProvider.NEVER)).model())
                .isEqualTo("claude-sonnet-4-6");
    }

    @Test
    void hostedPinsOnlyWhereHostAndAuthorDiffer() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [{"provider": "openai", "override_params": {"model": "gpt-4o"}},
                             {"provider": "bedrock", "override_params": {"model": "claude-sonnet-4-6"}},
                             {"provider": "anthropic", "override_params": {"model": "claude-haiku-4-5"}}]}""", pin(PinProvider.HOSTED));
        assertThat(d.bodyParams()).isEqualTo(Map.of("model", "gpt-4o",
                "routing", Map.of("model", Map.of("fallbacks", List.of("bedrock/claude-sonnet-4-6", "claude-haiku-4-5")))));
    }

    @Test
    void aFallbackTargetWithoutAModelAmongModelTargetsNeedsAHuman() {
        Decomposition d = decompose("""
                {"strategy": {"mode": "fallback"},
                 "targets": [{"provider": "openai", "override_params": {"model": "gpt-4o"}}, {"provider": "anthropic"}]}""");
        assertThat(d.manual()).singleElement().asString().contains("names no override_params.model");
    }

    @Test
    void aJsonTreeDecomposesLikeTheSameMap() throws Exception {
        String json = "{\"cache_namespace\": \"ns\", \"override_params\": {\"model\": \"gpt-4o\"}}";
        Decomposition fromTree = new ConfigDecomposer(rules, MigrationOptions.defaults())
                .decompose(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json));
        assertThat(fromTree).isEqualTo(decompose(json));
    }

    @Test
    void savedIdsAndBadJsonAreToldApart() {
        assertThat(ConfigText.parse("  pc-abc-123 ")).isEqualTo(new ConfigText.SavedId("pc-abc-123"));
        assertThat(ConfigText.parse("{\"retry\": ")).isInstanceOf(ConfigText.Invalid.class);
        assertThat(rules.configKey("pc-abc-123")).get().extracting(r -> r.id()).isEqualTo("config-saved-id");
    }
}
