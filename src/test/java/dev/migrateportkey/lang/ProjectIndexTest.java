package dev.migrateportkey.lang;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The cross-file decisions the planner settles after a first round of migration. */
class ProjectIndexTest {
    private static final Path HEADERS = Path.of("PortkeyHeaders.java");
    private static final Path USER = Path.of("User.java");

    private static ProjectIndex indexWithPrefixChain() {
        ProjectIndex index = new ProjectIndex();
        index.headerConstant(new ProjectIndex.HeaderConstant(HEADERS, "PortkeyHeaders", "PREFIX", "\"x-portkey-\""));
        index.headerConstant(new ProjectIndex.HeaderConstant(HEADERS, "PortkeyHeaders", "API_KEY", "PREFIX + \"api-key\""));
        return index;
    }

    private static final String DECLARATIONS = """
            class PortkeyHeaders {
                static final String PREFIX = "x-portkey-";
                static final String API_KEY = PREFIX + "api-key";
            }
            """;

    @Test
    void aConstantUsedOnlyByAnotherRemovedConstantGoesToo() {
        ProjectIndex index = indexWithPrefixChain();
        var files = index.settleUnusedConstants(Map.of(HEADERS, DECLARATIONS, USER, "class User { String h = \"Authorization\"; }"));
        assertThat(files).containsExactly(HEADERS);
        assertThat(index.isUnusedConstant("PortkeyHeaders", "API_KEY")).isTrue();
        assertThat(index.isUnusedConstant("PortkeyHeaders", "PREFIX")).isTrue();
    }

    @Test
    void aConstantStillUsedElsewhereStays() {
        ProjectIndex index = indexWithPrefixChain();
        var files = index.settleUnusedConstants(Map.of(HEADERS, DECLARATIONS,
                USER, "class User { String h(String n) { return PortkeyHeaders.PREFIX + n; } }"));
        assertThat(files).containsExactly(HEADERS);
        assertThat(index.isUnusedConstant("PortkeyHeaders", "API_KEY")).isTrue();
        assertThat(index.isUnusedConstant("PortkeyHeaders", "PREFIX")).as("used by User").isFalse();
    }

    @Test
    void wordsInsideLongerNamesDoNotCount() {
        ProjectIndex index = new ProjectIndex();
        index.headerConstant(new ProjectIndex.HeaderConstant(HEADERS, "PortkeyHeaders", "KEY", "\"x-portkey-api-key\""));
        index.settleUnusedConstants(Map.of(HEADERS, "static final String KEY = \"x-portkey-api-key\";",
                USER, "String API_KEY_NAME = MY_KEY;"));
        assertThat(index.isUnusedConstant("PortkeyHeaders", "KEY")).isTrue();
    }

    @Test
    void aCallNotTiedToItsOwnerKeepsTheParametersEverywhere() {
        ProjectIndex index = new ProjectIndex();
        index.headerParameters(new ProjectIndex.HeaderParameters("ChatApi", "send", 3, Map.of(0, "x-portkey-provider")));
        index.headerParameterDeclaredIn("send", 3, HEADERS);
        index.headerParameterCall("send", 3, USER, true);
        assertThat(index.settleHeaderParameters()).as("nothing unattributed yet").isEmpty();
        assertThat(index.headerParameters("send", 3)).isPresent();

        index.headerParameterCall("send", 3, Path.of("Other.java"), false);
        assertThat(index.settleHeaderParameters()).containsExactlyInAnyOrder(HEADERS, USER);
        assertThat(index.headerParameters("send", 3)).as("no longer offered for removal").isEmpty();
        assertThat(index.headerParametersUnsafe("send", 3)).isTrue();
    }

    @Test
    void twoOwnersWithTheSameMethodShapeAreAmbiguous() {
        ProjectIndex index = new ProjectIndex();
        index.headerParameters(new ProjectIndex.HeaderParameters("ChatApi", "send", 2, Map.of(0, "x-portkey-provider")));
        index.headerParameters(new ProjectIndex.HeaderParameters("OtherApi", "send", 2, Map.of(1, "x-portkey-provider")));
        assertThat(index.headerParameters("send", 2)).isEmpty();
    }
}
