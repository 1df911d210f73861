package dev.migrateportkey.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.core.ConsoleAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Logging is configured in code ({@link LoggingSetup}): quiet by default, phases on stderr with --verbose. */
class LoggingSetupTest {

    @Test
    void verboseLogsThePhasesOnStderrWithTheToolsPrefixAndTheDefaultIsQuiet(@TempDir Path dir) throws IOException {
        CliRun.write(dir, "src/App.java", "class App { String u = \"https://api.portkey.ai/v1\"; }\n");
        // A fresh process starts at WARN (below); other --verbose tests in this JVM may have raised it.
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        PrintStream saved = System.err;
        ByteArrayOutputStream quiet = new ByteArrayOutputStream();
        ByteArrayOutputStream verbose = new ByteArrayOutputStream();
        try {
            System.setErr(new PrintStream(quiet, true, StandardCharsets.UTF_8));
            CliRun.of("check", dir.toString());
            System.setErr(new PrintStream(verbose, true, StandardCharsets.UTF_8));
            CliRun.of("check", "--verbose", dir.toString());
        } finally {
            System.setErr(saved);
            root.setLevel(Level.WARN);
        }
        assertThat(quiet.toString(StandardCharsets.UTF_8)).doesNotContain("DEBUG");
        assertThat(verbose.toString(StandardCharsets.UTF_8))
                .contains("migrate-portkey: DEBUG Planner: walk and prefilter: 1 files, 1 mention Portkey, ");
    }

    @Test
    void aFreshContextIsConfiguredAtWarnWithOneStderrAppender() {
        LoggerContext context = new LoggerContext();
        LoggingSetup setup = new LoggingSetup();
        setup.setContext(context);
        assertThat(setup.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
        Logger root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(root.getAppender("STDERR")).isInstanceOf(ConsoleAppender.class);
        assertThat(((ConsoleAppender<?>) root.getAppender("STDERR")).getTarget()).isEqualTo("System.err");
        context.stop();
    }
}
