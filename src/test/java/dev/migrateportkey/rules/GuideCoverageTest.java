package dev.migrateportkey.rules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every row of the migration guide's mapping tables has its own rule. The values below are copied
 * from the guide's tables (Steps 1 and 3 to 7); a row covered only by a catch-all rule fails.
 */
class GuideCoverageTest {
    private static RuleTable table;

    @BeforeAll
    static void load() throws Exception {
        table = new RuleLoader().load(null);
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-portkey-api-key", "x-portkey-provider", "x-portkey-virtual-key", "x-portkey-config",
            "x-portkey-trace-id", "x-portkey-metadata", "x-portkey-cache-force-refresh", "x-portkey-cache-namespace",
            "x-portkey-request-timeout", "x-portkey-forward-headers", "x-portkey-sensitive-headers",
            "x-portkey-custom-host", "x-portkey-azure-deployment-id", "x-portkey-vertex-project-id",
            "x-portkey-aws-region"})
    void step3RequestHeaders(String header) {
        assertThat(table.requestHeader(header)).get().extracting(Rule::id).isNotEqualTo("header-other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"api_key", "apiKey", "virtual_key", "virtualKey", "config", "provider", "trace_id", "traceID",
            "metadata", "cache_force_refresh", "cacheForceRefresh", "cache_namespace", "cacheNamespace", "custom_host",
            "customHost", "forward_headers", "forwardHeaders"})
    void step3SdkParameters(String param) {
        assertThat(table.sdkParam(param)).as(param).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"x-portkey-trace-id", "x-portkey-cache-status", "x-portkey-provider",
            "x-portkey-last-used-option-index", "x-ratelimit-remaining-requests"})
    void step3ResponseHeaders(String header) {
        assertThat(table.responseHeader(header)).get().extracting(Rule::id).isNotEqualTo("response-other");
    }

    @ParameterizedTest
    @ValueSource(strings = {"strategy.mode=fallback", "strategy.mode=loadbalance", "strategy.mode=conditional",
            "cache.mode=simple", "cache.mode=semantic", "retry", "request_timeout", "override_params",
            "targets[].virtual_key", "targets[].custom_host", "guardrails", "cache_namespace"})
    void step4ConfigKeys(String key) {
        assertThat(table.configKey(key)).as(key).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"anthropic=anthropic", "bedrock=bedrock", "aws-bedrock=bedrock", "azure=azure",
            "azure-openai=azure", "vertex-ai=ai-studio", "google=ai-studio", "openai=openai", "mistral-ai=mistral"})
    void step5ProvidersBecomeSlugPrefixes(String pair) {
        String[] p = pair.split("=");
        assertThat(table.provider(p[0])).get().extracting(Rule::prefix).isEqualTo(p[1]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"PORTKEY_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY", "AWS_ACCESS_KEY_ID",
            "AZURE_OPENAI_DEPLOYMENT_ID", "PORTKEY_VIRTUAL_KEY"})
    void step1EnvironmentVariables(String name) {
        assertThat(table.envVar(name)).as(name).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Logs", "Traces", "Metadata filters", "Feedback API", "Analytics",
            "Rate Limits / Usage Limits Policies", "Audit Logs", "Log Exports"})
    void step6DashboardSurfaces(String surface) {
        assertThat(table.find(RuleKind.DASHBOARD, surface)).as(surface).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Workspace", "Virtual Key / Provider Integration", "Config", "API Key",
            "Rate Limits / Usage Limits Policy", "User / User Invite / Workspace Member", "SCIM Workspace Mappings",
            "Audit Logs", "Prompts / Partials / Labels / Collections", "Guardrails", "Secret References"})
    void step7AdminConcepts(String concept) {
        assertThat(table.find(RuleKind.ADMIN, concept)).as(concept).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://api.portkey.ai/v1", "https://api.portkey.ai"})
    void portkeyBaseUrls(String url) {
        assertThat(table.rewriteUrls(url)).startsWith("https://api.concentrate.ai");
    }
}
