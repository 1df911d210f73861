package dev.migrateportkey.lang.manifest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class OpenAiVersionTest {

    @ParameterizedTest(name = "{0} vs minimum {1}: capped below = {2}")
    @CsvSource(delimiter = '|', value = {
            "==1.30.0|1.66|true",
            "==1.66.0|1.66|false",
            "== 1.99|1.66|false",
            "<1.50|1.66|true",
            "<1.66|1.66|true",
            "<=1.66|1.66|false",
            ">=1.0|1.66|false",
            ">=1.0,<1.40|1.66|false",
            "~=1.40|1.66|false",
            "~=1.40.0|1.66|true",
            "1.30.0|1.66|true",
            "4.90.1|4.87.0|false",
            "^3.3.0|4.87.0|true",
            "^4.20.0|4.87.0|false",
            "~4.20.0|4.87.0|true",
            "latest|4.87.0|false",
            "*|1.66|false"})
    void judgesOnlyConstraintsThatCapTheVersion(String constraint, String minimum, boolean capped) {
        assertThat(OpenAiVersion.capsBelow(constraint, minimum)).isEqualTo(capped);
    }
}
