package io.pagable.store.file;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongConsumer;
import org.jspecify.annotations.Nullable;

/**
 * One hash table of the {@link FileStoreIndex}: {@code capacity} open-addressing slots (linear
 * probing) of {@value #SLOT_BYTES} bytes each (key high half, key low half, location, touched time),
 * over direct buffers of up to a power-of-two number of slots each, not on the Java heap. A location
 * is never 0 (segment ids start at 1), so 0 marks an empty slot. An entry is removed by backward
 * shift ({@link #remove}): the entries after it in its probe run move back into the hole, so a probe
 * still stops only at a slot that no entry of its key could lie beyond, with no tombstones left.
 *
 * <p>The touched time (epoch milliseconds, rounded up) is the last time a put wrote the key or found
 * it present; the garbage collector deletes only what was not touched since its cutoff. Slots of 32
 * bytes also keep every slot inside one 64-byte cache line, so a probe's first slot costs one memory
 * read.
 *
 * <p>Batches of keys are probed and inserted in groups of {@value #GROUP}, each group's first slots
 * loaded together before its keys are probed, so that the processor waits for those memory reads at
 * once rather than one after another (a table of millions of slots is far larger than the
 * processor's caches, and a key's slot is anywhere in it).
 *
 * <p>Not thread-safe: the index reads it under its lock's stamp or read lock and changes it under
 * the write lock. The caller keeps it below full (an insert into a full table would not return).
 * This class is the index's hot path, which is why its probing loops are written out rather than
 * shared: it is longer than most classes here.
 */
final class FileStoreIndexTable {

    static final int SLOT_BYTES = 4 * Long.BYTES;

    /** Keys whose first slots {@link #probeAll} and {@link #insertAll} load together. */
    static final int GROUP = 16;

    private static final int LOCATION = 2 * Long.BYTES;

