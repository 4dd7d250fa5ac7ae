package io.pagable;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Function;

/**
 * A map whose values are held weakly: an entry lives while its value is reachable elsewhere, and is
 * dropped on the next {@link #get} that creates a value or on {@link #cleanUp()} once the garbage
 * collector has cleared it. One {@link WeakReference} and one map entry per value, no eviction policy.
 * As {@link ConcurrentHashMap} never shrinks its table, {@link #cleanUp()} replaces the map by a small
 * copy once most of the values created since the last copy are gone (a traversal of 100,000 lists,
 * dropped, would otherwise keep a table of 262,144 slots). Thread-safe; {@link #get} creates a value at
 * most once per key while it stays reachable, and never returns two different values for one key
 * while the first is reachable: creating takes a read lock that the replacement takes exclusively.
 *
 * @param <K> the key type
 * @param <V> the value type
 */
final class WeakValues<K, V> {

    private final ReferenceQueue<V> cleared = new ReferenceQueue<>();

    private final StampedLock replacing = new StampedLock();

    private volatile ConcurrentHashMap<K, Ref<K, V>> map = new ConcurrentHashMap<>();

    /** When the map is replaced by a copy. */
    private final MapCompaction compaction = new MapCompaction();

    /**
     * Returns the value for a key, creating it with {@code create} if none is reachable.
     *
     * @return the one reachable value for the key
     */
    V get(K key, Function<? super K, ? extends V> create) {
        Ref<K, V> ref = map.get(key);
        V value = (ref != null) ? ref.get() : null;
        if (value != null) {
            return value;
        }
        Object[] result = new Object[1];
        long stamp = replacing.readLock();
        try {
            expungeCleared();
            map.compute(key, (k, old) -> {
                V held = (old != null) ? old.get() : null;
                if (held != null) {
                    result[0] = held;
                    return old;
                }
                V made = create.apply(k);
                result[0] = made;
                compaction.added();
                return new Ref<>(k, made, cleared);
            });
        } finally {
            replacing.unlockRead(stamp);
        }
        @SuppressWarnings("unchecked")
        V found = (V) result[0];
        return found;
    }

    /**
     * Drops entries of cleared values, and replaces the map by a copy once most of its values are gone
     * ({@link MapCompaction}; only if no {@link #get} is creating a value at that moment, else at a
     * later clean-up).
     */
    /** Calls {@code action} with the key of every value still reachable. */
    void forEachLiveKey(java.util.function.Consumer<? super K> action) {
        for (Ref<K, V> ref : map.values()) {
            if (ref.get() != null) {
                action.accept(ref.key);
            }
        }
    }

    synchronized void cleanUp() {
        long stamp = replacing.tryWriteLock();
        if (stamp == 0) {
            stamp = replacing.readLock();
            try {
                expungeCleared();
            } finally {
                replacing.unlockRead(stamp);
            }
            return;
        }
        try {
            expungeCleared();
            map = compaction.compacted(map);
        } finally {
            replacing.unlockWrite(stamp);
        }
    }

    /** The map, for tests that it is replaced. */
    Object map() {
        return map;
    }

    private void expungeCleared() {
        Object polled;
        while ((polled = cleared.poll()) != null) {
            @SuppressWarnings("unchecked")
            Ref<K, V> ref = (Ref<K, V>) polled;
            map.remove(ref.key, ref);
        }
    }

    private static final class Ref<K, V> extends WeakReference<V> {

        final K key;

        Ref(K key, V value, ReferenceQueue<V> queue) {
            super(value, queue);
            this.key = key;
        }
    }
}
