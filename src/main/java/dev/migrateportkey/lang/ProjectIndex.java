package dev.migrateportkey.lang;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What the first pass learned across the whole tree: constants that hold Portkey values (a header
 * name, the gateway URL, a variable name, a Config), by simple and by qualified name. Files that
 * use those names are parsed even when they never spell "portkey".
 */
public final class ProjectIndex {
    private final Map<String, String> constants = new ConcurrentHashMap<>();
    private final Set<String> ambiguous = ConcurrentHashMap.newKeySet();
    private final Map<String, HeaderParameters> headerParameters = new ConcurrentHashMap<>();
    private final Set<String> ambiguousMethods = ConcurrentHashMap.newKeySet();

    /**
     * Parameters of one declared method that carry an {@code x-portkey-*} header by annotation
     * (Retrofit {@code @Header}, Spring {@code @RequestHeader}) and can go without breaking its body:
     * header name by parameter position.
     */
    public record HeaderParameters(String owner, String method, int arity, Map<Integer, String> headers) {
    }

    /** Records {@code owner.name = value} (owner may be null for a module-level name). */
    public void constant(String owner, String name, String value) {
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

    /**
     * A constant holding an {@code x-portkey-*} header name, with its initializer as written. Such a
     * constant means nothing once migrated: when no file of the tree uses it any more, its
     * declaration goes.
     */
    public record HeaderConstant(Path file, String owner, String name, String initializer) {
    }

    private final List<HeaderConstant> headerConstants = new CopyOnWriteArrayList<>();
    private final Set<String> unusedConstants = ConcurrentHashMap.newKeySet();

    public void headerConstant(HeaderConstant c) {
        headerConstants.add(c);
    }

    /**
     * Given the text of every scanned file after migration, finds the header constants nothing uses
     * any more (the name appears only in its own declaration, or in declarations that go too) and
     * returns the files that declare them, which are to be migrated again. Counting is by whole word,
     * so a mention in a comment or a same-named constant elsewhere keeps a constant: it errs on
     * keeping.
     */
    public Set<Path> settleUnusedConstants(Map<Path, String> migratedTexts) {
        Map<HeaderConstant, Integer> uses = new java.util.HashMap<>();
        for (HeaderConstant c : headerConstants) {
            int n = 0;
            for (String text : migratedTexts.values()) {
                n += countWord(text, c.name());
            }
            uses.put(c, n - 1); // its own declaration
        }
        Set<HeaderConstant> removed = new java.util.HashSet<>();
        boolean changed = true;
        while (changed) {
            changed = false;
            for (HeaderConstant c : headerConstants) {
                if (removed.contains(c)) {
                    continue;
                }
                int left = uses.get(c);
                for (HeaderConstant r : removed) {
                    left -= countWord(r.initializer(), c.name());
                }
                if (left <= 0) {
                    removed.add(c);
                    changed = true;
                }
            }
        }
        Set<Path> files = new java.util.HashSet<>();
        for (HeaderConstant c : removed) {
            unusedConstants.add(c.owner() + "." + c.name());
            files.add(c.file());
        }
        return files;
    }

    /** Whether {@code owner.name} is a header constant no migrated file uses any more. */
    public boolean isUnusedConstant(String owner, String name) {
        return unusedConstants.contains(owner + "." + name);
    }

    static int countWord(String text, String word) {
        int n = 0;
        int i = text.indexOf(word);
        while (i >= 0) {
            int end = i + word.length();
            if ((i == 0 || !Character.isJavaIdentifierPart(text.charAt(i - 1)))
                    && (end >= text.length() || !Character.isJavaIdentifierPart(text.charAt(end)))) {
                n++;
            }
            i = text.indexOf(word, end);
        }
        return n;
    }

    /** Records a method whose parameters carry Portkey headers (see {@link HeaderParameters}). */
    public void headerParameters(HeaderParameters p) {
        String key = p.method() + "/" + p.arity();
        HeaderParameters previous = headerParameters.putIfAbsent(key, p);
        if (previous != null && !previous.equals(p)) {
            ambiguousMethods.add(key); // two declarations look alike: their call sites cannot be told apart
        }
    }

    /** The header parameters of the method called {@code method} with {@code arity} arguments, if one is known. */
    public Optional<HeaderParameters> headerParameters(String method, int arity) {
        String key = method + "/" + arity;
        return ambiguousMethods.contains(key) || unsafeMethods.contains(key)
                ? Optional.empty() : Optional.ofNullable(headerParameters.get(key));
    }

    private final Map<String, Set<Path>> attributedCalls = new ConcurrentHashMap<>();
    private final Set<String> unattributedCalls = ConcurrentHashMap.newKeySet();
    private final Set<String> unsafeMethods = ConcurrentHashMap.newKeySet();

    /**
     * Records a call that looks like one of a method with header parameters: {@code attributed}
     * when its file names the owner type, so its arguments can be dropped with the parameters.
     */
    public void headerParameterCall(String method, int arity, Path file, boolean attributed) {
        String key = method + "/" + arity;
        if (attributed) {
            attributedCalls.computeIfAbsent(key, k -> ConcurrentHashMap.newKeySet()).add(file);
        } else {
            unattributedCalls.add(key);
        }
    }

    /**
     * Methods with a call the tool could not tie to their owner (reached through a getter of
     * another type, say) keep their parameters everywhere: dropping them only at the calls it can
     * see would break the build. Returns the files to migrate again (declarations and call sites).
     */
    public Set<Path> settleHeaderParameters() {
        Set<Path> files = new java.util.HashSet<>();
        for (String key : unattributedCalls) {
            HeaderParameters p = headerParameters.get(key);
            if (p != null && unsafeMethods.add(key)) {
                files.addAll(attributedCalls.getOrDefault(key, Set.of()));
                files.addAll(headerParameterFiles.getOrDefault(key, Set.of()));
            }
        }
        return files;
    }

    private final Map<String, Set<Path>> headerParameterFiles = new ConcurrentHashMap<>();

    /** Records the file that declares a method with header parameters. */
    public void headerParameterDeclaredIn(String method, int arity, Path file) {
        headerParameterFiles.computeIfAbsent(method + "/" + arity, k -> ConcurrentHashMap.newKeySet()).add(file);
    }

    /** Whether a method's header parameters must stay because some call could not be tied to it. */
    public boolean headerParametersUnsafe(String method, int arity) {
        return unsafeMethods.contains(method + "/" + arity);
    }

    /** Simple names worth a byte search in files that do not mention Portkey. */
    public Set<String> names() {
        Set<String> out = ConcurrentHashMap.newKeySet();
        // A call of a method with header parameters need not say "portkey": the method's name finds
        // it (also calls that never name the owner type, which then keep the parameters).
        headerParameters.values().forEach(p -> out.add(p.method()));
        for (String k : constants.keySet()) {
            int dot = k.lastIndexOf('.');
            out.add(dot < 0 ? k : k.substring(dot + 1));
        }
        return out;
    }

    public boolean isEmpty() {
        return constants.isEmpty() && headerParameters.isEmpty();
    }
}
