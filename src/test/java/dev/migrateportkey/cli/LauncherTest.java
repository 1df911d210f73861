package dev.migrateportkey.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The {@code migrate-portkey} launcher as a user installs it: linked into a directory on PATH. A
 * stand-in {@code java} prints its arguments, so the test sees which jar the launcher would run
 * without building or starting the tool.
 */
class LauncherTest {

    @Test
    void aLinkToTheLauncherRunsTheJarBesideTheRealFile(@TempDir Path dir) throws Exception {
        assumeThat(Path.of("/bin/bash")).as("bash is needed to run the launcher").exists();
        Path tool = Files.createDirectories(dir.resolve("tool"));
        Path launcher = Files.copy(Path.of("migrate-portkey"), tool.resolve("migrate-portkey"));
        Path jar = Files.createDirectories(tool.resolve("target")).resolve("migrate-portkey.jar");
        Files.writeString(jar, "");
        Path fakeBin = Files.createDirectories(dir.resolve("fake-java"));
        Path java = fakeBin.resolve("java");
        Files.writeString(java, "#!/bin/sh\necho \"java $*\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path bin = Files.createDirectories(dir.resolve("home/.local/bin"));
        Path link = Files.createSymbolicLink(bin.resolve("migrate-portkey"), launcher);

        ProcessBuilder pb = new ProcessBuilder("/bin/bash", link.toString(), "--version")
                .directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("PATH", fakeBin + ":" + System.getenv("PATH"));
        pb.environment().remove("MIGRATE_PORTKEY_JAVA_OPTS");
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(p.exitValue()).as(out).isZero();
        assertThat(out).doesNotContain("building the tool")
                .contains("-jar " + jar.toRealPath() + " --version");
        assertThat(bin.resolve("target")).doesNotExist();
    }
}
