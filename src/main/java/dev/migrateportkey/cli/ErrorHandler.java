package dev.migrateportkey.cli;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns failures into one clear line on stderr and exit code 2; a stack trace only with --verbose. */
final class ErrorHandler implements IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parsed) {
        boolean verbose = parsed.hasMatchedOption("--verbose")
                || (parsed.subcommand() != null && parsed.subcommand().hasMatchedOption("--verbose"));
        String message = ex instanceof UserError ? ex.getMessage()
                : "internal error: " + ex + ". Re-run with --verbose for the stack trace, and report it.";
        cl.getErr().println("migrate-portkey: " + message);
        if (verbose) {
            ex.printStackTrace(cl.getErr());
        }
        return ExitCodes.ERROR;
    }
}
