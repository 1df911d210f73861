package dev.migrateportkey.workspace;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.CharRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/** The skip-ahead searches agree with a plain search. */
class PrefilterTest {

    @Test
    void findsPortkeyInAnyCaseAndPosition() {
        for (String s : List.of("portkey", "PORTKEY", "x-Portkey-api-key", "aaaaaaaaaaaaPoRtKeY", "pp-portkeyy",
                "api.portkey.ai", "MY_PORTKEY_KEY", "getPortkeyClient", "importKey then portkey", "\"portkey\"")) {
            assertThat(Prefilter.mentionsPortkey(s.getBytes(StandardCharsets.UTF_8))).as(s).isTrue();
        }
        for (String s : List.of("", "portke", "port key", "portkez", "ortkey", "PORTKE\u00ff",
                "importKey", "-importkeystore", "IMPORTKEYSTORE", "exportKeying", "supportKey")) {
            assertThat(Prefilter.mentionsPortkey(s.getBytes(StandardCharsets.ISO_8859_1))).as(s).isFalse();
        }
        assertThat(Prefilter.indexOfMention("val k = importKey(); client.usePortkey()")).isEqualTo(31);
        assertThat(Prefilter.indexOfMention("importKey(IMPORTKEYSTORE)")).isEqualTo(-1);
        byte[] buf = "xx-portkey-x".getBytes(StandardCharsets.US_ASCII);
        assertThat(Prefilter.mentionsPortkey(buf, 9)).as("only the first bytes count").isFalse();
        assertThat(Prefilter.mentionsPortkey(buf, 10)).isTrue();
    }

    @Test
    void namesAreCaseSensitive() {
        Prefilter p = new Prefilter(List.of("API_KEY", "GATEWAY"));
        assertThat(p.mentionsName("h.put(Headers.API_KEY, k)".getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(p.mentionsName("String gateway;".getBytes(StandardCharsets.UTF_8))).isFalse();
        assertThat(new Prefilter(List.of()).isEmpty()).isTrue();
    }

    @Property(tries = 300)
    void agreesWithAPlainSearch(@ForAll @StringLength(max = 60) @CharRange(from = 'e', to = 'y') @CharRange(from = 'E', to = 'Y') @CharRange(from = '-', to = '.') String hay) {
        // Letters around "portkey" so that near-misses are frequent.
        byte[] b = hay.getBytes(StandardCharsets.US_ASCII);
        assertThat(Prefilter.mentionsPortkey(b)).isEqualTo(plainMentions(hay));
        assertThat(Prefilter.indexOfMention(hay) >= 0).as("the line version agrees").isEqualTo(plainMentions(hay));
        assertThat(Prefilter.indexOf(b, "tko".getBytes(StandardCharsets.US_ASCII))).isEqualTo(hay.indexOf("tko"));
    }

    /** The same rule as Prefilter's, written the obvious way. */
    private static boolean plainMentions(String s) {
        String lower = s.toLowerCase(Locale.ROOT);
        for (int at = lower.indexOf("portkey"); at >= 0; at = lower.indexOf("portkey", at + 1)) {
            char before = at == 0 ? ' ' : s.charAt(at - 1);
            boolean letter = (before >= 'a' && before <= 'z') || (before >= 'A' && before <= 'Z');
            if (!letter || (Character.isLowerCase(before) && s.charAt(at) == 'P')) {
                return true;
            }
        }
        return false;
    }

    @Property(tries = 200)
    void indexOfAgreesWithStringIndexOf(@ForAll @AlphaChars @StringLength(max = 40) String hay,
                                        @ForAll @AlphaChars @StringLength(min = 1, max = 3) String needle) {
        assertThat(Prefilter.indexOf(hay.getBytes(StandardCharsets.US_ASCII), needle.getBytes(StandardCharsets.US_ASCII)))
                .isEqualTo(hay.indexOf(needle));
    }
}
