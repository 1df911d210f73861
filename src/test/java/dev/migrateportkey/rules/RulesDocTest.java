package dev.migrateportkey.rules;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** docs/rules.md is generated from rules/*.yaml; this fails when someone forgot to regenerate it. */
class RulesDocTest {

    @Test
    void docsRulesMdMatchesTheRuleTable() throws Exception {
        RuleTable table = new RuleLoader().load(null);
        String expected = RulesMarkdown.render(table);
        Path doc = Path.of("docs/rules.md");
        assertThat(doc).as("docs/rules.md exists; create it with ./migrate-portkey rules --format markdown > docs/rules.md").exists();
        String actual = Files.readString(doc, StandardCharsets.UTF_8);
        assertThat(actual)
                .as("docs/rules.md is stale: regenerate it with ./migrate-portkey rules --format markdown > docs/rules.md")
                .isEqualTo(expected);
    }
}
