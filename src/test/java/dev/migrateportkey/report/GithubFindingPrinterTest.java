package dev.migrateportkey.report;

import dev.migrateportkey.plan.Finding;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class GithubFindingPrinterTest {

    @Test
    void escapesPercentNewlinesAndPropertySeparatorsAsTheActionsToolkitDoes() {
        Finding f = new Finding("src/a,b:c%.py", 7, 3, "header-metadata", Finding.Kind.FIXABLE,
                "100% done\r\nnext: line, more");
        assertThat(GithubFindingPrinter.command(f, true)).isEqualTo(
                "::error file=src/a%2Cb%3Ac%25.py,line=7,col=3,title=migrate-portkey header-metadata::100%25 done%0D%0Anext: line, more");
    }

    @Test
    void wholeFileFindingsHaveNoLineAndNonFailingOnesAreWarnings() {
        Finding f = new Finding("a.java", 0, 0, "read-error", Finding.Kind.ERROR, "could not be read");
        assertThat(GithubFindingPrinter.command(f, false))
                .isEqualTo("::warning file=a.java,title=migrate-portkey read-error::could not be read");
    }

    @Test
    void sarifUrisAreRelativeForRelativePaths() {
        assertThat(SarifFindingPrinter.uri("./src/My File.java")).isEqualTo("src/My%20File.java");
        assertThat(SarifFindingPrinter.uri("src/a.java")).isEqualTo("src/a.java");
        assertThat(SarifFindingPrinter.uri("/tmp/x/a.java")).isEqualTo("file:///tmp/x/a.java");
    }
}
