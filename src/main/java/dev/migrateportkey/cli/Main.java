package dev.migrateportkey.cli;

import picocli.CommandLine;

/** Entry point: {@code System.exit(new CommandLine(root).execute(args))}. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) {
        Preload.start(args);
        CommandLine cl = commandLine();
        Preload.awaitLogging();
        System.exit(cl.execute(args));
    }

    /** The configured command line, also used by tests through {@code execute}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new MigratePortkeyCommand());
        cl.setExecutionExceptionHandler(new ErrorHandler());
        cl.setParameterExceptionHandler(new UsageErrorHandler());
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }
}
