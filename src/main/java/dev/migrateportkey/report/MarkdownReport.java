package dev.migrateportkey.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.migrateportkey.report.MigrationReport.ChecklistItem;
import dev.migrateportkey.report.MigrationReport.ConfigEntry;
import dev.migrateportkey.report.MigrationReport.EnvVar;
import dev.migrateportkey.report.MigrationReport.ErrorItem;
import dev.migrateportkey.report.MigrationReport.FileChanges;
import dev.migrateportkey.report.MigrationReport.ManualItem;
import dev.migrateportkey.report.MigrationReport.ModelEntry;
import dev.migrateportkey.report.MigrationReport.RuleChanges;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The migration report as Markdown, for the engineer finishing the migration and for the pull
 * request that carries it: what changed, what is left to do by hand, the environment, models and
 * Configs, and the dashboard and admin checklist. Layout in docs/report.md. Every key-like token is
 * masked.
 */
public final class MarkdownReport {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private MarkdownReport() {
    }

    public static String render(MigrationReport r) {
        StringBuilder md = new StringBuilder();
        boolean dry = r.mode().equals("dry-run");
        md.append("# Portkey to Concentrate migration report\n\n");
        // Invisible when rendered; tells check and rewrite to pass the report by.
        md.append("<!-- ").append(r.generated()).append(": migrate-portkey check and rewrite pass this file by -->\n\n");
        md.append("Written by ").append(r.tool()).append(' ').append(r.toolVersion()).append(". ");
        md.append(dry ? "**Dry run: no file was changed.** This is what `migrate-portkey rewrite` would do.\n\n"
                : "The files listed under *What changed* were rewritten in place; review them with `git diff`.\n\n");

        var s = r.summary();
        md.append("## Summary\n\n| | |\n| --- | ---: |\n");
        row(md, "Files scanned", s.filesScanned());
        row(md, "Files that mention Portkey", s.filesParsed());
        row(md, dry ? "Files that would change" : "Files changed", s.filesChanged());
        row(md, dry ? "Portkey sites to migrate automatically" : "Portkey sites migrated", s.sitesMigrated());
        row(md, "Items still to do by hand", s.manualItems());
        row(md, "Files that could not be processed", s.errors());
        row(md, "Model slugs in use", s.modelSlugs());
        row(md, "Portkey Configs decomposed", s.configs());
        md.append('\n');

        md.append(dry ? "## What would change\n\n" : "## What changed\n\n");
        List<FileChanges> changed = r.files().stream().filter(f -> !f.changes().isEmpty()).toList();
        if (changed.isEmpty()) {
            md.append("Nothing was migrated automatically.\n\n");
        }
        for (FileChanges f : changed) {
            md.append("### `").append(f.path()).append("`\n\n| rule | sites | lines | what it became |\n| --- | ---: | --- | --- |\n");
            for (RuleChanges c : f.changes()) {
                md.append("| `").append(c.rule()).append("` | ").append(c.count()).append(" | ")
                        .append(c.lines().stream().map(String::valueOf).collect(Collectors.joining(", "))).append(" | ")
                        .append(cell(c.became() + guide(c.guide()))).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Still to do by hand\n\n");
        if (r.manual().isEmpty()) {
            md.append("Nothing: every Portkey use found was migrated automatically.\n\n");
        } else {
            md.append("Each item keeps a `TODO(concentrate-migration)` comment in the code where the language has comments,"
                    + " and `migrate-portkey check` keeps reporting it until it is gone. To keep one on purpose, write"
                    + " `migrate-portkey:ignore <rule> -- <reason>` in a comment on its line.\n\n");
            md.append("| where | rule | found | what to do |\n| --- | --- | --- | --- |\n");
            for (ManualItem m : r.manual()) {
                md.append("| `").append(m.path()).append(':').append(m.line()).append("` | `").append(m.rule()).append("` | ")
                        .append(cell(found(m))).append(" | ").append(cell(m.todo() + guide(m.guide()))).append(" |\n");
            }
            md.append('\n');
        }
        if (!r.suppressed().isEmpty()) {
            md.append("## Kept on purpose\n\nSilenced by `migrate-portkey:ignore` comments: left as they are and not"
                    + " reported by `check`.\n\n| where | rule | reason |\n| --- | --- | --- |\n");
            for (MigrationReport.KeptItem k : r.suppressed()) {
                md.append("| `").append(k.path()).append(':').append(k.line()).append("` | `").append(k.rule()).append("` | ")
                        .append(cell(k.reason())).append(" |\n");
            }
            md.append('\n');
        }
        if (!r.errors().isEmpty()) {
            md.append("## Could not be processed\n\nNothing in these files was changed. Fix the cause and run again.\n\n");
            md.append("| where | rule | problem |\n| --- | --- | --- |\n");
            for (ErrorItem e : r.errors()) {
                md.append("| `").append(e.path()).append(e.line() > 0 ? ":" + e.line() : "").append("` | `")
                        .append(e.rule()).append("` | ").append(cell(e.message())).append(" |\n");
            }
            md.append('\n');
        }

        md.append("## Environment\n\n### Set\n\n| variable | why | read at |\n| --- | --- | --- |\n");
        for (EnvVar v : r.environment().set()) {
            md.append("| `").append(v.name()).append("` | ").append(cell(v.why())).append(" | ")
                    .append(v.seenAt().isEmpty() ? "not named in the migrated code" : places(v.seenAt())).append(" |\n");
        }
        md.append("\n### Remove once the migration is verified\n\n"
                + "Comment them out first (do not delete them) and keep them until `verify-concentrate.sh` passes and"
                + " traffic has run on Concentrate; then delete them from every environment and secret store.\n\n");
        md.append("| variable | why | seen at |\n| --- | --- | --- |\n");
        java.util.Map<String, List<EnvVar>> unseen = new java.util.LinkedHashMap<>();
        for (EnvVar v : r.environment().remove()) {
            if (v.seenAt().isEmpty()) {
                unseen.computeIfAbsent(v.rule(), k -> new java.util.ArrayList<>()).add(v);
            } else {
                md.append("| `").append(v.name()).append("` | ").append(cell(v.why())).append(" | ")
                        .append(places(v.seenAt())).append(" |\n");
            }
        }
        // Names the code never mentioned, one row per rule: remove them wherever they are set.
        unseen.values().forEach(vs -> md.append("| ")
                .append(vs.stream().map(v -> "`" + v.name() + "`").collect(Collectors.joining(", ")))
                .append(" | ").append(cell(vs.get(0).why())).append(" | not in the scanned code; wherever they are set |\n"));
        md.append('\n');

        md.append("## Models\n\n");
        if (r.models().isEmpty()) {
            md.append("The migrated code names no model string the tool could read.\n\n");
        } else {
            md.append("Check each against `GET /v1/models` (the verification script does).\n\n"
                    + "| slug sent to Concentrate | in the code before | used at |\n| --- | --- | --- |\n");
            for (ModelEntry m : r.models()) {
                md.append("| `").append(m.slug()).append("` | ")
                        .append(m.originals().stream().map(o -> "`" + o + "`").collect(Collectors.joining(", ")))
                        .append(" | ").append(places(m.usedAt())).append(" |\n");
            }
            md.append('\n');
        }
        md.append("### Configs decomposed\n\n");
        if (r.configs().isEmpty()) {
            md.append("No Portkey Config was found.\n\n");
        }
        for (ConfigEntry c : r.configs()) {
            md.append("#### `").append(c.path()).append(':').append(c.line()).append("` (").append(c.origin()).append(")\n\n");
            if (c.bodyParams().isEmpty()) {
                md.append("Became no body params.\n\n");
            } else {
                md.append("Became these request body params:\n\n```json\n").append(json(c.bodyParams())).append("\n```\n\n");
            }
            bullets(md, "Dropped (nothing to do on Concentrate)", c.dropped());
            bullets(md, "Needs a human", c.manual());
        }

        md.append("## Dashboard and admin checklist\n\nThese have no code: reconnect them in the Concentrate dashboard."
                + " Export your Portkey history before you deprovision the Portkey workspace.\n\n");
        String section = "";
        for (ChecklistItem c : r.checklist()) {
            if (!c.section().equals(section)) {
                section = c.section();
                md.append(section.equals("dashboard") ? "### Observability" : "### Admin and governance")
                        .append(c.guide().isBlank() ? "" : " (guide " + c.guide() + ")").append("\n\n");
            }
            md.append("- [ ] **").append(c.surface()).append("**: ").append(c.todo()).append('\n');
            if (isLast(r.checklist(), c)) {
                md.append('\n');
            }
        }
        if (!r.notices().isEmpty()) {
            md.append("## Notices\n\n");
            r.notices().forEach(n -> md.append("- ").append(n).append('\n'));
            md.append('\n');
        }
        return SecretMasker.mask(md.toString().stripTrailing() + "\n");
    }

    private static boolean isLast(List<ChecklistItem> items, ChecklistItem c) {
        int i = items.indexOf(c);
        return i == items.size() - 1 || !items.get(i + 1).section().equals(c.section());
    }

    private static String found(ManualItem m) {
        // The finding says "<subject>: <note>"; the note is in the next column already.
        String f = m.found();
        return f.endsWith(": " + m.todo()) ? f.substring(0, f.length() - m.todo().length() - 2) : f;
    }

    private static void row(StringBuilder md, String label, int n) {
        md.append("| ").append(label).append(" | ").append(n).append(" |\n");
    }

    private static void bullets(StringBuilder md, String title, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        md.append(title).append(":\n\n");
        items.forEach(i -> md.append("- ").append(i).append('\n'));
        md.append('\n');
    }

    private static String guide(String g) {
        return g == null || g.isBlank() ? "" : " (guide " + g + ")";
    }

    private static String places(List<String> at) {
        return at.isEmpty() ? "" : at.stream().map(p -> "`" + p + "`").collect(Collectors.joining(", "));
    }

    /** A table cell: one line, pipes escaped. */
    static String cell(String s) {
        return s.replace("|", "\\|").replace("\r", " ").replace("\n", " ");
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            return String.valueOf(o);
        }
    }
}
