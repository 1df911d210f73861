package dev.migrateportkey.cli;

/** A problem the user can fix, reported as one message and exit code 2, without a stack trace. */
public final class UserError extends RuntimeException {
    public UserError(String message) {
        super(message);
    }

    public UserError(String message, Throwable cause) {
        super(message, cause);
    }
}
