package dev.migrateportkey.lang.typescript;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A directory with the real npm packages migrated TypeScript and JavaScript is checked and run
 * against ({@code typescript}, {@code openai}, {@code @ai-sdk/openai}, {@code @types/node}),
 * installed once from the npm registry and reused across runs.
 *
 * <p>The directory is {@code -Dmigrateportkey.npmCache}, else {@code $MIGRATE_PORTKEY_NPM_CACHE},
 * else {@code ~/.cache/migrate-portkey-npm}. Files to check or run are copied under it, so that
 * Node's and TypeScript's module resolution find its {@code node_modules}.
 */
final class NpmSandbox {
    /** Majors pinned so a new release cannot change what the tests mean. */
    static final List<String> PACKAGES = List.of("typescript@5", "openai@7", "@ai-sdk/openai@4", "@types/node@22");

    /** What a finished process printed. */
    record Result(int exitCode, String output) {
    }

    private NpmSandbox() {
    }

    /** Why the npm tests cannot run here (npm or node missing), or empty when they can. */
    static Optional<String> unavailable() {
        for (String tool : List.of(npm(), "node")) {
            try {
                Process p = new ProcessBuilder(tool, "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    return Optional.of(tool + " --version failed");
                }
            } catch (IOException e) {
                return Optional.of(tool + " is not installed (" + e.getMessage() + ")");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.of("interrupted");
            }
        }
        return Optional.empty();
    }

    static Path directory() {
        String configured = System.getProperty("migrateportkey.npmCache", System.getenv("MIGRATE_PORTKEY_NPM_CACHE"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "migrate-portkey-npm");
    }

    /** The sandbox with its packages installed (npm runs only when they are not there yet). */
    static synchronized Path installed() throws IOException, InterruptedException {
        Path dir = directory();
        Files.createDirectories(dir);
        Path marker = dir.resolve("installed.txt");
        String wanted = String.join(" ", PACKAGES);
        if (Files.exists(marker) && Files.readString(marker).equals(wanted)
                && Files.exists(dir.resolve("node_modules/typescript/bin/tsc"))) {
            return dir;
        }
        Path manifest = dir.resolve("package.json");
        if (!Files.exists(manifest)) {
            Files.writeString(manifest, "{ \"name\": \"migrate-portkey-test-sandbox\", \"private\": true }\n");
        }
        List<String> cmd = new ArrayList<>(List.of(npm(), "install", "--no-audit", "--no-fund", "--loglevel=error"));
        cmd.addAll(PACKAGES);
        Result r = run(dir, 600, Map.of(), cmd);
        if (r.exitCode() != 0) {
            throw new IllegalStateException("npm install " + wanted + " failed in " + dir + ":\n" + r.output());
        }
        Files.writeString(marker, wanted);
        return dir;
    }

    static Result run(Path dir, long timeoutSeconds, Map<String, String> env, List<String> cmd)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        // Read while it runs, so a chatty process cannot block on a full pipe.
        StringBuilder out = new StringBuilder();
        Thread reader = new Thread(() -> {
            try {
                out.append(new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException ignored) {
                // the process died; what was read is kept
            }
        });
        reader.start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            reader.join(5000);
            return new Result(-1, "timed out after " + timeoutSeconds + "s: " + String.join(" ", cmd) + "\n" + out);
        }
        reader.join(5000);
        return new Result(p.exitValue(), out.toString());
    }

    private static String npm() {
        return System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "npm.cmd" : "npm";
    }
}
