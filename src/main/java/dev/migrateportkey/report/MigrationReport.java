package dev.migrateportkey.report;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.migrateportkey.plan.ConfigUse;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.rules.Action;
import dev.migrateportkey.rules.Rule;
import dev.migrateportkey.rules.RuleKind;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.GeneratedFiles;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Everything the migration report says, built from the one {@link MigrationPlan} and the rule
 * table. {@link MarkdownReport} renders it for people and {@link JsonReport} for machines, so both
 * formats always say the same. Field order and names are the JSON schema of docs/report.md.
 */
@JsonPropertyOrder({"version", "tool", "toolVersion", "mode", "generated", "summary", "files", "manual", "suppressed", "errors",
        "environment", "models", "configs", "checklist", "notices"})
public record MigrationReport(int version, String tool, String toolVersion, String mode, String generated,
                              Summary summary,
                              List<FileChanges> files, List<ManualItem> manual, List<KeptItem> suppressed,
                              List<ErrorItem> errors,
                              Environment environment, List<ModelEntry> models, List<ConfigEntry> configs,
                              List<ChecklistItem> checklist, List<String> notices) {

    /** Version of the JSON schema; bumped only when a field changes meaning or goes away. */
    public static final int SCHEMA_VERSION = 1;

    /** What the run did: {@code rewrite} wrote the files, {@code dry-run} only says what it would write. */
    public enum Mode { REWRITE, DRY_RUN }

    /** The counts at the top of the report. */
    @JsonPropertyOrder({"filesScanned", "filesParsed", "filesChanged", "sitesMigrated", "manualItems", "errors",
            "modelSlugs", "configs"})
    public record Summary(int filesScanned, int filesParsed, int filesChanged, int sitesMigrated, int manualItems,
                          int errors, int modelSlugs, int configs) {
    }

    /** One file's automatic changes, grouped by rule. */
    @JsonPropertyOrder({"path", "language", "changed", "changes"})
    public record FileChanges(String path, String language, boolean changed, List<RuleChanges> changes) {
    }

    /** The sites of one file that one rule migrated. */
    @JsonPropertyOrder({"rule", "count", "lines", "became", "guide"})
    public record RuleChanges(String rule, int count, List<Integer> lines, String became, String guide) {
    }

    /** A site a human must finish. */
    @JsonPropertyOrder({"path", "line", "column", "rule", "found", "todo", "guide"})
    public record ManualItem(String path, int line, int column, String rule, String found, String todo, String guide) {
    }

    /** A site kept on purpose with a {@code migrate-portkey:ignore} comment: not rewritten, not reported by check. */
    @JsonPropertyOrder({"path", "line", "rule", "reason", "found"})
    public record KeptItem(String path, int line, String rule, String reason, String found) {
    }

    /** A file that could not be read, parsed or edited: nothing in it changed. */
    @JsonPropertyOrder({"path", "line", "column", "rule", "message"})
    public record ErrorItem(String path, int line, int column, String rule, String message) {
    }

    /** Variables to set for Concentrate, and the Portkey and provider variables to retire. */
    @JsonPropertyOrder({"set", "remove"})
    public record Environment(List<EnvVar> set, List<EnvVar> remove) {
    }

    /**
     * A variable to set or to remove, why, and where the code mentioned it ({@code path:line}). A
     * name holding {@code *} is a pattern for a family of variables ({@code PORTKEY_*}).
     */
    @JsonPropertyOrder({"name", "rule", "why", "seenAt"})
    public record EnvVar(String name, String rule, String why, List<String> seenAt) {
    }

    /** A model slug the migrated code sends, what the code had before, and where. */
    @JsonPropertyOrder({"slug", "originals", "usedAt"})
    public record ModelEntry(String slug, List<String> originals, List<String> usedAt) {
    }

    /** A Portkey Config and what it became. */
    @JsonPropertyOrder({"path", "line", "origin", "bodyParams", "dropped", "manual"})
    public record ConfigEntry(String path, int line, String origin, Map<String, Object> bodyParams,
                              List<String> dropped, List<String> manual) {
    }

    /** A dashboard (guide Step 6) or admin (Step 7) surface to reconnect by hand. */
    @JsonPropertyOrder({"id", "section", "surface", "todo", "guide"})
    public record ChecklistItem(String id, String section, String surface, String todo, String guide) {
    }

    private static final Pattern ENV_NAME = Pattern.compile("\\b[A-Z][A-Z0-9_]{2,}\\b");

    /** Builds the report of {@code plan}. */
    public static MigrationReport of(MigrationPlan plan, RuleTable rules, Mode mode, String toolVersion) {
        List<FileChanges> files = new ArrayList<>();
        List<ManualItem> manual = new ArrayList<>();
        List<ErrorItem> errors = new ArrayList<>();
        int migrated = 0;
        for (FilePlan f : plan.files()) {
            Map<String, List<Integer>> byRule = new LinkedHashMap<>();
            for (Finding x : f.findings()) {
                switch (x.kind()) {
                    case FIXABLE -> {
                        byRule.computeIfAbsent(x.ruleId(), k -> new ArrayList<>()).add(x.line());
                        migrated++;
                    }
                    case MANUAL -> {
                        Optional<Rule> r = rules.byId(x.ruleId());
                        manual.add(new ManualItem(x.path(), x.line(), x.column(), x.ruleId(), x.message(),
                                r.map(Rule::note).orElse(x.message()), r.map(Rule::guide).orElse("")));
                    }
                    case ERROR -> errors.add(new ErrorItem(x.path(), x.line(), x.column(), x.ruleId(), x.message()));
                }
            }
            if (!byRule.isEmpty() || f.changes()) {
                List<RuleChanges> changes = new ArrayList<>();
                byRule.forEach((id, lines) -> {
                    Optional<Rule> r = rules.byId(id);
                    changes.add(new RuleChanges(id, lines.size(), List.copyOf(new LinkedHashSet<>(lines)),
                            r.map(Rule::note).orElse(""), r.map(Rule::guide).orElse("")));
                });
                files.add(new FileChanges(f.displayPath(), f.language(), f.changes(), changes));
            }
        }
        List<ModelEntry> models = models(plan.models());
        List<ConfigEntry> configs = plan.configs().stream().map(c -> new ConfigEntry(c.path(), c.line(), c.origin(),
                c.bodyParams(), c.dropped(), c.manual())).toList();
        Summary summary = new Summary(plan.filesScanned(), plan.filesParsed(), plan.changedFiles().size(), migrated,
                manual.size(), errors.size(), models.size(), configs.size());
        return new MigrationReport(SCHEMA_VERSION, "migrate-portkey", toolVersion,
                mode == Mode.DRY_RUN ? "dry-run" : "rewrite", GeneratedFiles.MARKER, summary, files, manual,
                plan.suppressed().stream().map(x -> new KeptItem(x.finding().path(), x.finding().line(),
                        x.finding().ruleId(), x.reason(), x.finding().message())).toList(), errors,
                environment(plan, rules), models, configs, checklist(rules), plan.notices());
    }

    private static List<ModelEntry> models(List<ModelUse> uses) {
        Map<String, Set<String>> originals = new LinkedHashMap<>();
        Map<String, List<String>> where = new LinkedHashMap<>();
        for (ModelUse u : uses) {
            originals.computeIfAbsent(u.slug(), k -> new LinkedHashSet<>()).add(u.original());
            where.computeIfAbsent(u.slug(), k -> new ArrayList<>()).add(u.path() + ":" + u.line());
        }
        return originals.keySet().stream().sorted()
                .map(s -> new ModelEntry(s, List.copyOf(originals.get(s)), where.get(s))).toList();
    }

    /**
     * Variables to set are the targets of the {@code replace-env} rules; variables to remove are
     * the names the env-var rules match (each concrete name, plus names the findings mention that
     * a wildcard rule matches), with where the code used them.
     */
    private static Environment environment(MigrationPlan plan, RuleTable rules) {
        Map<String, List<String>> seen = new LinkedHashMap<>();
        for (Finding f : plan.findings()) {
            Matcher m = ENV_NAME.matcher(f.message());
            while (m.find()) {
                List<String> at = seen.computeIfAbsent(m.group(), k -> new ArrayList<>());
                String loc = f.path() + ":" + f.line();
                if (!at.contains(loc)) {
                    at.add(loc);
                }
            }
        }
        Map<String, EnvVar> set = new LinkedHashMap<>();
        Map<String, EnvVar> remove = new LinkedHashMap<>();
        for (Rule r : rules.ofKind(RuleKind.ENV_VAR)) {
            if (r.action() == Action.REPLACE_ENV && r.to() != null && !set.containsKey(r.to())) {
                set.put(r.to(), new EnvVar(r.to(), r.id(), r.note(), linesNaming(plan, r.to(), true)));
            }
            if (r.action() != Action.REPLACE_ENV && r.action() != Action.COMMENT_OUT_ENV) {
                continue;
            }
            // Every pattern of the rule (a '*' pattern stands for a family, such as PORTKEY_*), then the
            // names the code used that only a pattern matched.
            List<String> names = new ArrayList<>(r.match());
            seen.keySet().stream().filter(n -> !set.containsKey(n)).filter(n -> rules.envVar(n).map(Rule::id).orElse("").equals(r.id()))
                    .filter(n -> !names.contains(n)).sorted().forEach(names::add);
            for (String n : names) {
                // A name another rule claims more specifically is listed under that rule.
                if (n.contains("*") || rules.envVar(n).map(Rule::id).orElse(r.id()).equals(r.id())) {
                    List<String> at = new ArrayList<>(seen.getOrDefault(n, List.of()));
                    if (!n.contains("*")) {
                        linesNaming(plan, n, false).stream().filter(l -> !at.contains(l)).forEach(at::add);
                    }
                    remove.putIfAbsent(n, new EnvVar(n, r.id(), r.note(), at));
                }
            }
        }
        List<EnvVar> removeList = new ArrayList<>(remove.values());
        // Names the code actually used first: they are the ones this codebase must clean up.
        removeList.sort((a, b) -> Boolean.compare(a.seenAt().isEmpty(), b.seenAt().isEmpty()));
        return new Environment(List.copyOf(set.values()), removeList);
    }

    /** The lines of the changed files' new (or old) text that name {@code variable}, as {@code path:line}. */
    private static List<String> linesNaming(MigrationPlan plan, String variable, boolean after) {
        List<String> at = new ArrayList<>();
        for (FilePlan f : plan.changedFiles()) {
            String text = new String(after ? f.newBytes() : f.oldBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            int line = 1;
            int from = 0;
            for (int i = text.indexOf(variable); i >= 0; i = text.indexOf(variable, i + variable.length())) {
                for (int j = from; j < i; j++) {
                    if (text.charAt(j) == '\n') {
                        line++;
                    }
                }
                from = i;
                if (after && onTodoLine(text, i)) {
                    // A TODO the tool wrote names the variable in its advice ("key CONCENTRATE_API_KEY"):
                    // that line reads nothing, and listing it would send the user to a comment.
                    continue;
                }
                String loc = f.displayPath() + ":" + line;
                if (!at.contains(loc)) {
                    at.add(loc);
                }
            }
        }
        return at;
    }

    /** Whether offset {@code i} lies on a line holding the tool's own TODO marker. */
    private static boolean onTodoLine(String text, int i) {
        int start = text.lastIndexOf('\n', i) + 1;
        int end = text.indexOf('\n', i);
        return text.substring(start, end < 0 ? text.length() : end).contains(dev.migrateportkey.lang.FileMigration.TODO_MARK);
    }

    private static List<ChecklistItem> checklist(RuleTable rules) {
        List<ChecklistItem> out = new ArrayList<>();
        for (RuleKind k : List.of(RuleKind.DASHBOARD, RuleKind.ADMIN)) {
            for (Rule r : rules.ofKind(k)) {
                out.add(new ChecklistItem(r.id(), k.yamlName(), r.primaryMatch(), r.note(), r.guide()));
            }
        }
        return out;
    }
}
