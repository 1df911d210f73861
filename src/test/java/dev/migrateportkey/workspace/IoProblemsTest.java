package dev.migrateportkey.workspace;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;

import static org.assertj.core.api.Assertions.assertThat;

/** The words a user reads when a file could not be read: never a bare exception class and path. */
class IoProblemsTest {

    @Test
    void permissionDeniedSaysWhatToDo() {
        assertThat(IoProblems.describe(new AccessDeniedException("/repo/a.py")))
                .isEqualTo("permission denied (make it readable, or leave it out with --exclude)")
                .doesNotContain("Exception", "/repo/a.py");
    }

    @Test
    void aFileGoneDuringTheScanIsSaidSo() {
        assertThat(IoProblems.describe(new NoSuchFileException("/repo/a.py")))
                .isEqualTo("it was removed or renamed during the scan");
    }

    @Test
    void otherFileSystemErrorsGiveTheirReasonAndTheRestTheirMessage() {
        assertThat(IoProblems.describe(new FileSystemException("/repo/a.py", null, "Input/output error")))
                .isEqualTo("Input/output error");
        assertThat(IoProblems.describe(new IOException("Stale file handle"))).isEqualTo("Stale file handle");
        assertThat(IoProblems.describe(new IOException())).isEqualTo("IOException");
    }
}
