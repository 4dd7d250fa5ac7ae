package io.pagable;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * The values this engine knows to be on the heap, weakly: by key (one instance per key while it is
 * reachable, so a shared node pages in as one object) and, for node instances it wrote, by instance
 * (so writing an instance again costs a lookup, not an encode).
 *
 * <p>Both directions share one {@link WeakReference} per value, and an entry whose value the garbage
 * collector cleared is dropped on the next write or {@link #cleanUp()}: nothing outlives its value for
 * long. By key, a {@link KeyTable} (every page-in looks a key up and adds one, so this is the
 * engine's hottest map); by instance, a {@link ConcurrentHashMap}. No weak Caffeine caches: the
 * engine needs no eviction policy here, and a weak reference plus a slot is all a value costs.
 *
 * <p>The key table shrinks on {@link #cleanUp()}. The instance map, as {@link ConcurrentHashMap}
 * never shrinks its table, is replaced by a small one once its values are gone ({@link MapCompaction}); writers share a read
 * lock that the replacement takes exclusively (only if it is free at once), so no entry is lost to
 * it. Lookups take no lock. Thread-safe.
 */
final class ResidentValues {

    private static final Predicate<Entry> REACHABLE = (entry) -> entry.get() != null;

    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    private final StampedLock replacing = new StampedLock();

    private final KeyTable<Entry> byKey = new KeyTable<>();

    private volatile ConcurrentHashMap<Object, Entry> byInstance = new ConcurrentHashMap<>();

    /** When the instance map is replaced by a copy. */
    private final MapCompaction instanceCompaction = new MapCompaction();

    /**
     * Returns the value remembered for a key, if it is still reachable.
     *
     * @return the value, or {@code null}
     */
    @Nullable
    Object get(DataKey key) {
        Entry entry = byKey.get(key);
        return (entry != null) ? entry.get() : null;
    }

    /**
     * Calls {@code action} with the key of every value still reachable: the keys that the values on
     * this engine's heap were read from or written as.
     */
    void forEachLiveKey(java.util.function.Consumer<DataKey> action) {
        byKey.forEach((key, entry) -> {
            if (entry.get() != null) {
                action.accept(key);
            }
        });
    }

    /**
     * Returns the key of a node instance this engine wrote, if it did.
     *
     * @return the key, or {@code null}
     */
    @Nullable
    DataKey keyOf(Object instance) {
        Entry entry = byInstance.get(new Lookup(instance));
        return (entry != null) ? entry.key : null;
    }

    /**
     * Remembers a value read for a key, unless another reachable value is remembered for it.
     *
     * @return the value remembered before, or {@code null} if {@code value} is now the one
     */
    @Nullable
    Object putIfAbsent(DataKey key, Object value) {
        expungeCleared();
        Entry mine = new Entry(key, value, cleared);
        while (true) {
            Entry kept = byKey.putUnless(key, mine, REACHABLE);
            if (kept == null) {
                return null;
            }
            Object held = kept.get();
            if (held != null) {
                return held;
            }
            // collected between the table's test and here: the next attempt replaces it
        }
    }

    /** Remembers a node instance just written under its key, in both directions. */
    void putWritten(DataKey key, Object instance) {
        Entry entry = new Entry(key, instance, cleared);
        long stamp = replacing.readLock();
        try {
            expunge((Entry) cleared.poll());
            byKey.put(key, entry);
            byInstance.put(entry, entry);
            instanceCompaction.added();
        } finally {
            replacing.unlockRead(stamp);
        }
    }

    /** Drops the entries of cleared values, and replaces the instance map if it has emptied out. */
    synchronized void cleanUp() {
        expungeCleared();
        byKey.shrink();
        long stamp = replacing.tryWriteLock();
        if (stamp == 0) {
            return; // writers are busy: replace the instance map another time
        }
        try {
            expunge((Entry) cleared.poll());
            byInstance = instanceCompaction.compacted(byInstance);
        } finally {
            replacing.unlockWrite(stamp);
        }
    }

    int size() {
        return byKey.size();
    }

    /** The instance map, for tests that it is replaced. */
    Object instanceMap() {
        return byInstance;
    }

    /** Table slots of the key table, for tests that it shrinks. */
    int keyCapacity() {
        return byKey.capacity();
    }

    /** Drops the entries of cleared values; the caller holds no lock. */
    private void expungeCleared() {
        Entry first = (Entry) cleared.poll();
        if (first != null) {
            long stamp = replacing.readLock();
            try {
                expunge(first);
            } finally {
                replacing.unlockRead(stamp);
            }
        }
    }

    /**
     * Drops the entries of cleared values, from {@code first} on; the caller holds the read or the
     * write lock, so no removal from the instance map is lost to its replacement.
     */
    private void expunge(@Nullable Entry first) {
        for (Entry entry = first; entry != null; entry = (Entry) cleared.poll()) {
            byKey.remove(entry.key, entry);
            byInstance.remove(entry, entry);
        }
    }

    /**
     * A weak reference to a value, which is also its own identity key in {@code byInstance}: equal to
     * another entry or a {@link Lookup} only for the same, still reachable instance.
     */
    private static final class Entry extends WeakReference<Object> {

        final DataKey key;

        private final int hash;

        Entry(DataKey key, Object value, ReferenceQueue<Object> queue) {
            super(value, queue);
            this.key = key;
            this.hash = System.identityHashCode(value);
        }

        @Override
        public boolean equals(Object other) {
            if (other == this) {
                return true;
            }
            Object value = get();
            if (value == null) {
                return false;
            }
            if (other instanceof Lookup lookup) {
                return lookup.instance == value;
            }
            return other instanceof Entry entry && entry.get() == value;
        }

        @Override
        public int hashCode() {
            return hash;
        }
    }

    /** The probe for a lookup by instance, equal to the entry of that instance. */
    private static final class Lookup {

        final Object instance;

        Lookup(Object instance) {
            this.instance = instance;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Entry entry && entry.get() == instance;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(instance);
        }
    }
}
