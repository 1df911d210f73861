package dev.migrateportkey.cli;

import dev.migrateportkey.plan.MigrationPlan;

import java.io.PrintWriter;

/** Prints the files a run passed over on purpose, so nothing is skipped silently. */
final class Notices {
    private Notices() {
    }

    static void print(MigrationPlan plan, PrintWriter err) {
        for (String n : plan.notices()) {
            err.println("migrate-portkey: note: " + n);
        }
    }
}
