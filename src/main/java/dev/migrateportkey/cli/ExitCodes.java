package dev.migrateportkey.cli;

/** The exit codes of every command. */
public final class ExitCodes {
    /** Success; for {@code check}, nothing left to migrate. */
    public static final int OK = 0;
    /** {@code check} found Portkey usage. */
    public static final int FINDINGS = 1;
    /** A usage error, an I/O error, a bad rules file, or a file that could not be parsed. */
    public static final int ERROR = 2;

    private ExitCodes() {
    }
}
