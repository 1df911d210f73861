package dev.migrateportkey.lang.typescript;

import dev.migrateportkey.edit.TextEdit;

import java.util.Collections;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.PriorityQueue;
import java.util.Set;

import static dev.migrateportkey.lang.typescript.JsFileContext.HEADER_KEYS;

/**
 * Turns the pending {@link ObjectRewrite}s of a file into text edits, innermost object first: a
 * header object left empty takes its {@code headers:} entry along (which may empty its owner in
 * turn), and a per-request options object left empty its argument. Done once, after every shape
 * handler has recorded its entry edits.
 */
final class ObjectEdits {
    private ObjectEdits() {
    }

    static void emit(JsFileContext ctx) {
        PriorityQueue<ObjectRewrite> queue = new PriorityQueue<>(
                Comparator.comparingInt((ObjectRewrite o) -> o.object().start()).reversed());
        queue.addAll(ctx.objects.values());
        Set<JsNode> done = Collections.newSetFromMap(new IdentityHashMap<>());
        while (!queue.isEmpty()) {
            ObjectRewrite rw = queue.poll();
            JsNode object = rw.object();
            if (!done.add(object)) {
                continue;
            }
            if (rw.becomesEmpty()) {
                JsNode owner = ctx.headerOwners.get(object);
                if (owner != null) {
                    JsNode parentObject = owner.parent();
                    boolean fresh = !ctx.objects.containsKey(parentObject);
                    ctx.rewrite(parentObject).remove(owner, "header-other");
                    if (fresh) {
                        queue.add(ctx.objects.get(parentObject));
                    }
                    continue;
                }
                JsNode args = object.parent();
                if (args != null && args.is("arguments") && emptiedOptions(object)) {
                    List<JsNode> list = args.namedChildren();
                    int idx = list.indexOf(object);
                    if (idx > 0) {
                        ctx.work.edit(TextEdit.delete(list.get(idx - 1).end(), object.end(), "header-other"));
                        continue;
                    }
                }
            }
            for (TextEdit e : rw.edits(ctx.text)) {
                ctx.work.edit(e);
            }
        }
    }

    /** Only objects that held headers (or held only a headers entry) disappear when empty. */
    private static boolean emptiedOptions(JsNode object) {
        for (JsNode entry : object.namedChildren()) {
            String key = JsValues.keyName(entry);
            if (key == null || !(HEADER_KEYS.contains(key) || key.toLowerCase(Locale.ROOT).startsWith("x-portkey-"))) {
                return false;
            }
        }
        return true;
    }
}
