package dev.migrateportkey.lang;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

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
        return ambiguousMethods.contains(key) ? Optional.empty() : Optional.ofNullable(headerParameters.get(key));
    }

    /** Simple names worth a byte search in files that do not mention Portkey. */
    public Set<String> names() {
        Set<String> out = ConcurrentHashMap.newKeySet();
        // A call site of a method with header parameters need not say "portkey": its owner's name finds it.
        headerParameters.values().forEach(p -> out.add(p.owner()));
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
