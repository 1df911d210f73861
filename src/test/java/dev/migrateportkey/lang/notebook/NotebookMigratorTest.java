package dev.migrateportkey.lang.notebook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateportkey.edit.EditApplier;
import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.ProjectIndex;
import dev.migrateportkey.lang.UnparseableFileException;
import dev.migrateportkey.lang.python.PythonMigrator;
import dev.migrateportkey.plan.Finding;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import dev.migrateportkey.workspace.DecodedText;
import dev.migrateportkey.workspace.SourceFile;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The notebook migrator against the Python migrator it delegates to: expected notebooks are valid
 * JSON whose code cells say what the Python migrator makes of the same cells as one file, and the
 * shapes the golden cases cannot show (an edit across cells, positions, bad JSON).
 */
class NotebookMigratorTest {
    private static final Path FIXTURES = Path.of("fixtures/notebook");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static RuleTable rules;

    @BeforeAll
    static void load() throws Exception {
        rules = new RuleLoader().load(null);
    }

    private record Result(String text, List<Finding> findings) {
    }

    private static Result migrate(String name, String text, boolean python) throws Exception {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        SourceFile f = new SourceFile(Path.of("."), Path.of(name), name, name, bytes, DecodedText.decode(bytes));
        FileMigration work = new FileMigration(f, rules, new ProjectIndex(), MigrationOptions.defaults());
        if (python) {
            new PythonMigrator().migrate(work);
        } else {
            new NotebookMigrator().migrate(work);
        }
        return new Result(EditApplier.apply(text, work.edits()), work.findings());
    }

    /** The code cells as Jupyter runs them, one after the other, without the IPython lines. */
    private static String codeCells(String notebook) throws IOException {
        StringBuilder out = new StringBuilder();
        for (JsonNode cell : JSON.readTree(notebook).get("cells")) {
            if (!cell.get("cell_type").asText().equals("code")) {
                continue;
            }
            JsonNode source = cell.get("source");
            String text;
            if (source.isArray()) {
                List<String> parts = new ArrayList<>();
                source.forEach(p -> parts.add(p.asText()));
                text = String.join("", parts);
            } else {
                text = source.asText();
            }
            out.append(text.endsWith("\n") || text.isEmpty() ? text : text + "\n");
        }
        return out.toString().lines()
                .filter(l -> !l.stripLeading().startsWith("!") && !l.stripLeading().startsWith("%"))
                .collect(Collectors.joining("\n", "", "\n"));
    }

