package dev.migrateportkey.cli;

import dev.migrateportkey.lang.java.JavaMigrator;
import dev.migrateportkey.rules.BundledRules;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CountDownLatch;

/**
 * Start-up work that depends on no argument, done on a second core while the main thread builds the
 * command line and walks the tree: initialising logging, reading the bundled rule table and loading
 * the Java parser. Together they were about 0.3 s of a one-file {@code check}
 * (docs/performance.md). The thread is a daemon: a run that fails early exits without waiting, and
 * work it has not reached yet is simply done by whoever needs it first. {@code
 * -Dmigrate-portkey.no-preload=true} turns it off, to measure what it saves.
 */
final class Preload {
    private static final CountDownLatch LOGGING = new CountDownLatch(1);

    private Preload() {
    }

    /** Starts the work for a scan ({@code check}, {@code rewrite}); other commands need none of it. */
    static void start(String[] args) {
        boolean scan = args.length > 0 && (args[0].equals("check") || args[0].equals("rewrite"));
        if (!scan || Runtime.getRuntime().availableProcessors() < 2 || Boolean.getBoolean("migrate-portkey.no-preload")) {
            LOGGING.countDown();
            return;
        }
        Thread t = new Thread(Preload::run, "migrate-portkey-preload");
        t.setDaemon(true);
        t.start();
    }

    /**
     * Waits until logging is initialised. SLF4J hands a second thread a substitute logger while the
     * first initialises it, so the main thread must not touch logging before this returns.
     */
    static void awaitLogging() {
        try {
            LOGGING.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void run() {
        try {
            LoggerFactory.getILoggerFactory();
        } finally {
            LOGGING.countDown();
        }
        BundledRules.readAhead();
        JavaMigrator.warmUp();
    }
}
