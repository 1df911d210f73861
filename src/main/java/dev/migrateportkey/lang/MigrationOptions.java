package dev.migrateportkey.lang;

import java.nio.file.Path;
import java.util.Map;

/**
 * Choices the user made that change what migrators write.
 *
 * @param pinProvider  whether model slugs keep the provider the code pinned
 * @param virtualKeys  virtual key name to provider, from {@code --virtual-key NAME=PROVIDER}
 * @param configFiles  saved Config id to an exported JSON file, from {@code --config-file ID=PATH}
 */
public record MigrationOptions(PinProvider pinProvider, Map<String, String> virtualKeys, Map<String, Path> configFiles) {

    public MigrationOptions {
        virtualKeys = Map.copyOf(virtualKeys);
        configFiles = Map.copyOf(configFiles);
    }

    public static MigrationOptions defaults() {
        return new MigrationOptions(PinProvider.ALWAYS, Map.of(), Map.of());
    }

    /** {@code --pin-provider}. */
    public enum PinProvider {
        /** Keep the provider pin the code had: {@code bedrock/claude-sonnet-4-6}. */
        ALWAYS,
        /** Pin only where the host differs from the model's author. */
        HOSTED,
        /** Bare slugs only. */
        NEVER
    }
}
