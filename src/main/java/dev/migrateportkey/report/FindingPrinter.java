package dev.migrateportkey.report;

import dev.migrateportkey.plan.MigrationPlan;

import java.io.IOException;
import java.io.PrintStream;

/** One output format of {@code check}. Every text it prints goes through {@link SecretMasker}. */
public interface FindingPrinter {
    void print(MigrationPlan plan, PrintStream out) throws IOException;
}
