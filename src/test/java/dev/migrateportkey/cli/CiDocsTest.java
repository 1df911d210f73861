package dev.migrateportkey.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.rules.RuleTable;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.migrateportkey.cli.CliRun.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * docs/ci.md as a user copies it: its check command lines run through sh (with the tool's jar
 * replaced by a stub running these classes), its suppression examples name real rules, and
 * src/hooks/pre-commit refuses a commit that adds Portkey usage.
 */
class CiDocsTest {
    private static final Path DOC = Paths.get("docs/ci.md");
    private static final Path HOOK = Paths.get("src/hooks/pre-commit");
    private static final Pattern JAR = Pattern.compile("java -jar \\S*migrate-portkey\\.jar\"?");
    private static final String CLIENT = """
            class Client {
                okhttp3.Request request(okhttp3.Request.Builder b) {
                    return b.url("https://api.portkey.ai/v1/chat/completions")
                            .header("x-portkey-provider", "openai")
                            .build();
                }
            }
            """;
    private static final String MANUAL_ONLY = """
            class Local {
                okhttp3.Request request(okhttp3.Request.Builder b) {
                    return b.header("x-portkey-custom-host", "http://llm.internal").build();
                }
            }
            """;

    @TempDir
    Path tmp;
    private Path bin;

    @BeforeAll
    static void docsExist() {
        assertThat(DOC).exists();
        assertThat(HOOK).exists();
    }

    /** A {@code migrate-portkey} on PATH that runs the classes under test. */
    private Path stubBin() throws IOException {
        if (bin == null) {
            bin = Files.createDirectories(tmp.resolve("bin"));
            String java = Paths.get(System.getProperty("java.home"), "bin", "java").toString();
            Path stub = bin.resolve("migrate-portkey");
            Files.writeString(stub, "#!/bin/sh\nexec '" + java + "' -XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -cp '" + System.getProperty("java.class.path")
                    + "' dev.migrateportkey.cli.Main \"$@\"\n");
            Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return bin;
    }

    private record Sh(int exit, String out, String err) {
    }

    private Sh sh(Path cwd, String script, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder("sh", "-c", script).directory(cwd.toFile());
        pb.environment().put("PATH", stubBin() + ":" + System.getenv("PATH"));
        pb.environment().putAll(env);
        pb.redirectOutput(tmp.resolve("out.txt").toFile()).redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        return new Sh(p.exitValue(), Files.readString(tmp.resolve("out.txt")), Files.readString(tmp.resolve("err.txt")));
    }

    /** Every shell line of the doc's yaml and sh blocks that runs {@code check}, with the jar made a command. */
    private static List<String> checkLines() throws IOException {
        List<String> lines = new ArrayList<>();
        boolean inBlock = false;
        for (String line : Files.readAllLines(DOC, StandardCharsets.UTF_8)) {
            if (line.startsWith("```")) {
                inBlock = !inBlock;
                continue;
            }
            if (!inBlock || !line.contains(" check ")) {
                continue;
            }
            String cmd = line.strip().replaceFirst("^(- |run: |entry: )+", "");
            cmd = JAR.matcher(cmd).replaceAll("migrate-portkey");
            if (cmd.startsWith("migrate-portkey check")) {
                lines.add(cmd);
            }
        }
        return lines;
    }

    @Test
    void everyCheckCommandLineRunsAsDocumented() throws Exception {
        List<String> lines = checkLines();
        assertThat(lines).hasSizeGreaterThanOrEqualTo(5);
        Path repo = Files.createDirectories(tmp.resolve("repo"));
        write(repo, "src/Client.java", CLIENT);
        for (String line : lines) {
            // The pre-commit framework appends the staged file names.
            String cmd = line.endsWith(" .") || line.contains(" > ") ? line : line + " src/Client.java";
            Sh r = sh(repo, cmd, Map.of());
            if (line.contains("> migrate-portkey.sarif || test $? -eq 1")) {
                assertThat(r.exit()).as(line + "\n" + r.err()).isZero();
                JsonNode sarif = new ObjectMapper().readTree(repo.resolve("migrate-portkey.sarif").toFile());
                assertThat(sarif.at("/runs/0/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                        .isIn("src/Client.java", "./src/Client.java");
            } else {
                assertThat(r.exit()).as(line + "\n" + r.err()).isEqualTo(1);
                assertThat(r.out()).contains("header-provider");
            }
            if (line.contains("--format github")) {
                assertThat(r.out()).contains("::error file=src/Client.java,line=4,col=18,title=migrate-portkey header-provider::");
            }
        }
    }

    @Test
    void theSarifStepStillStopsOnAnUnparseableFile() throws Exception {
        String sarifLine = checkLines().stream().filter(l -> l.contains("--format sarif")).findFirst().orElseThrow();
        Path repo = Files.createDirectories(tmp.resolve("broken"));
        write(repo, "Broken.java", "class Broken { // portkey\n  void f( {\n}\n");
        assertThat(sh(repo, sarifLine, Map.of()).exit()).isNotZero();
    }

    @Test
    void suppressionExamplesNameRealRules() throws Exception {
        RuleTable rules = new RuleLoader().load(null);
        Matcher m = Pattern.compile("migrate-portkey:ignore ([a-z0-9-]+) -- ").matcher(Files.readString(DOC));
        int n = 0;
        while (m.find()) {
            assertThat(rules.byId(m.group(1))).as(m.group(1)).isPresent();
            n++;
        }
        assertThat(n).isGreaterThanOrEqualTo(3);
    }

    private Sh git(Path repo, String args) throws Exception {
        return sh(repo, "git -c user.name=t -c user.email=t@example.com -c commit.gpgsign=false " + args, Map.of());
    }

    @Test
    void thePreCommitHookRefusesStagedPortkeyUsage() throws Exception {
        Path repo = Files.createDirectories(tmp.resolve("hooked"));
        assertThat(git(repo, "init -q").exit()).isZero();
        Path hooks = Files.createDirectories(repo.resolve(".git/hooks"));
        Files.copy(HOOK, hooks.resolve("pre-commit"));
        Files.setPosixFilePermissions(hooks.resolve("pre-commit"), PosixFilePermissions.fromString("rwxr-xr-x"));

        write(repo, "README.md", "hello\n");
        assertThat(git(repo, "add README.md").exit()).isZero();
        assertThat(git(repo, "commit -q --no-verify -m clean").exit()).isZero();

        write(repo, "src/Client.java", CLIENT);
        write(repo, "src/Unstaged.java", CLIENT);
        assertThat(git(repo, "add src/Client.java").exit()).isZero();
        Sh refused = git(repo, "commit -q -m portkey");
        assertThat(refused.exit()).isNotZero();
        // git hands the hook's stdout to stderr.
        assertThat(refused.out() + refused.err()).contains("src/Client.java:4:").doesNotContain("Unstaged")
                .contains("still use Portkey").contains("migrate-portkey:ignore");
        assertThat(git(repo, "commit -q --no-verify -m bypass").exit()).isZero();

        write(repo, "src/Local.java", MANUAL_ONLY);
        assertThat(git(repo, "add src/Local.java").exit()).isZero();
        assertThat(git(repo, "commit -q -m manual").exit()).isNotZero();
        Sh allowed = sh(repo, "MIGRATE_PORTKEY_FAIL_ON=fixable git -c user.name=t -c user.email=t@example.com commit -q -m manual",
                Map.of());
        assertThat(allowed.exit()).as(allowed.err()).isZero();
    }
}