    private static final int TOUCHED = 3 * Long.BYTES;

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
        int slot = slotOf(high, low);
        return (slot < 0) ? 0 : buffer(slot).getLong(position(slot) + LOCATION);
    }

    /**
     * Returns the slot holding a key.
     *
     * @return the slot, or -1 if the key is absent
     */
    private int slotOf(long high, long low) {
        int mask = capacity - 1;
        int slot = hash(high, low) & mask;
        for (int probes = 0; probes < capacity; probes++) {
            ByteBuffer buffer = buffer(slot);
            int at = position(slot);
            if (buffer.getLong(at + LOCATION) == 0) {
                return -1;
            }
            if (buffer.getLong(at) == high && buffer.getLong(at + Long.BYTES) == low) {
                return slot;
            }
            slot = (slot + 1) & mask;
        }
        return -1;
    }

    /**
     * Finds the locations of many keys, as {@link #probe} does for each, a group at a time.
     *
     * @param locations receives the location of each key, or 0 for an absent key
     * @param touched receives the touched time of each key found, if not null
     */
    void probeAll(long[] highs, long[] lows, int count, long[] locations, long @Nullable [] touched) {
        for (int from = 0; from < count; from += GROUP) {
            int to = Math.min(count, from + GROUP);
            long loaded = touchFirstSlots(highs, lows, from, to);
            for (int i = from; i < to; i++) {
                int slot = slotOf(highs[i], lows[i]);
                locations[i] = (slot < 0) ? 0 : buffer(slot).getLong(position(slot) + LOCATION);
                if (touched != null) {
                    touched[i] = (slot < 0) ? 0 : buffer(slot).getLong(position(slot) + TOUCHED);
                }
            }
            keep(loaded);
        }
    }

    /**
     * Inserts entries whose keys are not yet present, in order (of two entries of one key, the first
     * is inserted), a group at a time, touched at {@code touched}; a key already present keeps its
     * location and touched time. Entries whose {@code skip} flag is set are left out. The table must
     * have room for them all.
     *
     * @param skip whether to leave each entry out, if not null
     * @param added receives whether each entry was inserted, if not null
     * @return the number of entries inserted
     */
    int insertAll(
            long[] highs,
            long[] lows,
            long[] locations,
            int count,
            long touched,
            boolean @Nullable [] skip,
            boolean @Nullable [] added) {
        int total = 0;
        for (int from = 0; from < count; from += GROUP) {
            int to = Math.min(count, from + GROUP);
            long loaded = touchFirstSlots(highs, lows, from, to);
            for (int i = from; i < to; i++) {
                boolean inserted = (skip == null || !skip[i]) && insert(highs[i], lows[i], locations[i], touched);
                if (inserted) {
                    total++;
                }
                if (added != null) {
                    added[i] = inserted;
                }
            }
            keep(loaded);
        }
        return total;
    }

    /**
     * Raises the touched time of each key present to at least {@code touched}.
     *
     * @param locations receives the location of each key, or 0 for an absent key
     */
    void touchAll(long[] highs, long[] lows, int count, long touched, long[] locations) {
        for (int from = 0; from < count; from += GROUP) {
            int to = Math.min(count, from + GROUP);
            long loaded = touchFirstSlots(highs, lows, from, to);
            for (int i = from; i < to; i++) {
                int slot = slotOf(highs[i], lows[i]);
                locations[i] = 0;
                if (slot >= 0) {
                    ByteBuffer buffer = buffer(slot);
                    int at = position(slot);
                    locations[i] = buffer.getLong(at + LOCATION);
                    if (buffer.getLong(at + TOUCHED) < touched) {
                        buffer.putLong(at + TOUCHED, touched);
                    }
                }
            }
            keep(loaded);
        }
    }

    /**
     * Points a present key at a new location if it is at {@code expected} now, keeping its touched
     * time.
     *
     * @return whether it was moved
     */
    boolean move(long high, long low, long expected, long location) {
        int slot = slotOf(high, low);
        if (slot < 0 || buffer(slot).getLong(position(slot) + LOCATION) != expected) {
            return false;
        }
        buffer(slot).putLong(position(slot) + LOCATION, location);
        return true;
    }

    /**
     * Removes a key if it is at {@code expected}, shifting the entries after it in its probe run back
     * so that none of them lies beyond an empty slot from its home slot.
     *
     * @return whether it was removed
     */
    boolean remove(long high, long low, long expected) {
        int hole = slotOf(high, low);
        if (hole < 0 || buffer(hole).getLong(position(hole) + LOCATION) != expected) {
            return false;
        }
        int mask = capacity - 1;
        int next = (hole + 1) & mask;
        while (true) {
            ByteBuffer buffer = buffer(next);
            int at = position(next);
            long location = buffer.getLong(at + LOCATION);
            if (location == 0) {
                break;
            }
            long entryHigh = buffer.getLong(at);
            long entryLow = buffer.getLong(at + Long.BYTES);
            int home = hash(entryHigh, entryLow) & mask;
            // the entry may fill the hole if the hole lies on its probe path: no nearer its slot than its home
            if (((next - home) & mask) >= ((next - hole) & mask)) {
                copySlot(next, hole);
                hole = next;
            }
            next = (next + 1) & mask;
        }
        ByteBuffer buffer = buffer(hole);
        int at = position(hole);
        for (int i = 0; i < SLOT_BYTES; i += Long.BYTES) {
            buffer.putLong(at + i, 0);
        }
        return true;
    }

    /**
     * Copies every entry's key into arrays, in slot order.
     *
     * @return the number of keys copied; the arrays must have room for the table's entries
     */
    int copyKeys(long[] highs, long[] lows) {
        int count = 0;
        for (int slot = 0; slot < capacity; slot++) {
            ByteBuffer buffer = buffer(slot);
            int at = position(slot);
            if (buffer.getLong(at + LOCATION) != 0) {
                highs[count] = buffer.getLong(at);
                lows[count++] = buffer.getLong(at + Long.BYTES);
            }
        }
        return count;
    }

    /** Hands every entry's location to {@code action}, in slot order. */
    void forEachLocation(LongConsumer action) {
        for (int slot = 0; slot < capacity; slot++) {
            long location = buffer(slot).getLong(position(slot) + LOCATION);
            if (location != 0) {
                action.accept(location);
            }
        }
    }

    /** Inserts every entry of this table into a larger one, which this table is not changed by. */
    void rehashInto(FileStoreIndexTable bigger) {
        for (int slot = 0; slot < capacity; slot++) {
            ByteBuffer buffer = buffer(slot);
            int at = position(slot);
            long location = buffer.getLong(at + LOCATION);
            if (location != 0) {
                bigger.insert(
                        buffer.getLong(at), buffer.getLong(at + Long.BYTES), location, buffer.getLong(at + TOUCHED));
            }
        }
    }

    /**
     * Inserts an entry unless its key is present.
     *
     * @return whether it was inserted
     */
    private boolean insert(long high, long low, long location, long touched) {
        int mask = capacity - 1;
        int slot = hash(high, low) & mask;
        while (true) {
            ByteBuffer buffer = buffer(slot);
            int at = position(slot);
            if (buffer.getLong(at + LOCATION) == 0) {
                buffer.putLong(at, high);
                buffer.putLong(at + Long.BYTES, low);
                buffer.putLong(at + LOCATION, location);
                buffer.putLong(at + TOUCHED, touched);
                return true;
            }
            if (buffer.getLong(at) == high && buffer.getLong(at + Long.BYTES) == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    private void copySlot(int from, int to) {
        ByteBuffer source = buffer(from);
        ByteBuffer target = buffer(to);
        int sourceAt = position(from);
        int targetAt = position(to);
        for (int i = 0; i < SLOT_BYTES; i += Long.BYTES) {
            target.putLong(targetAt + i, source.getLong(sourceAt + i));
        }
    }

    /**
     * Reads the first slot of each key in {@code [from, to)}, so that their cache misses overlap
     * before the keys are probed one by one; returns a sum for {@link #keep}.
     */
    private long touchFirstSlots(long[] highs, long[] lows, int from, int to) {
        int mask = capacity - 1;
        long loaded = 0;
        for (int i = from; i < to; i++) {
            int slot = hash(highs[i], lows[i]) & mask;
            loaded += buffer(slot).getLong(position(slot) + LOCATION);
        }
        return loaded;
    }

    /** Uses the sum of loads made only to bring slots into the cache, so the compiler keeps them. */
    private static void keep(long loaded) {
        if (loaded == 1) {
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
