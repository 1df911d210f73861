package dev.migrateportkey.lang.manifest;

import dev.migrateportkey.lang.FileMigration;
import dev.migrateportkey.lang.Migrator;

import java.util.Locale;
import java.util.Set;

/**
 * Dependency manifests: {@code requirements*.txt}, {@code pyproject.toml}, {@code Pipfile},
 * {@code package.json}, {@code pom.xml}, {@code build.gradle(.kts)}; and lock files, which are
 * reported and never edited. The {@code dependency} rules say which packages go and which OpenAI
 * SDK requirement replaces them.
 */
public final class ManifestMigrator implements Migrator {
    private static final Set<String> LOCK_FILES = Set.of("package-lock.json", "npm-shrinkwrap.json", "yarn.lock",
            "pnpm-lock.yaml", "poetry.lock", "pipfile.lock", "uv.lock", "pdm.lock", "gradle.lockfile");

    /** The manifest kinds, by file name. */
    enum Kind { REQUIREMENTS, TOML, PACKAGE_JSON, POM, GRADLE, LOCK }

    @Override
    public String language() {
        return "manifest";
    }

    @Override
    public boolean accepts(String fileName) {
        return kind(fileName) != null;
    }

    static Kind kind(String fileName) {
        String n = fileName.toLowerCase(Locale.ROOT);
        if (LOCK_FILES.contains(n)) {
            return Kind.LOCK;
        }
        if (n.endsWith(".txt") && (n.startsWith("requirements") || n.startsWith("constraints"))) {
            return Kind.REQUIREMENTS;
        }
        if (n.equals("pyproject.toml") || n.equals("pipfile")) {
            return Kind.TOML;
        }
        if (n.equals("package.json")) {
            return Kind.PACKAGE_JSON;
        }
        if (n.equals("pom.xml")) {
            return Kind.POM;
        }
        if (n.equals("build.gradle") || n.equals("build.gradle.kts")) {
            return Kind.GRADLE;
        }
        return null;
    }

    @Override
    public void migrate(FileMigration work) {
        switch (kind(work.file().fileName())) {
            case REQUIREMENTS -> PythonRequirements.migrate(work);
            case TOML -> Toml.migrate(work);
            case PACKAGE_JSON -> PackageJson.migrate(work);
            case POM -> MavenPom.migrate(work);
            case GRADLE -> Gradle.migrate(work);
            case LOCK -> LockFiles.migrate(work);
        }
    }
}
