package dev.migrateportkey.lang.json;

import dev.migrateportkey.edit.SourceText;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.text.ScannedFile;
import dev.migrateportkey.lang.text.Setting;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonScannerTest {

    private static String value(SourceText t, Setting s) {
        return t.text().substring(s.valueStart(), s.valueEnd());
    }

    @Test
    void membersGetDottedPathsAndValueRangesInsideTheQuotes() throws Exception {
        SourceText t = new SourceText("{\n  // comment\n  \"env\": {\n    \"A_URL\": \"https://x\",\n    \"N\": 3\n  }\n}\n");
        ScannedFile f = JsonScanner.scan(t);
        assertThat(f.settings()).extracting(Setting::path).containsExactly("env.A_URL", "env.N");
        assertThat(value(t, f.settings().get(0))).isEqualTo("https://x");
        assertThat(value(t, f.settings().get(1))).isEqualTo("3");
        assertThat(f.commentLines().get(2)).isTrue();
    }

    @Test
    void aMemberOwnsItsLineOnlyWhenACommaFollowsIt() throws Exception {
        SourceText t = new SourceText("{\n  \"a\": \"1\",\n  \"b\": \"2\"\n}\n");
        ScannedFile f = JsonScanner.scan(t);
        assertThat(f.settings().get(0).ownsLines()).isTrue();
        assertThat(t.text().substring(f.settings().get(0).entryStart(), f.settings().get(0).entryEnd()))
                .isEqualTo("  \"a\": \"1\",\n");
        assertThat(f.settings().get(1).ownsLines()).isFalse();
    }

    @Test
    void nameValueItemsAreVariables() throws Exception {
        SourceText t = new SourceText("{\"environment\": [{\"name\": \"PORTKEY_API_KEY\", \"value\": \"$K\"},"
                + " {\"name\": \"not a variable\", \"value\": \"x\"}, \"plain\"]}");
        ScannedFile f = JsonScanner.scan(t);
        assertThat(f.settings()).extracting(Setting::path)
                .containsExactly("environment.PORTKEY_API_KEY", "environment.name", "environment.value", "environment");
        Setting v = f.settings().get(0);
        assertThat(t.text().substring(v.keyStart(), v.keyEnd())).isEqualTo("PORTKEY_API_KEY");
        assertThat(value(t, v)).isEqualTo("$K");
    }

    @Test
    void brokenJsonIsReportedWithItsPosition() {
        assertThatThrownBy(() -> JsonScanner.scan(new SourceText("{\n  \"a\": \"1\"\n  \"b\": 2\n}")))
                .isInstanceOf(UnparseableFileException.class)
                .hasMessageContaining("',' or '}' was expected")
                .satisfies(e -> {
                    assertThat(((UnparseableFileException) e).line()).isEqualTo(3);
                    assertThat(((UnparseableFileException) e).column()).isEqualTo(3);
                });
    }
}
