package dev.migrateportkey.plan;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Deeply nested code (the JDK's CollationData_ja.java concatenates thousands of strings) overflowed
 * the parser's recursion on a pool thread and ended the run; it is now retried on a large stack.
 */
class DeepNestingTest {

    @Test
    void aThousandsDeepConcatenationIsMigratedNotACrash(@TempDir Path dir) throws Exception {
        StringBuilder sb = new StringBuilder("class Deep {\n    static final String TABLE = \"\"\n");
        for (int i = 0; i < 20_000; i++) {
            sb.append("        + \"\\u3042\"\n");
        }
        sb.append("        ;\n\n    void f(okhttp3.Request.Builder b) {\n        b.header(\"x-portkey-provider\", \"openai\");\n    }\n}\n");
        Files.writeString(dir.resolve("Deep.java"), sb.toString());
        MigrationPlan plan = new Planner(new RuleLoader().load(null), Migrators.all(), MigrationOptions.defaults(),
                WalkOptions.defaults()).plan(List.of(dir));
        assertThat(plan.hasErrors()).as("%s", plan.findings()).isFalse();
        assertThat(plan.changedFiles()).hasSize(1);
        assertThat(new String(plan.changedFiles().get(0).newBytes())).doesNotContain("x-portkey-provider")
                .contains("+ \"\\u3042\"");
    }
}
