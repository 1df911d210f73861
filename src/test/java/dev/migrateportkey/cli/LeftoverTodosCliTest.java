package dev.migrateportkey.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TODO the tool wrote keeps {@code check} failing until a human deletes it, even when nothing
 * else in the file says "portkey" any more (the prefilter looks for the TODO marker too).
 */
class LeftoverTodosCliTest {

    @Test
    void aMigrationTodoInAFileThatNoLongerSaysPortkeyIsStillReported(@TempDir Path dir) throws IOException {
        CliRun.write(dir, "app/llm.py", """
                import os
                from openai import OpenAI

                client = OpenAI(api_key=os.environ["CONCENTRATE_API_KEY"], base_url="https://api.concentrate.ai/v1")
                # TODO(concentrate-migration): move the team's review step elsewhere, then delete this line.
                client.chat.completions.create(model="openai/gpt-4o", messages=[])
                """);
        CliRun.write(dir, "src/main/java/acme/Llm.java", """
                package acme;

                class Llm {
                    void send() {
                        // TODO(concentrate-migration): set the request timeout on your HTTP client by hand.
                        System.out.println("sent");
                    }
                }
                """);
        CliRun.write(dir, "app/clean.py", "print('no todo here')\n");

        CliRun check = CliRun.of("check", dir.toString());
        assertThat(check.exit()).as(check.out() + check.err()).isEqualTo(1);
        assertThat(check.out()).contains(dir + "/app/llm.py:5:").contains(dir + "/src/main/java/acme/Llm.java:5:")
                .doesNotContain("clean.py");
    }
}
