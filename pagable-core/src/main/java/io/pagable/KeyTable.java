package io.pagable;

import java.util.concurrent.locks.StampedLock;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * A concurrent map from {@link DataKey} to values, made for the engine's hottest lookups: open
 * addressing with the keys' 128 bits held inline in a {@code long[]}, so a lookup touches one slot of
 * an array instead of a table, a node and a key object, and a write allocates nothing. Tables grow
 * (and, on {@link #shrink()}, shrink) by rehashing longs, without the node copying of {@link
 * java.util.concurrent.ConcurrentHashMap}'s resizes.
 *
 * <p>The map is split into segments, each a linear-probing table behind its own {@link StampedLock}:
 * lookups read optimistically and take the read lock only when a write ran meanwhile; writes take
 * their segment's write lock. Removal shifts later slots back (no tombstones). Values are compared by
 * identity. Thread-safe.
 *
 * @param <V> the value type
 */
final class KeyTable<V> {

    private static final int SEGMENT_SHIFT = 58; // 64 segments, chosen by a key's top six hash bits

    private static final int MIN_CAPACITY = 16;

    private final Segment<V>[] segments;

    @SuppressWarnings("unchecked")
    KeyTable() {
        segments = new Segment[1 << (64 - SEGMENT_SHIFT)];
        for (int i = 0; i < segments.length; i++) {
            segments[i] = new Segment<>();
        }
    }

    /**
     * Returns the value for a key.
     *
     * @return the value, or {@code null}
     */
    @Nullable
    V get(DataKey key) {
        long high = key.high();
        long low = key.low();
        long hash = hash(high, low);
        Segment<V> segment = segmentOf(hash);
        StampedLock lock = segment.lock;
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            V found = segment.table.find(high, low, hash);
            if (lock.validate(stamp)) {
                return found;
            }
        }
        stamp = lock.readLock();
        try {
            return segment.table.find(high, low, hash);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Maps a key to a value, replacing any value it had.
     *
     * @return the value replaced, or {@code null}
     */
    @Nullable
    V put(DataKey key, V value) {
        return putUnless(key, value, null);
    }

    /**
     * Maps a key to a value unless its present value passes {@code keep}.
     *
     * @param keep which present values to keep, or {@code null} to replace any
     * @return the present value kept, or {@code null} if {@code value} is now mapped (when a value
     *     was replaced, {@code null} too)
     */
    @Nullable
    V putUnless(DataKey key, V value, @Nullable Predicate<? super V> keep) {
        long high = key.high();
        long low = key.low();
        long hash = hash(high, low);
        Segment<V> segment = segmentOf(hash);
        long stamp = segment.lock.writeLock();
        try {
            Table<V> table = segment.table;
            int slot = table.slotOf(high, low, hash);
            if (slot >= 0) {
                V present = table.values[slot];
                if (keep != null && keep.test(present)) {
                    return present;
                }
                table.values[slot] = value;
                return (keep == null) ? present : null;
            }
            if (segment.size + 1 > table.capacity() / 2) {
                table = table.resized(table.capacity() * 2);
                segment.table = table;
            }
            table.insert(high, low, hash, value);
            segment.size++;
            return null;
        } finally {
            segment.lock.unlockWrite(stamp);
        }
    }

    /**
     * Removes a key's mapping if it maps to exactly this value.
     *
     * @return whether it was removed
     */
    boolean remove(DataKey key, V value) {
        long high = key.high();
        long low = key.low();
        long hash = hash(high, low);
        Segment<V> segment = segmentOf(hash);
        long stamp = segment.lock.writeLock();
        try {
            Table<V> table = segment.table;
            int slot = table.slotOf(high, low, hash);
            if (slot < 0 || table.values[slot] != value) {
                return false;
            }
            table.delete(slot);
            segment.size--;
            return true;
        } finally {
            segment.lock.unlockWrite(stamp);
        }
    }

    /**
     * Makes tables that are mostly empty smaller: at most a quarter full, as after growth. Not done on
     * removal, as a working set that comes and goes with each garbage collection would grow and
     * shrink the tables over and over.
     */
    void shrink() {
        for (Segment<V> segment : segments) {
            long stamp = segment.lock.writeLock();
            try {
                int capacity = segment.table.capacity();
                if (capacity > MIN_CAPACITY && segment.size < capacity / 16) {
                    int smaller = Math.max(MIN_CAPACITY, Integer.highestOneBit(Math.max(1, segment.size)) * 4);
                    segment.table = segment.table.resized(smaller);
                }
            } finally {
                segment.lock.unlockWrite(stamp);
            }
        }
    }

    /**
     * Calls {@code action} with every mapping, one segment at a time under its read lock; writes to
     * other segments go on meanwhile, so this is not a snapshot of the whole table.
     */
    void forEach(java.util.function.BiConsumer<DataKey, V> action) {
        for (Segment<V> segment : segments) {
            long stamp = segment.lock.readLock();
            try {
                Table<V> table = segment.table;
                for (int slot = 0; slot < table.values.length; slot++) {
                    V value = table.values[slot];
                    if (value != null) {
                        action.accept(DataKey.of(table.keys[2 * slot], table.keys[2 * slot + 1]), value);
                    }
                }
            } finally {
                segment.lock.unlockRead(stamp);
            }
        }
    }

    /** The number of mappings; not a snapshot while writes run. */
    int size() {
        int size = 0;
        for (Segment<V> segment : segments) {
            size += segment.size;
        }
        return size;
    }

    /** Table slots in all, for tests of growth and shrinking. */
    int capacity() {
        int capacity = 0;
        for (Segment<V> segment : segments) {
            capacity += segment.table.capacity();
        }
        return capacity;
    }

    /** The segment of a hash: its top six bits. */
    private Segment<V> segmentOf(long hash) {
        return segments[(int) (hash >>> SEGMENT_SHIFT)];
    }

    /** Mixes a key's bits: keys are hashes already, but {@link DataKey#of} accepts any. */
    private static long hash(long high, long low) {
        long hash = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return hash ^ (hash >>> 29);
    }

    private static final class Segment<V> {

        final StampedLock lock = new StampedLock();

        /** Replaced, never changed in size, under the write lock; read optimistically. */
        Table<V> table = new Table<>(MIN_CAPACITY);

        int size;
    }

    /** One linear-probing table: slot i holds keys[2i], keys[2i+1] and values[i]; null is empty. */
    private static final class Table<V> {

        final long[] keys;

        final V[] values;

        final int mask;

        @SuppressWarnings("unchecked")
        Table(int capacity) {
            keys = new long[2 * capacity];
            values = (V[]) new Object[capacity];
            mask = capacity - 1;
        }

        int capacity() {
            return mask + 1;
        }

        /**
         * Finds a key's value. Bounded whatever a concurrent writer does to the arrays, so an
         * optimistic read that the lock then invalidates ends.
         */
        @Nullable
        V find(long high, long low, long hash) {
            int slot = (int) hash & mask;
            for (int probes = 0; probes <= mask; probes++) {
                V value = values[slot];
                if (value == null) {
                    return null;
                }
                if (keys[2 * slot] == high && keys[2 * slot + 1] == low) {
                    return value;
                }
                slot = (slot + 1) & mask;
            }
            return null;
        }

        /** The key's slot, or -1 if absent. */
        int slotOf(long high, long low, long hash) {
            int slot = (int) hash & mask;
            while (values[slot] != null) {
                if (keys[2 * slot] == high && keys[2 * slot + 1] == low) {
                    return slot;
                }
                slot = (slot + 1) & mask;
            }
            return -1;
        }

        /** Puts an absent key in the first free slot of its probe sequence; the table has room. */
        void insert(long high, long low, long hash, V value) {
            int slot = (int) hash & mask;
            while (values[slot] != null) {
                slot = (slot + 1) & mask;
            }
            keys[2 * slot] = high;
            keys[2 * slot + 1] = low;
            values[slot] = value;
        }

        /** Empties a slot and moves back later entries of the run that would not be found past it. */
        void delete(int slot) {
            int hole = slot;
            int next = slot;
            while (true) {
                next = (next + 1) & mask;
                V value = values[next];
                if (value == null) {
                    break;
                }
                int home = (int) hash(keys[2 * next], keys[2 * next + 1]) & mask;
                // the entry at next stays only if its home lies cyclically in (hole, next]
                boolean stays = (hole <= next) ? (hole < home && home <= next) : (hole < home || home <= next);
                if (!stays) {
                    keys[2 * hole] = keys[2 * next];
                    keys[2 * hole + 1] = keys[2 * next + 1];
                    values[hole] = value;
                    hole = next;
                }
            }
            values[hole] = null;
        }

        Table<V> resized(int capacity) {
            Table<V> table = new Table<>(capacity);
            for (int slot = 0; slot <= mask; slot++) {
                V value = values[slot];
                if (value != null) {
                    long high = keys[2 * slot];
                    long low = keys[2 * slot + 1];
                    table.insert(high, low, hash(high, low), value);
                }
            }
            return table;
        }
    }
}
