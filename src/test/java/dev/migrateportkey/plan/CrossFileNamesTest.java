package dev.migrateportkey.plan;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The second pass (files that never say "portkey" but use a constant holding a Portkey value) reads
 * only files that could see the constant under Java's visibility rules.
 */
class CrossFileNamesTest {

    private static void write(Path root, String rel, String text) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
    }

    private static MigrationPlan plan(Path root) throws Exception {
        return new Planner(new RuleLoader().load(null), Migrators.all(), MigrationOptions.defaults(), WalkOptions.defaults())
                .plan(List.of(root));
    }

    private static final String USE = """
            package %s;

            class %s {
                void f(java.util.Map<String, String> h) {
                    h.put(%s, "k");
                }
            }
            """;

    @Test
    void publicConstantsAreFollowedEverywhere(@TempDir Path root) throws Exception {
        write(root, "src/main/java/com/acme/h/Headers.java",
                "package com.acme.h;\n\npublic class Headers {\n    public static final String API_KEY = \"x-portkey-api-key\";\n}\n");
        write(root, "src/main/java/com/acme/use/Use.java", USE.formatted("com.acme.use", "Use", "com.acme.h.Headers.API_KEY"));
        MigrationPlan plan = plan(root);
        assertThat(plan.filesParsed()).isEqualTo(2);
        assertThat(plan.findings()).extracting(Finding::path).anyMatch(p -> p.endsWith("Use.java"));
    }

    @Test
    void packagePrivateConstantsAreFollowedInTheirPackageOnly(@TempDir Path root) throws Exception {
        write(root, "src/main/java/com/acme/h/Headers.java",
                "package com.acme.h;\n\nclass Headers {\n    static final String API_KEY = \"x-portkey-api-key\";\n}\n");
        // Same package, another source root: visible.
        write(root, "src/test/java/com/acme/h/UseTest.java", USE.formatted("com.acme.h", "UseTest", "Headers.API_KEY"));
        // Another package: cannot see it, so it is not read again, whatever names it holds.
        write(root, "src/main/java/com/acme/other/Other.java", USE.formatted("com.acme.other", "Other", "API_KEY"));
        MigrationPlan plan = plan(root);
        assertThat(plan.filesParsed()).isEqualTo(2);
        assertThat(plan.findings()).extracting(Finding::path).anyMatch(p -> p.endsWith("UseTest.java"))
                .noneMatch(p -> p.endsWith("Other.java"));
    }

    @Test
    void privateConstantsAndInterfaceConstants(@TempDir Path root) throws Exception {
        write(root, "src/main/java/com/acme/h/Secret.java",
                "package com.acme.h;\n\nclass Secret {\n    private static final String KEY = \"x-portkey-api-key\";\n}\n");
        write(root, "src/main/java/com/acme/h/Near.java", USE.formatted("com.acme.h", "Near", "KEY"));
        write(root, "src/main/java/com/acme/i/Names.java",
                "package com.acme.i;\n\npublic interface Names {\n    String X = \"y\";\n    static final String TRACE = \"x-portkey-trace-id\";\n}\n");
        write(root, "src/main/java/com/acme/j/Far.java", USE.formatted("com.acme.j", "Far", "com.acme.i.Names.TRACE"));
        MigrationPlan plan = plan(root);
        // Secret, Names (they say portkey) and Far (interface constants are public); not Near.
        assertThat(plan.filesParsed()).isEqualTo(3);
        assertThat(plan.findings()).extracting(Finding::path).anyMatch(p -> p.endsWith("Far.java"));
    }
}
