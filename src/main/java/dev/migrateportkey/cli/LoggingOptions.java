package dev.migrateportkey.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/** {@code --verbose}: debug logging on stderr and stack traces for failures. */
public final class LoggingOptions {
    @Option(names = {"-v", "--verbose"}, description = "Log what the tool does, with stack traces for failures.")
    void setVerbose(boolean verbose) {
        if (verbose) {
            ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.DEBUG);
        }
    }
}
