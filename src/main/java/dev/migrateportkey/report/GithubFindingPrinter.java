package dev.migrateportkey.report;

import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;

import java.io.PrintStream;

/**
 * {@code check --format github}: one GitHub Actions workflow command per finding,
 * {@code ::error file=PATH,line=L,col=C,title=RULE::MESSAGE}, so each shows as an annotation on the
 * pull request. Findings that do not fail the run under {@code --fail-on} are {@code ::warning}.
 * Values are escaped as the Actions toolkit does: {@code % \r \n} everywhere, and {@code : ,} in
 * properties too.
 */
public final class GithubFindingPrinter implements FindingPrinter {
    private final FailOn failOn;

    public GithubFindingPrinter(FailOn failOn) {
        this.failOn = failOn;
    }

    @Override
    public void print(MigrationPlan plan, PrintStream out) {
        for (Finding f : plan.findings()) {
            out.print(command(f, failOn.fails(f)));
            out.print('\n');
        }
    }

    /** The workflow command for one finding. */
    public static String command(Finding f, boolean fails) {
        StringBuilder sb = new StringBuilder("::").append(fails ? "error" : "warning");
        sb.append(" file=").append(property(f.path()));
        if (f.line() > 0) {
            sb.append(",line=").append(f.line()).append(",col=").append(Math.max(1, f.column()));
        }
        String title = "migrate-portkey " + f.ruleId() + (f.kind() == Finding.Kind.MANUAL ? " [manual]" : "");
        sb.append(",title=").append(property(title));
        sb.append("::").append(data(SecretMasker.mask(f.message())));
        return sb.toString();
    }

    /** Escapes a command's message. */
    static String data(String s) {
        return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A");
    }

    /** Escapes a property value. */
    static String property(String s) {
        return data(s).replace(":", "%3A").replace(",", "%2C");
    }
}
