package dev.migrateportkey.plan;

import java.util.List;

/**
 * The whole decision for a run: one {@link FilePlan} per file with findings, sorted by path, plus
 * notices about files passed over. Every output (writing, diff, check, report) reads this one plan,
 * so what {@code --dry-run} shows is what {@code rewrite} writes.
 *
 * @param files          files with at least one finding or change
 * @param notices        files skipped on purpose (too large, binary, not UTF-8, ...), one line each
 * @param filesScanned   files the walk offered
 * @param filesParsed    files that passed the prefilter and were parsed
 */
public record MigrationPlan(List<FilePlan> files, List<String> notices, int filesScanned, int filesParsed) {

    public MigrationPlan {
        files = List.copyOf(files);
        notices = List.copyOf(notices);
    }

    public List<Finding> findings() {
        return files.stream().flatMap(f -> f.findings().stream()).toList();
    }

    /** Every model string the migrated tree sends, in path order. */
    public List<ModelUse> models() {
        return files.stream().flatMap(f -> f.models().stream()).toList();
    }

    /** Every Portkey Config met, with what it became, in path order. */
    public List<ConfigUse> configs() {
        return files.stream().flatMap(f -> f.configs().stream()).toList();
    }

    /** Findings silenced by {@code migrate-portkey:ignore} comments, in path order. */
    public List<SuppressedFinding> suppressed() {
        return files.stream().flatMap(f -> f.suppressed().stream()).toList();
    }

    public List<FilePlan> changedFiles() {
        return files.stream().filter(FilePlan::changes).toList();
    }

    public boolean hasErrors() {
        return findings().stream().anyMatch(f -> f.kind() == Finding.Kind.ERROR);
    }
}
