package dev.migrateportkey.lang;

import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * What the first pass learned across the whole tree: constants that hold Portkey values (a header
 * name, the gateway URL, a variable name, a Config), by simple and by qualified name. Files that
 * use those names are parsed even when they never spell "portkey".
 */
public final class ProjectIndex {
    private final Map<String, String> constants = new ConcurrentHashMap<>();
    private final Set<String> ambiguous = ConcurrentHashMap.newKeySet();
    private final Set<String> everywhere = ConcurrentHashMap.newKeySet();
    private final ConcurrentLinkedQueue<PackageName> packageScoped = new ConcurrentLinkedQueue<>();

    /** Where a constant can be used from, by the language's visibility rules. */
    public enum Reach {
        /** Only the declaring file (Java {@code private}): no other file needs a search. */
        FILE,
        /** The declaring package (Java package-private): files of that package only. */
        PACKAGE,
        /** Any file. */
        EVERYWHERE
    }

    /** A package-private name: visible from directories ending in {@code packagePath} and from {@code directory}. */
    private record PackageName(String name, String packagePath, String directory) {
    }

    /** Records {@code owner.name = value} (owner may be null for a module-level name), usable from anywhere. */
    public void constant(String owner, String name, String value) {
        constant(owner, name, value, Reach.EVERYWHERE, "", "");
    }

    /**
     * Records {@code owner.name = value} with its reach, so that the search for files using it (which
     * reads every file that does not mention Portkey) is limited to the files that could.
     *
     * @param packagePath  for {@link Reach#PACKAGE}: the package as a path ({@code com/acme/ai})
     * @param directory    for {@link Reach#PACKAGE}: the declaring file's directory, relative to the root
     */
    public void constant(String owner, String name, String value, Reach reach, String packagePath, String directory) {
        switch (reach) {
            case EVERYWHERE -> everywhere.add(name);
            case PACKAGE -> packageScoped.add(new PackageName(name, packagePath, directory));
            case FILE -> { }
        }
        record(owner, name, value);
    }

    private void record(String owner, String name, String value) {
        if (owner != null) {
            constants.put(owner + "." + name, value);
        }
        String previous = constants.putIfAbsent(name, value);
        if (previous != null && !previous.equals(value)) {
            ambiguous.add(name);
        }
    }

    /** The value of a qualified ({@code Owner.NAME}) or simple name, if known and unambiguous. */
    public Optional<String> constant(String name) {
        if (ambiguous.contains(name)) {
            return Optional.empty();
        }
        return Optional.ofNullable(constants.get(name));
    }

    /** Simple names worth a byte search in files that do not mention Portkey. */
    public Set<String> names() {
        Set<String> out = ConcurrentHashMap.newKeySet();
        for (String k : constants.keySet()) {
            int dot = k.lastIndexOf('.');
            out.add(dot < 0 ? k : k.substring(dot + 1));
        }
        return out;
    }

    /**
     * The names a file in {@code relativeDirectory} ('/'-separated, relative to the scanned root)
     * could use without spelling "portkey": public ones, and package-private ones of its package
     * (a directory ending in the package's path, or the declaring file's own directory).
     */
    public Set<String> namesVisibleFrom(String relativeDirectory) {
        Set<String> out = new HashSet<>(everywhere);
        String dir = "/" + relativeDirectory;
        for (PackageName p : packageScoped) {
            if (p.directory.equals(relativeDirectory) || (!p.packagePath.isEmpty() && (dir.endsWith("/" + p.packagePath)))) {
                out.add(p.name);
            }
        }
        return out;
    }

    public boolean isEmpty() {
        return constants.isEmpty();
    }
}
