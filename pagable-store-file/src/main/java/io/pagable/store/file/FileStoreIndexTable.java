package io.pagable.store.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.jspecify.annotations.Nullable;

/**
 * One hash table of the {@link FileStoreIndex}: {@code capacity} open-addressing slots (linear
 * probing) of {@value #SLOT_BYTES} bytes each (key high half, key low half, location), over direct
 * buffers of up to a power-of-two number of slots each, not on the Java heap. A location is never 0
 * (segment ids start at 1), so 0 marks an empty slot; an entry, once in, is never removed or
 * changed.
 *
 * <p>Batches of keys are probed and inserted in groups of {@value #GROUP}, each group's first slots
 * loaded together before its keys are probed, so that the processor waits for those memory reads at
 * once rather than one after another (a table of millions of slots is far larger than the
 * processor's caches, and a key's slot is anywhere in it).
 *
 * <p>Not thread-safe: the index reads it under its lock's stamp or read lock and changes it under
 * the write lock. The caller keeps it below full (an insert into a full table would not return).
 */
final class FileStoreIndexTable {

    static final int SLOT_BYTES = 3 * Long.BYTES;

    /** Keys whose first slots {@link #probeAll} and {@link #insertAll} load together. */
    static final int GROUP = 16;

    final ByteBuffer[] buffers;

    final int capacity;

    private final int shift;

    private final int slotMask;

    /** Mixed into every hash, so that crafted keys cannot pile up in one probe run. */
    private final long seed;

    /**
     * Allocates an empty table.
     *
     * @param capacity the number of slots, a power of two
     * @param slotsPerBuffer the most slots one direct buffer holds, a power of two
     * @param seed mixed into every hash: the index's, the same for each of its tables
     */
    FileStoreIndexTable(int capacity, int slotsPerBuffer, long seed) {
        int perBuffer = Math.min(capacity, slotsPerBuffer);
        this.capacity = capacity;
        this.seed = seed;
        this.shift = Integer.numberOfTrailingZeros(perBuffer);
        this.slotMask = perBuffer - 1;
        this.buffers = new ByteBuffer[capacity / perBuffer];
        for (int i = 0; i < buffers.length; i++) {
            buffers[i] = ByteBuffer.allocateDirect(perBuffer * SLOT_BYTES).order(ByteOrder.nativeOrder());
        }
    }

    /**
     * Returns the location stored for a key.
     *
     * @return the location, or 0 if the key is absent
     */
    long probe(long high, long low) {
        int mask = capacity - 1;
        int slot = hash(high, low) & mask;
        for (int probes = 0; probes < capacity; probes++) {
            ByteBuffer buffer = buffer(slot);
            int at = position(slot);
            long location = buffer.getLong(at + 2 * Long.BYTES);
            if (location == 0) {
                return 0;
            }
            if (buffer.getLong(at) == high && buffer.getLong(at + Long.BYTES) == low) {
                return location;
            }
            slot = (slot + 1) & mask;
        }
        return 0;
    }

    /**
     * Finds the locations of many keys, as {@link #probe} does for each, a group at a time.
     *
     * @param locations receives the location of each key, or 0 for an absent key
     */
    void probeAll(long[] highs, long[] lows, int count, long[] locations) {
        for (int from = 0; from < count; from += GROUP) {
            int to = Math.min(count, from + GROUP);
            long touched = touchFirstSlots(highs, lows, from, to);
            for (int i = from; i < to; i++) {
                locations[i] = probe(highs[i], lows[i]);
            }
            keep(touched);
        }
    }

    /**
     * Inserts entries whose keys are not yet present, in order (of two entries of one key, the first
     * is inserted), a group at a time; a key already present keeps its location. The table must have
     * room for them all.
     *
     * @param added receives whether each entry was inserted, if not null
     * @return the number of entries inserted
     */
    int insertAll(long[] highs, long[] lows, long[] locations, int count, boolean @Nullable [] added) {
        int total = 0;
        for (int from = 0; from < count; from += GROUP) {
            int to = Math.min(count, from + GROUP);
            long touched = touchFirstSlots(highs, lows, from, to);
            for (int i = from; i < to; i++) {
                boolean inserted = insert(highs[i], lows[i], locations[i]);
                if (inserted) {
                    total++;
                }
                if (added != null) {
                    added[i] = inserted;
                }
            }
            keep(touched);
        }
        return total;
    }

    /** Inserts every entry of this table into a larger one, which this table is not changed by. */
    void rehashInto(FileStoreIndexTable bigger) {
        for (int slot = 0; slot < capacity; slot++) {
            ByteBuffer buffer = buffer(slot);
            int at = position(slot);
            long location = buffer.getLong(at + 2 * Long.BYTES);
            if (location != 0) {
                bigger.insert(buffer.getLong(at), buffer.getLong(at + Long.BYTES), location);
            }
        }
    }

    /**
     * Inserts an entry unless its key is present.
     *
     * @return whether it was inserted
     */
    private boolean insert(long high, long low, long location) {
        int mask = capacity - 1;
        int slot = hash(high, low) & mask;
        while (true) {
            ByteBuffer buffer = buffer(slot);
            int at = position(slot);
            if (buffer.getLong(at + 2 * Long.BYTES) == 0) {
                buffer.putLong(at, high);
                buffer.putLong(at + Long.BYTES, low);
                buffer.putLong(at + 2 * Long.BYTES, location);
                return true;
            }
            if (buffer.getLong(at) == high && buffer.getLong(at + Long.BYTES) == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    /**
     * Reads the first slot of each key in {@code [from, to)}, so that their cache misses overlap
     * before the keys are probed one by one; returns a sum for {@link #keep}.
     */
    private long touchFirstSlots(long[] highs, long[] lows, int from, int to) {
        int mask = capacity - 1;
        long touched = 0;
        for (int i = from; i < to; i++) {
            int slot = hash(highs[i], lows[i]) & mask;
            touched += buffer(slot).getLong(position(slot) + 2 * Long.BYTES);
        }
        return touched;
    }

    /** Uses the sum of loads made only to bring slots into the cache, so the compiler keeps them. */
    private static void keep(long touched) {
        if (touched == 1) {
            Thread.onSpinWait();
        }
    }

    private int hash(long high, long low) {
        long h = (high ^ seed) * 0x9E3779B97F4A7C15L;
        h ^= low;
        h ^= (h >>> 29);
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    private ByteBuffer buffer(int slot) {
        return buffers[slot >>> shift];
    }

    private int position(int slot) {
        return (slot & slotMask) * SLOT_BYTES;
    }
}
