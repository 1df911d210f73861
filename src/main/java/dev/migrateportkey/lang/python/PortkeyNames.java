package dev.migrateportkey.lang.python;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The names one file imports from {@code portkey_ai}, and what became of them: which local names
 * stand for which Portkey names, which must stay imported (a client left on Portkey, a name
 * without equivalent) and which client classes some code now uses as the OpenAI class. Filled
 * while the file is read; the import rewrite reads it last.
 */
final class PortkeyNames {
    /** The portkey_ai client classes this migrator knows, and the OpenAI classes they become. */
    private static final Map<String, String> CLIENT_CLASSES = Map.of("Portkey", "OpenAI", "AsyncPortkey", "AsyncOpenAI");
    static final String CREATE_HEADERS = "createHeaders";
    static final String GATEWAY_URL = "PORTKEY_GATEWAY_URL";

    /** Local name to the portkey_ai name it was imported as. */
    private final Map<String, String> imported = new LinkedHashMap<>();
    /** portkey_ai names that stay imported (a client left on Portkey, a name without equivalent). */
    private final Set<String> keepImported = new HashSet<>();
    /** Client classes that some code now uses as the OpenAI class. */
    private final Set<String> migratedClasses = new LinkedHashSet<>();

    static boolean isClientClass(String portkeyName) {
        return portkeyName != null && CLIENT_CLASSES.containsKey(portkeyName);
    }

    /** The OpenAI class a Portkey client class becomes ({@code Portkey} to {@code OpenAI}). */
    static String openaiClass(String portkeyName) {
        return CLIENT_CLASSES.get(portkeyName);
    }

    void imported(String local, String portkeyName) {
        imported.put(local, portkeyName);
    }

    /** The portkey_ai name {@code local} was imported as, or null. */
    String portkeyName(String local) {
        return imported.get(local);
    }

    /** {@code local} is still used as a Portkey name: its import stays. */
    void keep(String local) {
        keepImported.add(local);
    }

    boolean kept(String local) {
        return keepImported.contains(local);
    }

    /** Code now uses the client class {@code local} as the OpenAI class: the import must provide it. */
    void migrated(String local) {
        migratedClasses.add(local);
    }

    boolean isMigrated(String local) {
        return migratedClasses.contains(local);
    }
}
