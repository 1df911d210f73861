package dev.migrateportkey.edit;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EditApplierTest {

    @Test
    void appliesNonOverlappingEditsWhateverTheirOrder() throws EditConflictException {
        String text = "one two three four";
        List<TextEdit> edits = List.of(
                TextEdit.replace(14, 18, "FOUR", "r4"),
                TextEdit.replace(0, 3, "ONE", "r1"),
                TextEdit.delete(3, 7, "r2"),
                TextEdit.insert(8, "3:", "r3"));
        assertThat(EditApplier.apply(text, edits)).isEqualTo("ONE 3:three FOUR");
    }

    @Test
    void noEditsLeavesTextIdentical() throws EditConflictException {
        assertThat(EditApplier.apply("a\r\nb", List.of())).isEqualTo("a\r\nb");
    }

    @Test
    void identicalEditsCountOnce() throws EditConflictException {
        String text = "abc def";
        TextEdit e = TextEdit.replace(4, 7, "xyz", "rule-a");
        TextEdit same = TextEdit.replace(4, 7, "xyz", "rule-a");
        assertThat(EditApplier.normalize(List.of(e, same))).containsExactly(e);
        assertThat(EditApplier.apply(text, List.of(e, same))).isEqualTo("abc xyz");
        TextEdit ins = TextEdit.insert(0, "// x\n", "rule-b");
        assertThat(EditApplier.apply(text, List.of(ins, ins, ins))).isEqualTo("// x\nabc def");
    }

    @Test
    void identicalEditsCountOnceEvenWhenNotAdjacent() throws EditConflictException {
        TextEdit todo = TextEdit.insert(1, "T", "manual");
        TextEdit other = TextEdit.insert(1, "o", "other");
        assertThat(EditApplier.apply("xy", List.of(todo, other, todo))).isEqualTo("xToy");
    }

    @Test
    void sameRangeFromTwoRulesCountsOnceWhenEqualAndConflictsWhenNot() throws EditConflictException {
        String text = "url = \"https://api.portkey.ai/v1\";";
        int s = text.indexOf('"');
        int e = text.lastIndexOf('"') + 1;
        TextEdit a = TextEdit.replace(s, e, "\"https://api.concentrate.ai/v1\"", "base-url-v1");
        TextEdit b = TextEdit.replace(s, e, "\"https://api.concentrate.ai/v1\"", "base-url");
        assertThat(EditApplier.apply(text, List.of(a, b))).isEqualTo("url = \"https://api.concentrate.ai/v1\";");
        TextEdit c = TextEdit.replace(s, e, "\"https://example.com\"", "rule-gamma");
        assertThatThrownBy(() -> EditApplier.apply(text, List.of(a, c)))
                .isInstanceOf(EditConflictException.class)
                .hasMessageContaining("base-url-v1").hasMessageContaining("rule-gamma");
    }

    @Test
    void editInsideALargerReplacementIsSubsumed() throws EditConflictException {
        String text = "b.header(\"x-portkey-api-key\", k).build()";
        TextEdit outer = TextEdit.delete(1, 32, "header-drop");
        TextEdit inner = TextEdit.replace(10, 27, "Authorization", "header-rename");
        assertThat(EditApplier.normalize(List.of(inner, outer))).containsExactly(outer);
        assertThat(EditApplier.apply(text, List.of(inner, outer))).isEqualTo("b.build()");
        // An inner edit sharing the outer's start or end is subsumed as well.
        TextEdit sameStart = TextEdit.replace(1, 5, "zz", "other");
        assertThat(EditApplier.apply(text, List.of(outer, sameStart))).isEqualTo("b.build()");
    }

    @Test
    void partialOverlapIsRefusedNamingBothRules() {
        String text = "0123456789";
        TextEdit a = TextEdit.replace(0, 5, "A", "rule-alpha");
        TextEdit b = TextEdit.replace(3, 8, "B", "rule-beta");
        assertThatThrownBy(() -> EditApplier.apply(text, List.of(a, b)))
                .isInstanceOf(EditConflictException.class)
                .hasMessageContaining("rule-alpha")
                .hasMessageContaining("rule-beta");
        assertThatThrownBy(() -> EditApplier.apply(text, List.of(b, a)))
                .isInstanceOf(EditConflictException.class)
                .satisfies(ex -> {
                    EditConflictException c = (EditConflictException) ex;
                    assertThat(List.of(c.first().ruleId(), c.second().ruleId()))
                            .containsExactlyInAnyOrder("rule-alpha", "rule-beta");
                });
    }

    @Test
    void insertionInsideADeletedRangeIsAConflictOrSubsumedButNeverGarbles() {
        String text = "0123456789";
        TextEdit del = TextEdit.delete(2, 6, "drop");
        TextEdit ins = TextEdit.insert(4, "X", "add");
        // Strictly inside: the deletion takes it along.
        assertThat(catchApply(text, List.of(del, ins))).isEqualTo("016789");
    }

    @Test
    void insertionAtTheStartOfADeletedRangeIsKept() throws EditConflictException {
        String text = "line1\n    .header(a)\nline3\n";
        int start = text.indexOf("    .header");
        int end = text.indexOf("line3");
        TextEdit delete = TextEdit.delete(start, end, "drop-header");
        TextEdit todo = TextEdit.insert(start, "    // TODO(concentrate-migration)\n", "manual-todo");
        String expected = "line1\n    // TODO(concentrate-migration)\nline3\n";
        assertThat(EditApplier.apply(text, List.of(delete, todo))).isEqualTo(expected);
        assertThat(EditApplier.apply(text, List.of(todo, delete))).isEqualTo(expected);
    }

    @Test
    void insertionAtTheEndOfADeletedRangeIsKept() throws EditConflictException {
        String text = "abcdef";
        TextEdit delete = TextEdit.delete(1, 3, "d");
        TextEdit ins = TextEdit.insert(3, "X", "i");
        assertThat(EditApplier.apply(text, List.of(delete, ins))).isEqualTo("aXdef");
    }

    @Test
    void insertionsAtTheSameOffsetKeepTheirGivenOrder() throws EditConflictException {
        String text = "xy";
        List<TextEdit> edits = List.of(TextEdit.insert(1, "1", "a"), TextEdit.insert(1, "2", "b"),
                TextEdit.insert(1, "3", "c"));
        assertThat(EditApplier.apply(text, edits)).isEqualTo("x123y");
    }

    @Test
    void anEditPastTheEndIsRejected() {
        assertThatThrownBy(() -> EditApplier.apply("abc", List.of(TextEdit.delete(1, 9, "r"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TextEdit.replace(5, 2, "", "r")).isInstanceOf(IllegalArgumentException.class);
    }

    private static String catchApply(String text, List<TextEdit> edits) {
        try {
            return EditApplier.apply(text, edits);
        } catch (EditConflictException e) {
            return "conflict";
        }
    }
}
