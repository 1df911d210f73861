package dev.migrateportkey.workspace;

import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Which of the files a rewrite would change hold uncommitted work in git, so that the rewrite can
 * refuse to mix its changes with the user's (as {@code cargo fix} does). Uses JGit's status.
 */
public final class DirtyFiles {
    private DirtyFiles() {
    }

    /** The result: files with uncommitted changes, and files outside any git work tree. */
    public record Result(List<Path> dirty, List<Path> outsideGit) {
    }

    public static Result check(List<Path> files) throws IOException {
        Map<Path, List<Path>> byRepo = new HashMap<>();
        List<Path> outside = new ArrayList<>();
        for (Path f : files) {
            Optional<Path> top = workTree(f.toAbsolutePath());
            if (top.isEmpty()) {
                outside.add(f);
            } else {
                byRepo.computeIfAbsent(top.get(), k -> new ArrayList<>()).add(f.toAbsolutePath());
            }
        }
        List<Path> dirty = new ArrayList<>();
        for (Map.Entry<Path, List<Path>> e : byRepo.entrySet()) {
            Path top = e.getKey();
            try (Repository repo = new FileRepositoryBuilder().setWorkTree(top.toFile()).setGitDir(top.resolve(".git").toFile())
                    .setMustExist(true).build(); Git git = new Git(repo)) {
                Set<String> changed = new HashSet<>();
                Status st = git.status().call();
                changed.addAll(st.getModified());
                changed.addAll(st.getChanged());
                changed.addAll(st.getAdded());
                changed.addAll(st.getUntracked());
                changed.addAll(st.getConflicting());
                for (Path f : e.getValue()) {
                    String rel = top.relativize(f).toString().replace('\\', '/');
                    if (changed.contains(rel)) {
                        dirty.add(f);
                    }
                }
            } catch (GitAPIException | IllegalArgumentException ex) {
                throw new IOException("git status failed in " + top + ": " + ex.getMessage(), ex);
            }
        }
        return new Result(dirty, outside);
    }

    private static Optional<Path> workTree(Path file) {
        for (Path p = file.getParent(); p != null; p = p.getParent()) {
            if (java.nio.file.Files.isDirectory(p.resolve(".git"))) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
