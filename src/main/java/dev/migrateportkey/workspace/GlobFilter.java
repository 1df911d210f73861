package dev.migrateportkey.workspace;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * {@code --include} and {@code --exclude}. A glob with a '/' is matched against the path relative
 * to the scanned root; one without is matched against the file or directory name, as ripgrep does.
 */
final class GlobFilter {
    private final List<Glob> includes;
    private final List<Glob> excludes;

    GlobFilter(List<String> includes, List<String> excludes) {
        this.includes = includes.stream().map(Glob::new).toList();
        this.excludes = excludes.stream().map(Glob::new).toList();
    }

    boolean excludesDirectory(String relativePath) {
        return excludes.stream().anyMatch(g -> g.matches(relativePath) || g.matches(relativePath + "/"));
    }

    boolean accepts(String relativePath) {
        if (excludes.stream().anyMatch(g -> g.matches(relativePath))) {
            return false;
        }
        return includes.isEmpty() || includes.stream().anyMatch(g -> g.matches(relativePath));
    }

    private static final class Glob {
        private final List<PathMatcher> matchers;
        private final boolean byName;

        Glob(String glob) {
            String g = glob.endsWith("/") ? glob + "**" : glob;
            this.byName = !g.contains("/");
            // As in .gitignore and ripgrep, "**/" also matches no directory at all: "src/**/*.java"
            // takes src/A.java too. Java's glob needs at least one, so the zero-directory form is
            // matched as well.
            String zeroDirs = g.replace("/**/", "/");
            if (zeroDirs.startsWith("**/")) {
                zeroDirs = zeroDirs.substring(3);
            }
            this.matchers = (zeroDirs.equals(g) || zeroDirs.isEmpty() ? List.of(g) : List.of(g, zeroDirs)).stream()
                    .map(x -> FileSystems.getDefault().getPathMatcher("glob:" + x)).toList();
        }

        boolean matches(String relativePath) {
            if (relativePath.isEmpty()) {
                return false;
            }
            Path p = Path.of(relativePath);
            Path subject = byName ? p.getFileName() : p;
            return subject != null && matchers.stream().anyMatch(m -> m.matches(subject));
        }
    }
}
