package dev.migrateportkey.plan;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.edit.TextEdit;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The language-neutral filter on its own: comment syntaxes, placement, and which edits go. */
class SuppressionsTest {
    private static RuleTable rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
    }

    private static Finding at(int line, String rule) {
        return new Finding("f", line, 1, rule, Finding.Kind.FIXABLE, rule + " here");
    }

    @Test
    void hashCommentsInYamlEnvAndPythonSilenceTheFindingBelowOrBeside() {
        SourceText text = new SourceText("""
                portkey:
                  # migrate-portkey:ignore env-portkey-other -- read by the legacy batch job until it is retired
                  PORTKEY_CONFIG: pc-abc
                PORTKEY_VIRTUAL_KEY=openai-prod  # migrate-portkey:ignore env-portkey-other -- same job
                PORTKEY_MODE=x
                """);
        Finding below = at(3, "env-portkey-other");
        Finding beside = at(4, "env-portkey-other");
        Finding other = at(5, "env-portkey-other");
        TextEdit belowEdit = TextEdit.replace(60, 70, "x", "env-portkey-other");
        TextEdit otherEdit = TextEdit.replace(text.offset(5, 1), text.offset(5, 5), "# P", "env-portkey-other");
        Map<Finding, List<TextEdit>> owned = Map.of(below, List.of(belowEdit), other, List.of(otherEdit));
        Suppressions.Result r = Suppressions.apply(text, "f", rules, List.of(below, beside, other),
                List.of(belowEdit, otherEdit), f -> owned.getOrDefault(f, List.of()));
        assertThat(r.findings()).containsExactly(other);
        assertThat(r.suppressed()).containsExactly(
                new SuppressedFinding(below, "read by the legacy batch job until it is retired"),
                new SuppressedFinding(beside, "same job"));
        assertThat(r.edits()).containsExactly(otherEdit);
    }

    @Test
    void aMigratorCanAskBeforehandWhichSitesStay() {
        SourceText text = new SourceText("""
                x = 1
                # migrate-portkey:ignore sdk-trace-id -- dashboards read it
                trace_id="t"  # migrate-portkey:ignore sdk-virtual-key -- billing
                y = 2  # migrate-portkey:ignore sdk-metadata
                """);
        List<Suppressions.Suppression> found = Suppressions.in(text, rules);
        assertThat(found).extracting(Suppressions.Suppression::ruleId).containsExactly("sdk-trace-id", "sdk-virtual-key");
        assertThat(Suppressions.covers(found, "sdk-trace-id", 2)).isTrue();
        assertThat(Suppressions.covers(found, "sdk-trace-id", 3)).isTrue();
        assertThat(Suppressions.covers(found, "sdk-trace-id", 4)).isFalse();
        assertThat(Suppressions.covers(found, "sdk-virtual-key", 3)).isTrue();
        assertThat(Suppressions.covers(found, "sdk-metadata", 4)).as("no reason, so it keeps nothing").isFalse();
        assertThat(Suppressions.in(new SourceText("x = 1\n"), rules)).isEmpty();
    }

    @Test
    void oneSuppressionSilencesOneFindingPreferringItsOwnLine() {
        SourceText text = new SourceText("a // migrate-portkey:ignore header-metadata -- because\nb\n");
        Finding own = at(1, "header-metadata");
        Finding next = at(2, "header-metadata");
        Suppressions.Result r = Suppressions.apply(text, "f", rules, List.of(own, next), List.of(), f -> List.of());
        assertThat(r.suppressed()).containsExactly(new SuppressedFinding(own, "because"));
        assertThat(r.findings()).containsExactly(next);
    }

    @Test
    void blockCommentsAndTheirContinuationLinesCountAndTheReasonStopsAtTheCloser() {
        List<Finding> problems = new java.util.ArrayList<>();
        List<Suppressions.Suppression> found = Suppressions.parse(new SourceText("""
                /* migrate-portkey:ignore header-metadata -- kept for the audit */
                /**
                 * migrate-portkey:ignore header-provider -- pinned on purpose
                 */
                <!-- migrate-portkey:ignore header-config -- docs sample -->
                String s = "migrate-portkey:ignore header-config -- a string, not a comment";
                call(); String t = "migrate-portkey:ignore header-config -- nor this";
                ; migrate-portkey:ignore header-metadata -- ini comment
                """), "f", rules, problems);
        assertThat(found).containsExactly(
                new Suppressions.Suppression(1, "header-metadata", "kept for the audit"),
                new Suppressions.Suppression(3, "header-provider", "pinned on purpose"),
                new Suppressions.Suppression(5, "header-config", "docs sample"),
                new Suppressions.Suppression(8, "header-metadata", "ini comment"));
        assertThat(problems).isEmpty();
    }

    @Test
    void anEditSharedByNeighboursIsDroppedWhenTheSuppressedFindingOwnsNone() {
        SourceText text = new SourceText("m = Map.of(\"x-portkey-metadata\", \"{}\"); // migrate-portkey:ignore header-metadata -- why\n");
        Finding f = new Finding("f", 1, 12, "header-metadata", Finding.Kind.FIXABLE, "metadata entry");
        TextEdit merged = TextEdit.delete(11, 38, "header-map");
        Suppressions.Result r = Suppressions.apply(text, "f", rules, List.of(f), List.of(merged), x -> List.of());
        assertThat(r.edits()).isEmpty();
        assertThat(r.findings()).isEmpty();
    }

    @Test
    void anImportLineInsertedAtTheStartOfTheSuppressedLineStaysForTheSitesThatNeedIt() {
        SourceText text = new SourceText("""
                from openai import OpenAI
                c = OpenAI(default_headers=createHeaders(api_key="pk-x", trace_id="t"))  # migrate-portkey:ignore sdk-trace-id -- logs
                k = Portkey(api_key="pk-y")
                """);
        Finding trace = new Finding("f", 2, 58, "sdk-trace-id", Finding.Kind.FIXABLE, "trace id");
        Finding key = new Finding("f", 3, 13, "sdk-api-key", Finding.Kind.FIXABLE, "key");
        int line2 = text.offset(2, 1);
        TextEdit importOs = TextEdit.insert(line2, "import os\n", "sdk-api-key");
        TextEdit merged = TextEdit.replace(text.offset(2, 28), text.offset(2, 71), "{}", "header-map");
        TextEdit keyArg = TextEdit.insert(text.offset(2, 12), "api_key=os.environ[\"K\"], ", "sdk-api-key");
        TextEdit ownKey = TextEdit.replace(text.offset(3, 13), text.offset(3, 27), "os.environ[\"K\"]", "sdk-api-key");
        Map<Finding, List<TextEdit>> owned = Map.of(key, List.of(ownKey));
        Suppressions.Result r = Suppressions.apply(text, "f", rules, List.of(trace, key),
                List.of(importOs, merged, keyArg, ownKey), f -> owned.getOrDefault(f, List.of()));
        assertThat(r.edits()).containsExactly(importOs, keyArg, ownKey);
        assertThat(r.findings()).containsExactly(key);
    }

    @Test
    void anInsertionAtTheEndOfTheLastLineIsALineOfItsOwnToo() {
        SourceText text = new SourceText("c = h(trace_id=\"t\")  # migrate-portkey:ignore sdk-trace-id -- logs");
        Finding trace = new Finding("f", 1, 7, "sdk-trace-id", Finding.Kind.FIXABLE, "trace id");
        TextEdit appended = TextEdit.insert(text.length(), "\nimport os", "sdk-api-key");
        TextEdit sameRule = TextEdit.insert(text.offset(1, 5), "x", "sdk-trace-id");
        Suppressions.Result r = Suppressions.apply(text, "f", rules, List.of(trace),
                List.of(sameRule, appended), f -> List.of());
        assertThat(r.edits()).containsExactly(appended);
    }

    @Test
    void errorsCannotBeSuppressed() {
        SourceText text = new SourceText("// migrate-portkey:ignore header-metadata -- x\n");
        Finding err = new Finding("f", 1, 1, "header-metadata", Finding.Kind.ERROR, "bad");
        Suppressions.Result r = Suppressions.apply(text, "f", rules, List.of(err), List.of(), x -> List.of());
        assertThat(r.findings()).containsExactly(err);
    }

    @Test
    void textWithoutTheMarkerIsReturnedAsItIs() {
        List<Finding> findings = List.of(at(1, "header-metadata"));
        Suppressions.Result r = Suppressions.apply(new SourceText("x\n"), "f", rules, findings, List.of(), x -> List.of());
        assertThat(r.findings()).isSameAs(findings);
    }
}
