package dev.migrateportkey.cli;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.RuleFileException;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.WalkOptions;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What to scan and with which rules: shared by {@code rewrite} and {@code check}. */
public final class ScanOptions {

    @Parameters(paramLabel = "PATH", arity = "1..*", description = "Files or directories to scan.")
    List<Path> paths = new ArrayList<>();

    @Option(names = "--rules", paramLabel = "DIR",
            description = "A directory of *.yaml rule files that add rules or override bundled ones by id.")
    Path rulesDir;

    @Option(names = "--include", paramLabel = "GLOB",
            description = "Only scan files matching GLOB (repeatable). A GLOB without '/' matches file names.")
    List<String> includes = new ArrayList<>();

    @Option(names = "--exclude", paramLabel = "GLOB",
            description = "Skip files and directories matching GLOB (repeatable).")
    List<String> excludes = new ArrayList<>();

    @Option(names = "--max-file-size", paramLabel = "BYTES", defaultValue = "" + WalkOptions.DEFAULT_MAX_FILE_BYTES,
            description = "Skip files larger than this, with a notice (default: ${DEFAULT-VALUE}).")
    long maxFileBytes;

    @Option(names = "--pin-provider", paramLabel = "WHEN", defaultValue = "always",
            description = "Model slugs: 'always' keeps the provider the code pinned (bedrock/claude-...), "
                    + "'hosted' pins only where host and author differ, 'never' writes bare slugs. Default: ${DEFAULT-VALUE}.")
    String pinProvider;

    @Option(names = "--virtual-key", paramLabel = "NAME=PROVIDER",
            description = "Which provider a Portkey virtual key pointed at (repeatable), e.g. openai-prod=openai.")
    Map<String, String> virtualKeys = new LinkedHashMap<>();

    @Option(names = "--config-file", paramLabel = "ID=PATH",
            description = "An exported saved Config (pc-...) as JSON, so it is decomposed too (repeatable).")
    Map<String, Path> configFiles = new LinkedHashMap<>();

    RuleTable loadRules() {
        try {
            return new RuleLoader().load(rulesDir);
        } catch (RuleFileException e) {
            String hint = rulesDir != null && e.file().startsWith(rulesDir.toString())
                    ? " Fix it, or leave out --rules to use the bundled table."
                    : " The bundled rule table is broken: rebuild the tool from a clean checkout.";
            throw new UserError("bad rules file: " + e.getMessage() + "." + hint, e);
        } catch (IOException e) {
            throw new UserError("could not read rules: " + e.getMessage(), e);
        }
    }

    MigrationOptions migrationOptions() {
        MigrationOptions.PinProvider pin;
        try {
            pin = MigrationOptions.PinProvider.valueOf(pinProvider.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UserError("--pin-provider takes always, hosted or never, not '" + pinProvider + "'");
        }
        for (Map.Entry<String, Path> e : configFiles.entrySet()) {
            if (!Files.isRegularFile(e.getValue())) {
                throw new UserError("--config-file " + e.getKey() + "=" + e.getValue() + ": no such file");
            }
        }
        return new MigrationOptions(pin, virtualKeys, configFiles);
    }

    MigrationPlan plan(RuleTable rules) {
        for (Path p : paths) {
            if (!Files.exists(p)) {
                throw new UserError(p + ": no such file or directory");
            }
        }
        WalkOptions walk = new WalkOptions(includes, excludes, maxFileBytes);
        try {
            return new Planner(rules, Migrators.all(), migrationOptions(), walk).plan(paths);
        } catch (NoSuchFileException e) {
            throw new UserError(e.getFile() + ": no such file or directory", e);
        } catch (IOException e) {
            throw new UserError("could not scan: " + e.getMessage(), e);
        }
    }
}
