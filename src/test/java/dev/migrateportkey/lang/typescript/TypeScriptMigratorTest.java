package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.ModelUse;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Behaviours of the TypeScript/JavaScript migrator that the golden cases do not pin down. */
class TypeScriptMigratorTest {
    private static RuleTable rules;

    @TempDir
    Path dir;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
    }

    private MigrationPlan plan(MigrationOptions options, Map<String, String> files) throws Exception {
        for (Map.Entry<String, String> f : files.entrySet()) {
            Path p = dir.resolve(f.getKey());
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.getValue());
        }
        return new Planner(rules, Migrators.all(), options, WalkOptions.defaults()).plan(List.of(dir));
    }

    private static String after(MigrationPlan plan, String name) {
        return plan.files().stream().filter(f -> f.relativePath().equals(name)).findFirst()
                .map(f -> f.newBytes() == null ? null : new String(f.newBytes(), StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void syntaxErrorIsReportedWithItsPositionAndNothingChanges() throws Exception {
        MigrationPlan plan = plan(MigrationOptions.defaults(), Map.of("bad.ts",
                "import Portkey from 'portkey-ai';\nconst c = new Portkey({ apiKey: 'x' ;\n"));
        assertThat(plan.hasErrors()).isTrue();
        assertThat(plan.changedFiles()).isEmpty();
        Finding f = plan.findings().get(0);
        assertThat(f.ruleId()).isEqualTo(Finding.PARSE_ERROR);
        assertThat(f.line()).isEqualTo(2);
        assertThat(f.message()).contains("nothing in it was changed");
    }

    @Test
    void optionsThatAreNotALiteralStayWithATodoAndTheImportStays() throws Exception {
        String src = "import Portkey from 'portkey-ai';\n\nexport function make(opts) {\n  return new Portkey(opts);\n}\n";
        MigrationPlan plan = plan(MigrationOptions.defaults(), Map.of("make.js", src));
        String out = after(plan, "make.js");
        assertThat(out).isEqualTo("import Portkey from 'portkey-ai';\n\nexport function make(opts) {\n"
                + "  // TODO(concentrate-migration): Remove the Portkey SDK and use the OpenAI SDK (openai ^4.87.0 has the Responses API) against Concentrate; then regenerate the lock file with your package manager.\n"
                + "  return new Portkey(opts);\n}\n");
        assertThat(plan.findings()).extracting(Finding::kind).containsOnly(Finding.Kind.MANUAL);
    }

    @Test
    void aClientMigratedBesideOneThatCannotBeKeepsBothImports() throws Exception {
        String src = "const Portkey = require('portkey-ai');\n\nconst a = new Portkey({ apiKey: process.env.PORTKEY_API_KEY });\n"
                + "const b = new Portkey(loadOptions());\n";
        MigrationPlan plan = plan(MigrationOptions.defaults(), Map.of("two.cjs", src));
        assertThat(after(plan, "two.cjs")).isEqualTo("const OpenAI = require('openai');\n"
                + "const Portkey = require('portkey-ai');\n\n"
                + "const a = new OpenAI({ baseURL: 'https://api.concentrate.ai/v1', apiKey: process.env.CONCENTRATE_API_KEY });\n"
                + "// TODO(concentrate-migration): Remove the Portkey SDK and use the OpenAI SDK (openai ^4.87.0 has the Responses API) against Concentrate; then regenerate the lock file with your package manager.\n"
                + "const b = new Portkey(loadOptions());\n");
    }

    @Test
    void createHeadersWithAnUnknownOptionKeepsTheCallAndItsImport() throws Exception {
        String src = "import OpenAI from 'openai';\nimport { createHeaders, PORTKEY_GATEWAY_URL } from 'portkey-ai';\n\n"
                + "const client = new OpenAI({\n  baseURL: PORTKEY_GATEWAY_URL,\n"
                + "  defaultHeaders: createHeaders({ apiKey: process.env.PORTKEY_API_KEY, somethingNew: 1 }),\n});\n";
        MigrationPlan plan = plan(MigrationOptions.defaults(), Map.of("c.mjs", src));
        String out = after(plan, "c.mjs");
        // PORTKEY_GATEWAY_URL was rewritten everywhere, so it leaves the import; createHeaders stays.
        assertThat(out).contains("import { createHeaders } from 'portkey-ai';")
                .contains("baseURL: 'https://api.concentrate.ai/v1'")
                .contains("createHeaders({ apiKey: process.env.PORTKEY_API_KEY, somethingNew: 1 })")
                .contains("TODO(concentrate-migration)");
        // The known option stays with the call, so it is reported too (it still sends the Portkey key).
        assertThat(plan.findings()).filteredOn(f -> f.kind() == Finding.Kind.MANUAL).extracting(Finding::message)
                .hasSize(2).anySatisfy(m -> assertThat(m).startsWith("somethingNew in createHeaders(...)"))
                .anySatisfy(m -> assertThat(m).startsWith("apiKey option of createHeaders(...), kept while the call stays"));
    }

    @Test
    void pinProviderAndVirtualKeysDecideTheModelSlug() throws Exception {
        String src = "import Portkey from 'portkey-ai';\nconst p = new Portkey({ virtualKey: 'vk-7f3a' });\n"
                + "await p.chat.completions.create({ model: 'claude-haiku-4-5', messages: [] });\n"
                + "await p.chat.completions.create({ model: 'anthropic/claude-opus-4-6', messages: [] });\n";
        Map<String, String> vk = Map.of("vk-7f3a", "bedrock");
        MigrationPlan always = plan(new MigrationOptions(MigrationOptions.PinProvider.ALWAYS, vk, Map.of()), Map.of("a.mjs", src));
        assertThat(after(always, "a.mjs")).contains("model: 'bedrock/claude-haiku-4-5'")
                .contains("model: 'anthropic/claude-opus-4-6'")
                .contains("new OpenAI({ baseURL: 'https://api.concentrate.ai/v1', apiKey: process.env.CONCENTRATE_API_KEY })");
        assertThat(always.models()).extracting(ModelUse::original, ModelUse::slug).contains(
                org.assertj.core.groups.Tuple.tuple("claude-haiku-4-5", "bedrock/claude-haiku-4-5"),
                org.assertj.core.groups.Tuple.tuple("anthropic/claude-opus-4-6", "anthropic/claude-opus-4-6"));

        Files.delete(dir.resolve("a.mjs"));
        MigrationPlan never = plan(new MigrationOptions(MigrationOptions.PinProvider.NEVER, vk, Map.of()), Map.of("a.mjs", src));
        assertThat(after(never, "a.mjs")).contains("model: 'claude-haiku-4-5'");

        Files.delete(dir.resolve("a.mjs"));
        MigrationPlan unknown = plan(MigrationOptions.defaults(), Map.of("a.mjs", src));
        assertThat(after(unknown, "a.mjs")).as("an unknown virtual key pins nothing").contains("model: 'claude-haiku-4-5'");
    }

    @Test
    void hostedPinningKeepsTheAuthorsOwnHostBare() throws Exception {
        String src = "const OpenAI = require('openai');\nconst c = new OpenAI({ baseURL: 'https://api.portkey.ai/v1',"
                + " defaultHeaders: { 'x-portkey-provider': 'openai' } });\n"
                + "c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n";
        MigrationPlan plan = plan(new MigrationOptions(MigrationOptions.PinProvider.HOSTED, Map.of(), Map.of()), Map.of("h.cjs", src));
        assertThat(after(plan, "h.cjs")).isEqualTo("const OpenAI = require('openai');\n"
                + "const c = new OpenAI({ apiKey: process.env.CONCENTRATE_API_KEY, baseURL: 'https://api.concentrate.ai/v1' });\n"
                + "c.chat.completions.create({ model: 'gpt-4o', messages: [] });\n");
    }

    @Test
    void declarationFilesAndMinifiedBundlesAreNotMigrated() {
        TypeScriptMigrator m = new TypeScriptMigrator();
        assertThat(m.accepts("index.d.ts")).isFalse();
        assertThat(m.accepts("vendor.min.js")).isFalse();
        assertThat(List.of("a.ts", "a.tsx", "a.js", "a.jsx", "a.mjs", "a.cjs", "a.mts", "a.cts")).allMatch(m::accepts);
    }

    /**
     * Files are migrated on many threads at once (the planner's pool): 96 files, 8 shapes, each
     * must come out exactly as a run on that file alone.
     */
    @Test
    void parallelRunsGiveTheSameResultAsSingleFileRuns() throws Exception {
        Path fixtures = Path.of("fixtures", "typescript");
        Map<String, String> inputs = new LinkedHashMap<>();
        List<Path> sources;
        try (Stream<Path> s = Files.walk(fixtures)) {
            sources = s.filter(Files::isRegularFile).filter(p -> p.toString().contains("/input/"))
                    .filter(p -> !p.toString().contains("crlf")).sorted().limit(8).toList();
        }
        for (int copy = 0; copy < 12; copy++) {
            for (Path p : sources) {
                inputs.put("copy" + copy + "/" + p.getParent().getParent().getFileName() + "-" + p.getFileName(), Files.readString(p));
            }
        }
        MigrationPlan all = plan(MigrationOptions.defaults(), inputs);
        assertThat(all.hasErrors()).isFalse();
        Map<String, String> firstCopy = new LinkedHashMap<>();
        for (FilePlan f : all.files()) {
            if (f.relativePath().startsWith("copy0/")) {
                firstCopy.put(f.relativePath().substring("copy0/".length()), after(all, f.relativePath()));
            }
        }
        assertThat(firstCopy).hasSize(sources.size());
        for (FilePlan f : all.files()) {
            String name = f.relativePath().substring(f.relativePath().indexOf('/') + 1);
            assertThat(after(all, f.relativePath())).as(f.relativePath()).isEqualTo(firstCopy.get(name));
        }
    }

    /**
     * Every fixture input cut at many points (mid-token, mid-string, mid-template): each file is
     * either reported as unparseable with nothing changed, or migrated; the run always completes.
     */
    @Test
    void truncatedInputsNeverBreakTheRun() throws Exception {
        Path fixtures = Path.of("fixtures", "typescript");
        List<Path> sources;
        try (Stream<Path> s = Files.walk(fixtures)) {
            sources = s.filter(Files::isRegularFile).filter(p -> p.toString().contains("/input/")).sorted().toList();
        }
        Map<String, String> inputs = new LinkedHashMap<>();
        int n = 0;
        for (Path p : sources) {
            String text = Files.readString(p);
            for (int cut = 1; cut < 16; cut++) {
                String name = p.getFileName().toString();
                inputs.put("cut" + (n++) + "-" + name, text.substring(0, text.length() * cut / 16));
            }
        }
        MigrationPlan plan = plan(MigrationOptions.defaults(), inputs);
        List<String> errors = new ArrayList<>();
        for (FilePlan f : plan.files()) {
            boolean error = f.findings().stream().anyMatch(x -> x.kind() == Finding.Kind.ERROR);
            if (error) {
                errors.add(f.relativePath());
                assertThat(f.changes()).as(f.relativePath() + " has a syntax error and must stay as it is").isFalse();
                assertThat(f.findings()).extracting(Finding::ruleId).contains(Finding.PARSE_ERROR);
            }
        }
        assertThat(errors).as("most cuts leave a syntax error behind").hasSizeGreaterThan(inputs.size() / 3);
    }

    @Test
    void virtualKeysWhoseProviderIsGuessedOrUnknownAreReportedWithHowToPinThem() throws Exception {
        String src = "import Portkey from 'portkey-ai';\n"
                + "const a = new Portkey({ virtualKey: process.env.TEAM_VK });\n"
                + "const b = new Portkey({ virtualKey: 'bedrock-team-vk' });\n"
                + "await a.chat.completions.create({ model: 'gpt-4o', messages: [] });\n"
                + "await b.chat.completions.create({ model: 'claude-haiku-4-5', messages: [] });\n"
                + "await fetch('https://api.portkey.ai/v1/chat/completions', { headers: { 'x-portkey-virtual-key': 'azure-eu-vk' },"
                + " body: JSON.stringify({ model: 'gpt-4o' }) });\n";
        MigrationPlan plan = plan(MigrationOptions.defaults(), Map.of("a.mjs", src));
        assertThat(after(plan, "a.mjs")).contains("model: 'gpt-4o', messages").contains("model: 'bedrock/claude-haiku-4-5'")
                .contains("model: 'azure/gpt-4o'");
        assertThat(plan.findings()).filteredOn(f -> f.kind() == Finding.Kind.MANUAL).extracting(Finding::line)
                .containsExactlyInAnyOrder(2, 3, 6);
        assertThat(plan.findings()).filteredOn(f -> f.kind() == Finding.Kind.MANUAL).extracting(Finding::message)
                .anySatisfy(m -> assertThat(m).contains("process.env.TEAM_VK").contains("stay bare").contains("--virtual-key"))
                .anySatisfy(m -> assertThat(m).contains("a guess from the virtual key name 'bedrock-team-vk'")
                        .contains("--virtual-key bedrock-team-vk=PROVIDER"))
                .anySatisfy(m -> assertThat(m).contains("x-portkey-virtual-key header").contains("'azure-eu-vk'"));
    }

    @Test
    void langChainPortkeyClassesAreManualAtTheImportAndTheConstructor() throws Exception {
        String src = "import { PortkeyChat } from 'langchain/chat_models/portkey';\n"
                + "const chat = new PortkeyChat({ mode: 'single', llms: [{ provider: 'openai', model: 'gpt-4o' }] });\n";
        MigrationPlan plan = plan(MigrationOptions.defaults(), Map.of("lc.mjs", src));
        assertThat(plan.findings()).filteredOn(f -> f.ruleId().equals("api-langchain-portkey"))
                .extracting(Finding::line, Finding::kind)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, Finding.Kind.MANUAL),
                        org.assertj.core.groups.Tuple.tuple(2, Finding.Kind.MANUAL));
        assertThat(plan.findings().get(1).message()).contains("ChatOpenAI").contains("@langchain/openai")
                .contains("configuration: { baseURL: 'https://api.concentrate.ai/v1' }");
    }
}
