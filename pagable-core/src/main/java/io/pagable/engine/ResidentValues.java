package io.pagable.engine;

import io.pagable.DataKey;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * The values this engine knows to be on the heap, weakly: by key (one instance per key while it is
 * reachable, so a shared node pages in as one object) and, for node instances it wrote, by instance
 * (so writing an instance again costs a lookup, not an encode).
 *
 * <p>Both directions share one {@link WeakReference} per value, and an entry whose value the garbage
 * collector cleared is dropped on the next write or {@link #cleanUp()}: nothing outlives its value for
 * long. Two plain {@link ConcurrentHashMap}s instead of weak Caffeine caches: the engine needs no
 * eviction policy here, and a weak reference plus a map entry is all a value costs.
 *
 * <p>Maps that grew for a large drain or traversal are replaced by small ones once their values are
 * gone, as {@link ConcurrentHashMap} never shrinks its table; writers share a read lock that the
 * replacement takes exclusively (only if it is free at once), so no entry is lost to it. Lookups
 * take no lock. Thread-safe.
 */
final class ResidentValues {

    /** Tables below this many entries are never replaced. */
    private static final int SHRINK_ABOVE = 4_096;

    private final ReferenceQueue<Object> cleared = new ReferenceQueue<>();

    private final StampedLock replacing = new StampedLock();

    private volatile ConcurrentHashMap<DataKey, Entry> byKey = new ConcurrentHashMap<>();

    private volatile ConcurrentHashMap<Object, Entry> byInstance = new ConcurrentHashMap<>();

    /** The largest size each map reached since it was last replaced. */
    private int peakByKey;

    private int peakByInstance;

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
        Entry mine = new Entry(key, value, cleared);
        long stamp = replacing.readLock();
        try {
            expungeCleared();
            ConcurrentHashMap<DataKey, Entry> map = byKey;
            while (true) {
                Entry existing = map.putIfAbsent(key, mine);
                if (existing == null) {
                    return null;
                }
                Object held = existing.get();
                if (held != null) {
                    return held;
                }
                if (map.replace(key, existing, mine)) {
                    return null;
                }
            }
        } finally {
            replacing.unlockRead(stamp);
        }
    }

    /** Remembers a node instance just written under its key, in both directions. */
    void putWritten(DataKey key, Object instance) {
        Entry entry = new Entry(key, instance, cleared);
        long stamp = replacing.readLock();
        try {
            expungeCleared();
            byKey.put(key, entry);
            byInstance.put(entry, entry);
        } finally {
            replacing.unlockRead(stamp);
        }
    }

    /** Drops the entries of cleared values, and replaces tables that have emptied out. */
    synchronized void cleanUp() {
        long stamp = replacing.tryWriteLock();
        if (stamp == 0) {
            return; // writers are busy: clean up another time
        }
        try {
            peakByKey = Math.max(peakByKey, byKey.size()); // the table grew for the entries not yet dropped
            peakByInstance = Math.max(peakByInstance, byInstance.size());
            expungeCleared();
            shrink();
        } finally {
            replacing.unlockWrite(stamp);
        }
    }

    private void shrink() {
        if (peakByKey > SHRINK_ABOVE && byKey.size() < peakByKey / 8) {
            byKey = new ConcurrentHashMap<>(byKey);
            peakByKey = byKey.size();
        }
        if (peakByInstance > SHRINK_ABOVE && byInstance.size() < peakByInstance / 8) {
            byInstance = new ConcurrentHashMap<>(byInstance);
            peakByInstance = byInstance.size();
        }
    }

    int size() {
        return byKey.size();
    }

    /** Drops the entries of cleared values; the caller holds the read or the write lock. */
    private void expungeCleared() {
        Entry entry;
        while ((entry = (Entry) cleared.poll()) != null) {
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
