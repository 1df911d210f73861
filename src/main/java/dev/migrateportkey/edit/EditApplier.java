package dev.migrateportkey.edit;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;

/**
 * Applies a set of {@link TextEdit}s to a text in one pass.
 *
 * <p>Identical edits count once, as do edits of the same range with the same replacement; the same
 * range with different replacements is a conflict. An edit wholly inside a larger replacement is subsumed by it (a
 * header call that is dropped takes the key rename inside it along). Any other overlap is refused
 * with an {@link EditConflictException}: a garbled file is worse than no change. Insertions at the
 * same offset keep the order in which they were given.
 */
public final class EditApplier {

    private EditApplier() {
    }

    public static String apply(String text, List<TextEdit> edits) throws EditConflictException {
        List<TextEdit> ordered = normalize(edits);
        StringBuilder out = new StringBuilder(text.length() + 64);
        int cursor = 0;
        for (TextEdit e : ordered) {
            if (e.end() > text.length()) {
                throw new IllegalArgumentException("edit past end of text: " + e);
            }
            out.append(text, cursor, e.start()).append(e.replacement());
            cursor = e.end();
        }
        out.append(text, cursor, text.length());
        return out.toString();
    }

    /** Sorted, de-duplicated, subsumed edits removed; throws on a partial overlap. */
    public static List<TextEdit> normalize(List<TextEdit> edits) throws EditConflictException {
        // Identical edits count once even when others stand between them.
        List<TextEdit> sorted = new ArrayList<>(new LinkedHashSet<>(edits));
        // Stable sort: by start, then replacements before insertions at the same start is wrong for
        // "insert above a line that is then replaced", so insertions come first at equal starts.
        sorted.sort(Comparator.comparingInt(TextEdit::start)
                .thenComparing(e -> e.isInsertion() ? 0 : 1)
                .thenComparing(Comparator.comparingInt(TextEdit::end).reversed()));
        List<TextEdit> result = new ArrayList<>(sorted.size());
        TextEdit outer = null;
        for (TextEdit e : sorted) {
            if (!result.isEmpty() && result.get(result.size() - 1).equals(e)) {
                continue;
            }
            if (outer != null && !e.isInsertion() && outer.start() == e.start() && outer.end() == e.end()) {
                // Same range from two rules: the same result counts once, two different ones conflict.
                if (outer.replacement().equals(e.replacement())) {
                    continue;
                }
                throw new EditConflictException(outer, e);
            }
            if (outer != null && outer.covers(e)) {
                continue;
            }
            if (outer != null && outer.overlaps(e)) {
                throw new EditConflictException(outer, e);
            }
            result.add(e);
            if (!e.isInsertion() && (outer == null || e.end() > outer.end())) {
                outer = e;
            }
        }
        return result;
    }
}
