package io.pagable;

import java.lang.ref.WeakReference;
import java.util.List;
import java.util.function.Consumer;

/**
 * The arcs this engine wrote that are still reachable, weakly, so that the engine can tell the
 * garbage collector which keys its arcs hold ({@link #forEachKey}); arcs made from a key are in the
 * loader's arc table instead. One {@link WeakReference} and one array slot per written arc; cleared
 * references are dropped when {@link #forEachKey} finds at least half of them cleared. Thread-safe:
 * registering and enumerating take this object's lock, once per write batch and once per lease
 * renewal.
 */
final class HeldArcs {

    @SuppressWarnings("unchecked")
    private WeakReference<PagableArc<?>>[] refs = new WeakReference[64];

    private int size;

    synchronized void addAll(List<PagableArc<?>> arcs) {
        if (size + arcs.size() > refs.length) {
            grow(size + arcs.size());
        }
        for (PagableArc<?> arc : arcs) {
            refs[size++] = new WeakReference<>(arc);
        }
    }

    /** Calls {@code action} with the key of every reachable arc, and drops the cleared references. */
    synchronized void forEachKey(Consumer<DataKey> action) {
        int live = 0;
        for (int i = 0; i < size; i++) {
            PagableArc<?> arc = refs[i].get();
            if (arc == null) {
                continue;
            }
            DataKey key = arc.currentKey();
            if (key != null) {
                action.accept(key);
            }
            refs[live++] = refs[i];
        }
        java.util.Arrays.fill(refs, live, size, null);
        size = live;
        if (refs.length > 64 && size < refs.length / 4) {
            refs = java.util.Arrays.copyOf(refs, Math.max(64, size * 2));
        }
    }

    synchronized int size() {
        return size;
    }

    private void grow(int needed) {
        int capacity = refs.length;
        while (capacity < needed) {
            capacity = Math.multiplyExact(capacity, 2);
        }
        refs = java.util.Arrays.copyOf(refs, capacity);
    }
}
