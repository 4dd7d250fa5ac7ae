package io.pagable.store;

import io.pagable.DataKey;
import io.pagable.StoreException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.StampedLock;

/**
 * The file store's in-memory index: key to record location, in one {@code long[]} of open-addressing
 * slots (linear probing) of three longs each: key high half, key low half, location. No object per
 * entry, so the heap cost is {@value #SLOT_BYTES} bytes per slot; with the table kept between 3/8
 * and 3/4 full that is 32 to 64 bytes per entry (while the table grows, the old and the new table
 * exist together for a moment).
 *
 * <p>A location is never 0 (segment ids start at 1), so 0 marks an empty slot. Entries are never
 * removed: the store is append-only. Readers probe under an optimistic {@link StampedLock} stamp
 * and fall back to a read lock when a writer got in between; writers take the write lock.
 */
final class FilestoreIndex {

    static final int SLOT_BYTES = 3 * Long.BYTES;

    private static final int MIN_CAPACITY = 1 << 10;

    private static final int MAX_CAPACITY = 1 << 29;

    private final StampedLock lock = new StampedLock();

    /** Mixed into every hash, so that crafted keys cannot pile up in one probe run. */
    private final long seed = ThreadLocalRandom.current().nextLong();

    private long[] slots = new long[MIN_CAPACITY * 3];

    private int size;

    /**
     * Returns the location stored for a key.
     *
     * @return the location, or 0 if the key is absent
     */
    long find(DataKey key) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            long location = probe(slots, key.high(), key.low());
            if (lock.validate(stamp)) {
                return location;
            }
        }
        stamp = lock.readLock();
        try {
            return probe(slots, key.high(), key.low());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Adds entries whose keys are not yet present; a key already present keeps its location.
     *
     * @return the number of entries added
     */
    int putAllAbsent(long[] highs, long[] lows, long[] locations, int count) {
        long stamp = lock.writeLock();
        try {
            int added = 0;
            for (int i = 0; i < count; i++) {
                if (size + 1 > (slots.length / 3) / 4 * 3) {
                    grow();
                }
                if (insert(slots, highs[i], lows[i], locations[i])) {
                    size++;
                    added++;
                }
            }
            return added;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Adds an entry unless its key is present.
     *
     * @return whether it was added
     */
    boolean putIfAbsent(long high, long low, long location) {
        long[] one = {location};
        return putAllAbsent(new long[] {high}, new long[] {low}, one, 1) == 1;
    }

    int size() {
        long stamp = lock.readLock();
        try {
            return size;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Returns the heap taken by the table, in bytes (the array's payload). */
    long heapBytes() {
        long stamp = lock.readLock();
        try {
            return (long) slots.length * Long.BYTES;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private long probe(long[] table, long high, long low) {
        int capacity = table.length / 3;
        int mask = capacity - 1;
        int slot = hash(high, low) & mask;
        for (int probes = 0; probes < capacity; probes++) {
            int base = slot * 3;
            long location = table[base + 2];
            if (location == 0) {
                return 0;
            }
            if (table[base] == high && table[base + 1] == low) {
                return location;
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    private boolean insert(long[] table, long high, long low, long location) {
        int mask = table.length / 3 - 1;
        int slot = hash(high, low) & mask;
        while (true) {
            int base = slot * 3;
            if (table[base + 2] == 0) {
                table[base] = high;
                table[base + 1] = low;
                table[base + 2] = location;
                return true;
            }
            if (table[base] == high && table[base + 1] == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void grow() {
        int capacity = slots.length / 3;
        if (capacity >= MAX_CAPACITY) {
            throw new StoreException("The file store's index is full at " + size + " entries; split the data over "
                    + "several FileContentStore directories or use a JdbcContentStore");
        }
        long[] bigger = new long[capacity * 2 * 3];
        for (int base = 0; base < slots.length; base += 3) {
            if (slots[base + 2] != 0) {
                insert(bigger, slots[base], slots[base + 1], slots[base + 2]);
            }
        }
        slots = bigger;
    }

    private int hash(long high, long low) {
        long h = (high ^ seed) * 0x9E3779B97F4A7C15L;
        h ^= low;
        h ^= (h >>> 29);
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }
}
