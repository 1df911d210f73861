package dev.migrateportkey.rules;

import dev.migrateportkey.workspace.Prefilter;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The note of a Portkey-only API becomes the TODO above a call such as {@code client.feedback.create(...)},
 * whose code no longer names Portkey once the client is {@code OpenAI}. The TODO is then the only
 * mention left, and {@code check} scans only files that mention Portkey: a note without the word
 * would let the manual item vanish from {@code check} before a human dealt with it.
 */
class PortkeyApiNotesTest {

    @Test
    void everyPortkeyOnlyApiNoteNamesPortkeySoCheckFindsItsTodoAgain() throws Exception {
        RuleTable table = new RuleLoader().load(null);
        assertThat(table.ofKind(RuleKind.PORTKEY_API)).isNotEmpty().allSatisfy(r ->
                assertThat(Prefilter.indexOfMention(r.note())).as(r.id() + ": " + r.note()).isGreaterThanOrEqualTo(0));
    }
}
