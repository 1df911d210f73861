package dev.migrateportkey.rules;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The rule table shipped in the jar, read once per process. Reading it (YAML through Jackson) is a
 * large part of start-up, and it depends on no argument, so the launcher's main thread can have it
 * read on another core while picocli reads the command line ({@link #readAhead()}).
 */
public final class BundledRules {
    private static final FutureTask<List<Rule>> TABLE = new FutureTask<>(() -> List.copyOf(new RuleLoader().loadBundled()));

    private BundledRules() {
    }

    /** Reads the table on the calling thread unless another thread has started or finished it. */
    public static void readAhead() {
        TABLE.run();
    }

    /** The bundled rules, in file order; waits for a read already under way. */
    public static List<Rule> get() throws RuleFileException, IOException {
        TABLE.run(); // does nothing if another thread ran it, or runs it now
        try {
            return TABLE.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading the bundled rule table", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuleFileException r) {
                throw r;
            }
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IOException(cause);
        }
    }
}
