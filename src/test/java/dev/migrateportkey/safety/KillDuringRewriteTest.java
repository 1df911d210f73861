package dev.migrateportkey.safety;

import dev.migrateportkey.lang.MigrationOptions;
import dev.migrateportkey.lang.Migrators;
import dev.migrateportkey.plan.FilePlan;
import dev.migrateportkey.plan.MigrationPlan;
import dev.migrateportkey.plan.Planner;
import dev.migrateportkey.rules.RuleLoader;
import dev.migrateportkey.workspace.AtomicWriter;
import dev.migrateportkey.workspace.WalkOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchService;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, guarantee 1: a {@code rewrite} killed with SIGKILL at any moment leaves every file wholly
 * old or wholly new, and the temporary files a kill can strand are removed by the next run.
 *
 * <p>The tool runs as a child JVM over 1,500 generated Portkey files and is killed
 * ({@link Process#destroyForcibly()} sends SIGKILL on Linux) at several points: during start-up and
 * planning, and at increasing delays after its first write (seen through inotify). After each kill
 * every file must equal either its original bytes or the rewrite computed in process; then the next
 * run carries on, and the last one runs to the end.
 */
class KillDuringRewriteTest {
    private static final int FILES = 1500;
    private static final int DIRECTORIES = 15;

    private static String source(int i) {
        return """
                package gen.p%d;

                import java.util.HashMap;
                import java.util.Map;

                /** Generated file %d. */
                public class Client%d {
                    static final String GATEWAY = "https://api.portkey.ai/v1";

                    okhttp3.Request request(okhttp3.Request.Builder b) {
                        return b.url(GATEWAY + "/chat/completions")
                                .header("x-portkey-api-key", System.getenv("PORTKEY_API_KEY"))
                                .header("x-portkey-provider", "openai")
                                .header("x-portkey-trace-id", "trace-%d")
                                .build();
                    }

                    Map<String, String> headers() {
                        Map<String, String> h = new HashMap<>();
                        h.put("x-portkey-api-key", System.getenv("PORTKEY_API_KEY"));
                        h.put("x-portkey-metadata", "{\\"_user\\":\\"u%d\\"}");
                        return h;
                    }
                }
                """.formatted(i % DIRECTORIES, i, i, i, i);
    }

    @Test
    void killedRewritesLeaveEveryFileWhollyOldOrWhollyNewAndNoTempFilesAtTheEnd(@TempDir Path dir) throws Exception {
        List<Path> dirs = new ArrayList<>();
        for (int d = 0; d < DIRECTORIES; d++) {
            dirs.add(Files.createDirectories(dir.resolve("src/gen/p" + d)));
        }
        Map<Path, byte[]> oldBytes = new HashMap<>();
        for (int i = 0; i < FILES; i++) {
            Path f = dirs.get(i % DIRECTORIES).resolve("Client" + i + ".java");
            byte[] b = source(i).getBytes(StandardCharsets.UTF_8);
            Files.write(f, b);
            oldBytes.put(f.toAbsolutePath(), b);
        }
        Map<Path, byte[]> newBytes = new HashMap<>(oldBytes);
        MigrationPlan plan = new Planner(new RuleLoader().load(null), Migrators.all(), MigrationOptions.defaults(),
                WalkOptions.defaults()).plan(List.of(dir));
        for (FilePlan f : plan.changedFiles()) {
            newBytes.put(f.path().toAbsolutePath(), f.newBytes());
        }
        assertThat(plan.changedFiles()).as("every generated file is rewritten").hasSize(FILES);

        // Kill during start-up/planning (no write yet), then at growing delays after the first write.
        long[] delaysAfterFirstWrite = {-1, 0, 2, 10, 40};
        int killedMidWrite = 0;
        int strandedTempFiles = 0;
        for (long delay : delaysAfterFirstWrite) {
            Process p = startRewrite(dir);
            try (WatchService watch = FileSystems.getDefault().newWatchService()) {
                for (Path d : dirs) {
                    d.register(watch, StandardWatchEventKinds.ENTRY_CREATE);
                }
                if (delay < 0) {
                    Thread.sleep(300);
                } else {
                    // Wait for the first file created by the child (a temporary file of AtomicWriter).
                    if (watch.poll(120, TimeUnit.SECONDS) == null) {
                        break;
                    }
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                }
            }
            p.destroyForcibly();
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            State s = state(dir, oldBytes, newBytes);
            assertThat(s.torn).as("files that are neither the original nor the rewrite after a kill").isEmpty();
            assertThat(s.unexpected).as("files the tool must never create").isEmpty();
            strandedTempFiles += s.tempFiles.size();
            System.out.printf("kill %d ms after first write: %d old, %d new, %d temporary files%n",
                    delay, s.oldCount, s.newCount, s.tempFiles.size());
            if (s.oldCount > 0 && s.newCount > 0 && p.exitValue() != 0) {
                killedMidWrite++;
            }
        }
        assertThat(killedMidWrite).as("kills that landed between the first and the last write").isPositive();

        Process last = startRewrite(dir);
        String err = new String(last.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(last.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(last.exitValue()).as(err).isZero();
        State end = state(dir, oldBytes, newBytes);
        assertThat(end.torn).isEmpty();
        assertThat(end.unexpected).isEmpty();
        assertThat(end.tempFiles).as("temporary files left after a complete run (%d were stranded by kills)",
                strandedTempFiles).isEmpty();
        assertThat(end.oldCount).as("files still unmigrated after a complete run").isZero();
        assertThat(end.newCount).isEqualTo(FILES);
    }

    private static Process startRewrite(Path dir) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return new ProcessBuilder(java, "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
                "-cp", System.getProperty("java.class.path"),
                "dev.migrateportkey.cli.Main", "rewrite", "--allow-dirty", dir.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
    }

    private static final class State {
        final List<Path> torn = new ArrayList<>();
        final List<Path> tempFiles = new ArrayList<>();
        final List<Path> unexpected = new ArrayList<>();
        int oldCount;
        int newCount;
    }

    private static State state(Path dir, Map<Path, byte[]> oldBytes, Map<Path, byte[]> newBytes) throws IOException {
        State s = new State();
        List<Path> files;
        try (Stream<Path> w = Files.walk(dir)) {
            files = w.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            Path abs = f.toAbsolutePath();
            byte[] old = oldBytes.get(abs);
            if (old == null) {
                (AtomicWriter.isTempFileName(f.getFileName().toString()) ? s.tempFiles : s.unexpected).add(f);
                continue;
            }
            byte[] now = Files.readAllBytes(f);
            if (Arrays.equals(now, old)) {
                s.oldCount++;
            } else if (Arrays.equals(now, newBytes.get(abs))) {
                s.newCount++;
            } else {
                s.torn.add(f);
            }
        }
        assertThat(s.oldCount + s.newCount + s.torn.size()).as("every original file is still there").isEqualTo(oldBytes.size());
        return s;
    }
}
