package dev.migrateportkey.report;

import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;

import java.io.PrintStream;

/** {@code path:line:col: rule-id: message}, one line per finding, as compilers print. */
public final class TextFindingPrinter implements FindingPrinter {

    @Override
    public void print(MigrationPlan plan, PrintStream out) {
        for (Finding f : plan.findings()) {
            out.println(line(f));
        }
    }

    public static String line(Finding f) {
        StringBuilder sb = new StringBuilder(f.path());
        if (f.line() > 0) {
            sb.append(':').append(f.line()).append(':').append(Math.max(1, f.column()));
        }
        sb.append(": ").append(f.ruleId()).append(": ");
        if (f.kind() == Finding.Kind.MANUAL) {
            sb.append("[manual] ");
        }
        sb.append(f.message());
        return SecretMasker.mask(sb.toString());
    }
}
