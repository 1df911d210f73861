package dev.migrateportkey.lang.java;

import dev.migrateportkey.lang.ProjectIndex;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The regex pass that finds Portkey constants without parsing: which declarations count, and which
 * type owns each (the nearest type declared before it, else the file's first).
 */
class ConstantScannerTest {

    @Test
    void findsConstantsWithTheirNearestPrecedingTypeAsOwner() {
        String text = """
                package com.acme.ai;

                // static final String IN_COMMENT = "portkey"; counts too: this pass does not parse
                public class Outer {
                    public static final String URL = "https://api.portkey.ai/v1";
                    interface Keys {
                        String NOT_STATIC = "portkey";
                        final static String HEADER = "x-portkey-" + "provider";
                    }
                    private static final String BASE = URL + "/chat";
                    mystatic final String GLUED = "portkey";
                    static final String PLAIN = "no gateway here";
                }
                """;
        ProjectIndex index = new ProjectIndex();
        ConstantScanner.scan(null, text, "src/com/acme/ai/Outer.java", index);

        // before any type: owned by the file's first type
        assertThat(index.constant("Outer.IN_COMMENT")).contains("portkey");
        assertThat(index.constant("Outer.URL")).contains("https://api.portkey.ai/v1");
        assertThat(index.constant("Keys.HEADER")).contains("x-portkey-provider");
        // after the nested type, still attributed to the nearest type declared before it
        assertThat(index.constant("Keys.BASE")).contains("https://api.portkey.ai/v1/chat");
        // an interface's field is static final without saying so
        assertThat(index.constant("Keys.NOT_STATIC")).contains("portkey");
        assertThat(index.constant("GLUED")).isEmpty();   // "mystatic" is not the keyword, and Outer is a class
        assertThat(index.constant("PLAIN")).isEmpty();   // not a Portkey value
        // reach: public everywhere; package-private (HEADER, in an interface: public) everywhere;
        // private nowhere else
        assertThat(index.namesVisibleFrom("elsewhere")).contains("URL", "HEADER").doesNotContain("BASE");
    }

    @Test
    void aFileWithoutTypesHasNoOwner() {
        ProjectIndex index = new ProjectIndex();
        ConstantScanner.scan(null, "static final String K = \"portkey\";", "K.java", index);
        assertThat(index.constant("K")).contains("portkey");
        assertThat(index.names()).containsExactly("K");
    }
}
