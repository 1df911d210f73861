package dev.migrateportkey.report;

import dev.migrateportkey.plan.Finding;

/**
 * Which findings fail {@code check} (exit 1), chosen with {@code --fail-on}. Errors (a file that
 * could not be read or parsed) always fail the run with exit 2, whatever the choice. Findings that
 * do not fail the run are still printed, as warnings in the SARIF and GitHub formats.
 */
public enum FailOn {
    /** Any finding left, fixable or manual (the default). */
    all,
    /** Only manual-review items; fixable ones are listed but pass (a pipeline that runs {@code rewrite} itself). */
    manual,
    /** Only fixable items; known manual items are listed but pass (guards against new Portkey code
     *  while a backlog of manual items is worked through). */
    fixable;

    /** True when {@code f} makes the run fail under this choice. */
    public boolean fails(Finding f) {
        return switch (f.kind()) {
            case ERROR -> true;
            case MANUAL -> this != fixable;
            case FIXABLE -> this != manual;
        };
    }
}
