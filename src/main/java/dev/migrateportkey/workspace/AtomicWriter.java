package dev.migrateportkey.workspace;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replaces a file's content all at once: the new bytes go to a temporary file beside it, which is
 * then moved over the original. A reader (or a crash) sees the old file or the new one, never half
 * of each; permissions are kept.
 *
 * <p>A process killed between creating the temporary file and moving it (SIGKILL, power loss of the
 * JVM only) leaves that temporary file behind; nothing can delete it at that moment. Its name is
 * therefore one only this tool makes, {@code .<file>.<pid>.<random>.migrate-portkey.tmp}, carrying
 * the writer's process id, so that {@link StaleTempFiles} can prove on the next run that its owner
 * is gone and remove it.
 */
public final class AtomicWriter {
    /** Suffix of every temporary file this tool creates. */
    public static final String TEMP_SUFFIX = ".migrate-portkey.tmp";
    private static final Pattern TEMP_NAME = Pattern.compile("^\\..+\\.(\\d+)\\.\\d+" + Pattern.quote(TEMP_SUFFIX) + "$");

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
        String prefix = "." + target.getFileName() + "." + ProcessHandle.current().pid() + ".";
        Path tmp = Files.createTempFile(dir, prefix, TEMP_SUFFIX);
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

    /** Whether a file name is one of this tool's temporary files. */
    public static boolean isTempFileName(String name) {
        return TEMP_NAME.matcher(name).matches();
    }

    /** The process id a temporary file's name carries, if it is one of ours. */
    public static OptionalLong ownerPid(String name) {
        Matcher m = TEMP_NAME.matcher(name);
        if (!m.matches()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(m.group(1)));
        } catch (NumberFormatException e) {
            return OptionalLong.empty();
        }
    }
}