    @TestFactory
    Stream<DynamicTest> expectedCellsAreThePythonMigratorsOutput() throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            cases = s.filter(Files::isDirectory).sorted().toList();
        }
        assertThat(cases).isNotEmpty();
        return cases.stream().flatMap(c -> {
            try (Stream<Path> s = Files.list(c.resolve("input"))) {
                return s.filter(p -> p.toString().endsWith(".ipynb")).toList().stream()
                        .map(in -> DynamicTest.dynamicTest(c.getFileName() + "/" + in.getFileName(), () -> {
                            String input = Files.readString(in);
                            String expected = Files.readString(c.resolve("expected").resolve(in.getFileName()));
                            JsonNode parsed = JSON.readTree(expected);
                            assertThat(parsed.get("cells").isArray()).as("expected is a notebook").isTrue();
                            assertThat(codeCells(expected))
                                    .isEqualTo(migrate("cells.py", codeCells(input), true).text());
                        }));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private static String notebook(String... cellSources) {
        StringBuilder b = new StringBuilder("{\n \"cells\": [\n");
        for (int i = 0; i < cellSources.length; i++) {
            b.append("  {\n   \"cell_type\": \"code\",\n   \"metadata\": {},\n   \"outputs\": [],\n   \"source\": [\n")
                    .append(cellSources[i]).append("\n   ]\n  }").append(i + 1 < cellSources.length ? "," : "").append('\n');
        }
        return b.append(" ],\n \"metadata\": {},\n \"nbformat\": 4,\n \"nbformat_minor\": 5\n}\n").toString();
    }

    @Test
    void findingsPointAtTheCellTextInTheJson() throws Exception {
        String nb = notebook("    \"import json\\n\",\n    \"from portkey_ai import Portkey\"",
                "    \"client = Portkey(api_key=\\\"x\\\")\"");
        Result r = migrate("n.ipynb", nb, false);
        Finding imp = r.findings().stream().filter(f -> f.message().startsWith("import from portkey_ai")).findFirst().orElseThrow();
        String line = nb.lines().toList().get(imp.line() - 1);
        assertThat(line.substring(imp.column() - 1)).startsWith("from portkey_ai import Portkey");
        assertThat(r.text()).contains("    \"import json\\n\",\n    \"from openai import OpenAI\\n\",\n    \"import os\"\n");
        assertThat(JSON.readTree(r.text()).get("cells").get(1).get("source").get(0).asText())
                .isEqualTo("client = OpenAI(base_url=\"https://api.concentrate.ai/v1\", api_key=os.environ[\"CONCENTRATE_API_KEY\"])");
    }

    @Test
    void anEditAcrossTwoCellsIsReportedNotMade() throws Exception {
        // Jupyter could not run this, but the joined text parses: the header argument spans both cells.
        String nb = notebook("    \"from openai import OpenAI\\n\",\n    \"from portkey_ai import PORTKEY_GATEWAY_URL, createHeaders\\n\",\n"
                        + "    \"client = OpenAI(base_url=PORTKEY_GATEWAY_URL, default_headers=createHeaders(\"",
                "    \"    provider=\\\"openai\\\"))\"");
        Result r = migrate("n.ipynb", nb, false);
        assertThat(r.findings()).anySatisfy(f -> {
            assertThat(f.kind()).isEqualTo(Finding.Kind.MANUAL);
            assertThat(f.message()).endsWith(NotebookMigrator.NOT_MAPPED);
        });
        assertThat(r.text()).contains("    \"    provider=\\\"openai\\\"))\"");
        assertThat(JSON.readTree(r.text()).get("cells")).hasSize(2);
    }

    @Test
    void magicLinesAreNotPythonAndInstallsFollowTheDependencyRule() throws Exception {
        String nb = notebook("    \"!pip install portkey-ai python-dotenv\\n\",\n    \"%load_ext autoreload\\n\",\n"
                + "    \"from portkey_ai import Portkey\"");
        Result r = migrate("n.ipynb", nb, false);
        assertThat(r.text()).contains("\"!pip install 'openai>=1.66' python-dotenv\\n\"", "\"%load_ext autoreload\\n\"",
                "\"from openai import OpenAI\"");
        assertThat(r.findings()).extracting(Finding::ruleId).contains("dependency-portkey-ai");
    }

    @Test
    void notebooksWithoutPortkeyInCodeAreLeftAlone() throws Exception {
        String nb = notebook("    \"print(1)\"").replace("\"outputs\": []", "\"outputs\": [{\"text\": \"PORTKEY_API_KEY=pk-123\"}]");
        Result r = migrate("n.ipynb", nb, false);
        assertThat(r.findings()).isEmpty();
        assertThat(r.text()).isEqualTo(nb);
    }

    @Test
    void malformedJsonIsAParseErrorWithItsPosition() {
        String nb = "{\n \"cells\": [\n  {\"cell_type\": \"code\", \"source\": [\"from portkey_ai import Portkey\" \"x\"]}\n ]\n}\n";
        assertThatThrownBy(() -> migrate("n.ipynb", nb, false))
                .isInstanceOf(UnparseableFileException.class)
                .satisfies(e -> assertThat(((UnparseableFileException) e).line()).isEqualTo(3));
    }

    @Test
    void anAddedImportLandsInTheFirstCellThatUsesIt() throws Exception {
        // Joined, the last import of the notebook is in the second cell; run top to bottom, the
        // first cell reads os.environ and needs the import itself.
        String nb = notebook("    \"from openai import OpenAI\\n\",\n    \"from portkey_ai import PORTKEY_GATEWAY_URL\\n\",\n"
                        + "    \"\\n\",\n    \"client = OpenAI(api_key=\\\"X\\\", base_url=PORTKEY_GATEWAY_URL)\"",
                "    \"import json\\n\",\n    \"print(json.dumps({}))\"");
        Result r = migrate("n.ipynb", nb, false);
        JsonNode cells = JSON.readTree(r.text()).get("cells");
        List<String> first = new ArrayList<>();
        cells.get(0).get("source").forEach(p -> first.add(p.asText()));
        assertThat(first).containsExactly("from openai import OpenAI\n", "import os\n", "\n",
                "client = OpenAI(api_key=os.environ[\"CONCENTRATE_API_KEY\"], base_url=\"https://api.concentrate.ai/v1\")");
        assertThat(cells.get(1).get("source").toString()).isEqualTo("[\"import json\\n\",\"print(json.dumps({}))\"]");
    }

    @Test
    void envMagicsHelpLinesAndShellCellsAreNotPython() throws Exception {
        String nb = notebook("    \"%env PORTKEY_API_KEY=pk-live-abcdef0123456789\"",
                "    \"from portkey_ai import Portkey\\n\",\n    \"Portkey?\\n\",\n    \"client = Portkey(api_key=os.environ[\\\"PORTKEY_API_KEY\\\"])\"",
                "    \"%%bash\\n\",\n    \"pip install portkey-ai\"");
        Result r = migrate("n.ipynb", nb, false);
        assertThat(r.text()).contains("    \"# TODO(concentrate-migration): set this to your Concentrate key",
                "    \"%env CONCENTRATE_API_KEY=sk-cn-v1-...\"", "    \"Portkey?\\n\"",
                "    \"pip install 'openai>=1.66'\"");
        // The key is never printed in full.
        assertThat(r.findings()).allSatisfy(f -> assertThat(f.message()).doesNotContain("pk-live-abcdef0123456789"));
        assertThat(migrate("n.ipynb", r.text(), false).text()).as("a second run changes nothing").isEqualTo(r.text());
    }
}
