package dev.migrateportkey.workspace;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Replaces a file's content all at once: the new bytes go to a temporary file beside it, which is
 * then moved over the original. A reader (or a crash) sees the old file or the new one, never half
 * of each; permissions are kept.
 */
public final class AtomicWriter {
    private AtomicWriter() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        if (Files.isSymbolicLink(target)) {
            throw new IOException(target + " is a symbolic link; the tool does not write through links");
        }
        Path dir = target.toAbsolutePath().getParent();
        Set<PosixFilePermission> perms = null;
        PosixFileAttributeView view = Files.getFileAttributeView(target, PosixFileAttributeView.class, LinkOption.NOFOLLOW_LINKS);
        if (view != null) {
            perms = view.readAttributes().permissions();
        }
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".migrate-portkey.tmp");
        try {
            Files.write(tmp, content);
            if (perms != null) {
                Files.setPosixFilePermissions(tmp, perms);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
