package dev.migrateportkey.workspace;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Temporary files stranded by a killed rewrite are removed only when their writer is gone. */
class StaleTempFilesTest {

    /** The pid of a process that has exited. */
    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        return p.pid();
    }

    @Test
    void removesOnlyOurTempFilesWhoseWriterIsGone(@TempDir Path root) throws Exception {
        long dead = deadPid();
        long live = ProcessHandle.current().parent().map(ProcessHandle::pid).orElseThrow();
        Path sub = Files.createDirectories(root.resolve("src/a"));
        Path stale = Files.writeString(sub.resolve(".A.java." + dead + ".123" + AtomicWriter.TEMP_SUFFIX), "half");
        Path running = Files.writeString(sub.resolve(".B.java." + live + ".456" + AtomicWriter.TEMP_SUFFIX), "half");
        Path mine = Files.writeString(sub.resolve(".C.java." + ProcessHandle.current().pid() + ".7" + AtomicWriter.TEMP_SUFFIX), "x");
        Path user = Files.writeString(sub.resolve("notes.tmp"), "user's");
        Path lookalike = Files.writeString(sub.resolve("x.migrate-portkey.tmp"), "not ours: no pid");
        Path skipped = Files.createDirectories(root.resolve("node_modules"));
        Path inSkipped = Files.writeString(skipped.resolve(".D.java." + dead + ".1" + AtomicWriter.TEMP_SUFFIX), "");

        List<String> notices = new ArrayList<>();
        List<Path> removed = StaleTempFiles.sweep(root, notices);

        assertThat(removed).containsExactly(stale.toAbsolutePath());
        assertThat(stale).doesNotExist();
        assertThat(running).exists();
        assertThat(mine).exists();
        assertThat(user).exists();
        assertThat(lookalike).exists();
        assertThat(inSkipped).exists();
        assertThat(notices).isEmpty();
    }

    @Test
    void aFileRootSweepsOnlyThatFilesTempFiles(@TempDir Path root) throws Exception {
        long dead = deadPid();
        Path a = Files.writeString(root.resolve("A.java"), "class A {}");
        Path aTmp = Files.writeString(root.resolve(".A.java." + dead + ".1" + AtomicWriter.TEMP_SUFFIX), "");
        Path bTmp = Files.writeString(root.resolve(".B.java." + dead + ".1" + AtomicWriter.TEMP_SUFFIX), "");
        assertThat(StaleTempFiles.sweep(a, new ArrayList<>())).containsExactly(aTmp.toAbsolutePath());
        assertThat(bTmp).exists();
    }

    @Test
    void atomicWriterNamesTempFilesWithItsPidAndLeavesNoneBehind(@TempDir Path root) throws Exception {
        Path f = Files.writeString(root.resolve("A.java"), "old");
        AtomicWriter.write(f, "new".getBytes());
        assertThat(f).hasContent("new");
        try (var s = Files.list(root)) {
            assertThat(s.toList()).containsExactly(f);
        }
        String name = ".A.java." + ProcessHandle.current().pid() + ".99" + AtomicWriter.TEMP_SUFFIX;
        assertThat(AtomicWriter.isTempFileName(name)).isTrue();
        assertThat(AtomicWriter.ownerPid(name)).hasValue(ProcessHandle.current().pid());
        assertThat(AtomicWriter.isTempFileName("A.java")).isFalse();
    }
}
