package dev.migrateportkey.edit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SourceTextTest {

    @Test
    void offsetsLinesAndColumnsWithLf() {
        SourceText t = new SourceText("ab\ncd\n\nef");
        assertThat(t.lineCount()).isEqualTo(4);
        assertThat(t.line(0)).isEqualTo(1);
        assertThat(t.column(0)).isEqualTo(1);
        assertThat(t.line(2)).isEqualTo(1); // the '\n' belongs to line 1
        assertThat(t.column(2)).isEqualTo(3);
        assertThat(t.line(3)).isEqualTo(2);
        assertThat(t.column(4)).isEqualTo(2);
        assertThat(t.line(6)).isEqualTo(3);
        assertThat(t.line(8)).isEqualTo(4);
        assertThat(t.column(8)).isEqualTo(2);
        assertThat(t.offset(2, 2)).isEqualTo(4);
        assertThat(t.offset(4, 1)).isEqualTo(7);
        assertThat(t.lineText(2)).isEqualTo("cd");
        assertThat(t.lineText(3)).isEmpty();
        assertThat(t.lineStart(4)).isEqualTo(3);
        assertThat(t.lineEnd(3)).isEqualTo(5);
        assertThat(t.nextLineStart(3)).isEqualTo(6);
        assertThat(t.lineEnd(7)).isEqualTo(9);
        assertThat(t.nextLineStart(7)).isEqualTo(9);
    }

    @Test
    void offsetsLinesAndColumnsWithCrlf() {
        SourceText t = new SourceText("ab\r\ncd\r\nef");
        assertThat(t.lineCount()).isEqualTo(3);
        assertThat(t.line(2)).isEqualTo(1); // '\r'
        assertThat(t.line(3)).isEqualTo(1); // '\n' of the same terminator
        assertThat(t.line(4)).isEqualTo(2);
        assertThat(t.column(4)).isEqualTo(1);
        assertThat(t.column(5)).isEqualTo(2);
        assertThat(t.offset(3, 1)).isEqualTo(8);
        assertThat(t.lineText(2)).isEqualTo("cd");
        assertThat(t.lineEnd(4)).isEqualTo(6);
        assertThat(t.nextLineStart(4)).isEqualTo(8);
        for (int off = 0; off < t.length(); off++) {
            assertThat(t.offset(t.line(off), t.column(off))).as("offset %d", off).isEqualTo(off);
        }
    }

    @Test
    void offsetsLinesAndColumnsWithLoneCr() {
        SourceText t = new SourceText("ab\rcd\ref");
        assertThat(t.lineCount()).isEqualTo(3);
        assertThat(t.line(3)).isEqualTo(2);
        assertThat(t.column(4)).isEqualTo(2);
        assertThat(t.line(6)).isEqualTo(3);
        assertThat(t.offset(3, 2)).isEqualTo(7);
        assertThat(t.lineText(2)).isEqualTo("cd");
        assertThat(t.lineEnd(3)).isEqualTo(5);
        assertThat(t.lineSeparator()).isEqualTo("\r");
    }

    @Test
    void mixedTerminatorsEachEndALine() {
        SourceText t = new SourceText("a\nb\r\nc\rd");
        assertThat(t.lineCount()).isEqualTo(4);
        assertThat(t.lineText(1)).isEqualTo("a");
        assertThat(t.lineText(2)).isEqualTo("b");
        assertThat(t.lineText(3)).isEqualTo("c");
        assertThat(t.lineText(4)).isEqualTo("d");
        assertThat(t.line(t.text().indexOf('d'))).isEqualTo(4);
    }

    @Test
    void lineSeparatorIsTheDominantOne() {
        assertThat(new SourceText("a\nb\nc").lineSeparator()).isEqualTo("\n");
        assertThat(new SourceText("a\r\nb\r\nc").lineSeparator()).isEqualTo("\r\n");
        assertThat(new SourceText("a\rb\rc").lineSeparator()).isEqualTo("\r");
        assertThat(new SourceText("a\r\nb\r\nc\nd").lineSeparator()).isEqualTo("\r\n");
        assertThat(new SourceText("a\nb\nc\r\nd").lineSeparator()).isEqualTo("\n");
        assertThat(new SourceText("a\rb\rc\nd").lineSeparator()).isEqualTo("\r");
        assertThat(new SourceText("no terminator").lineSeparator()).isEqualTo("\n");
        assertThat(new SourceText("").lineSeparator()).isEqualTo("\n");
    }

    @Test
    void indentationIsTheLeadingRunOfSpacesAndTabs() {
        SourceText t = new SourceText("class A {\r\n    int x;\r\n\t\t  y();\r\nz\r\n");
        int x = t.text().indexOf("x;");
        int y = t.text().indexOf("y()");
        assertThat(t.indentation(x)).isEqualTo("    ");
        assertThat(t.indentation(y)).isEqualTo("\t\t  ");
        assertThat(t.indentation(t.text().indexOf('z'))).isEmpty();
        assertThat(t.indentation(0)).isEmpty();
        assertThat(t.onlyBlankBefore(t.text().indexOf("int"))).isTrue();
        assertThat(t.onlyBlankBefore(x)).isFalse();
        assertThat(t.onlyBlankOrCommentAfter(x + 2, "//")).isTrue();
        assertThat(t.onlyBlankOrCommentAfter(x, "//")).isFalse();
    }
}
