package dev.migrateportkey.lang.text;

import dev.migrateportkey.rules.RuleLoader;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class VariableReferencesTest {
    private static VariableReferences references;

    @BeforeAll
    static void load() throws Exception {
        references = new VariableReferences(new RuleLoader().load(null));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "${PORTKEY_API_KEY}|${CONCENTRATE_API_KEY}",
            "$PORTKEY_API_KEY|$CONCENTRATE_API_KEY",
            "${{ secrets.PORTKEY_API_KEY }}|${{ secrets.CONCENTRATE_API_KEY }}",
            "${PORTKEY_API_KEY:?set it}|${CONCENTRATE_API_KEY:?set it}",
            "${PORTKEY_GATEWAY_URL}/chat|${CONCENTRATE_BASE_URL}/chat",
            // Other names that merely contain a renamed one are not references to it.
            "${MY_PORTKEY_API_KEY}|${MY_PORTKEY_API_KEY}",
            "$PORTKEY_API_KEY_OLD|$PORTKEY_API_KEY_OLD",
            "${PORTKEY_VIRTUAL_KEY}|${PORTKEY_VIRTUAL_KEY}"})
    void renamesWholeVariableNamesOnly(String value, String renamed) {
        assertThat(references.rename(value)).isEqualTo(renamed);
    }

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource({"PORTKEY_API_KEY,true", "AWS_ACCESS_KEY_ID,true", "_X1,true", "portkey_api_key,false",
            "x-portkey-api-key,false", "1ABC,false", "base-url,false"})
    void envNamesAreUpperCaseIdentifiers(String name, boolean env) {
        assertThat(VariableReferences.isEnvName(name)).isEqualTo(env);
    }
}
