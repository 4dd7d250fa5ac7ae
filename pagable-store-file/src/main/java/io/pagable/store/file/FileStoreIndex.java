package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.StoreException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * The file store's index: key to record location, in open-addressing slots (linear probing) of
 * {@value #SLOT_BYTES} bytes each (key high half, key low half, location) held in direct
 * {@link ByteBuffer}s, not on the Java heap; and every record's key by its location, for reading
 * back-references ({@link #keysAt}, kept in {@link RecordsByLocation}: 24 bytes per record). With the
 * table kept between 3/8 and 3/4 full that is 56 to 88 bytes of native memory per entry (while the
 * table grows, the old and the new table exist together until the garbage collector frees the old
 * one); the heap holds a few objects whatever the number of entries.
 *
 * <p>Why off the heap: the index of a store holding millions of nodes would otherwise be the largest
 * thing an application keeps on its heap after paging out, which is what paging out is for; the
 * garbage collector never scans or copies a direct buffer (it holds no references), and the store's
 * memory is reported on its own ({@link #nativeBytes()}) rather than hidden in the heap. The table
 * counts against {@code -XX:MaxDirectMemorySize} (by default the maximum heap size). A table larger
 * than one buffer can address is split over several buffers of a power-of-two number of slots.
 *
 * <p>A location is never 0 (segment ids start at 1), so 0 marks an empty slot. Entries are never
 * removed: the store is append-only. Readers probe under an optimistic {@link StampedLock} stamp
 * and fall back to a read lock when a writer got in between; writers take the write lock. A table
 * is never changed once a larger one replaces it, and a reader holding the old one keeps its buffers
 * alive, so a reader never touches freed memory.
 */
final class FileStoreIndex implements SegmentFormat.RecordKeys {

    static final int SLOT_BYTES = 3 * Long.BYTES;

    /** Slots per buffer: 1.5 GiB, the largest power of two that a {@link ByteBuffer} can hold. */
    static final int DEFAULT_SLOTS_PER_BUFFER = 1 << 26;

    private static final int MIN_CAPACITY = 1 << 10;

    /** Keys whose first slots {@link #findAll} loads together. */
    private static final int GROUP = 16;

    private static final int MAX_CAPACITY = 1 << 30;

    private final StampedLock lock = new StampedLock();

    /** Mixed into every hash, so that crafted keys cannot pile up in one probe run. */
    private final long seed = ThreadLocalRandom.current().nextLong();

    private final int slotsPerBuffer;

    private Table table;

    private final RecordsByLocation records = new RecordsByLocation();

    private int size;

    FileStoreIndex() {
        this(DEFAULT_SLOTS_PER_BUFFER);
    }

    /** Creates an index whose buffers hold at most {@code slotsPerBuffer} slots each (for tests). */
    FileStoreIndex(int slotsPerBuffer) {
        if (Integer.bitCount(slotsPerBuffer) != 1 || slotsPerBuffer > DEFAULT_SLOTS_PER_BUFFER) {
            throw new IllegalArgumentException("slotsPerBuffer must be a power of two up to " + DEFAULT_SLOTS_PER_BUFFER
                    + ", but was " + slotsPerBuffer);
        }
        this.slotsPerBuffer = slotsPerBuffer;
        this.table = new Table(MIN_CAPACITY, slotsPerBuffer);
    }

    /**
     * Returns the location stored for a key.
     *
     * @return the location, or 0 if the key is absent
     */
    long find(DataKey key) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            long location = probe(table, key.high(), key.low());
            if (lock.validate(stamp)) {
                return location;
            }
        }
        stamp = lock.readLock();
        try {
            return probe(table, key.high(), key.low());
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Finds the keys of the records at many locations: of every record added, whether its key was
     * new or not (a store opening may find a key's record twice, and a record may refer to either),
     * with one consistency check for them all and their memory reads overlapping
     * ({@link RecordsByLocation#keysAt}).
     *
     * @param keys receives each key, or null where no record added starts there
     */
    @Override
    public void keysAt(long[] locations, int count, @Nullable DataKey[] keys) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            records.keysAt(locations, count, keys);
            if (lock.validate(stamp)) {
                return;
            }
        }
        stamp = lock.readLock();
        try {
            records.keysAt(locations, count, keys);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Finds the locations of many keys: like {@link #find} for each, but with one consistency check
     * for the whole batch and each group of {@value #GROUP} keys' first slots loaded together before
     * they are probed, so that the processor waits for those memory reads at once rather than one
     * after another (a table of millions of slots is far larger than the processor's caches, and a
     * key's slot is anywhere in it).
     *
     * @param locations receives the location of each key, or 0 for an absent key
     */
    void findAll(long[] highs, long[] lows, int count, long[] locations) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            probeAll(table, highs, lows, count, locations);
            if (lock.validate(stamp)) {
                return;
            }
        }
        stamp = lock.readLock();
        try {
            probeAll(table, highs, lows, count, locations);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Reads the first slot of each key in {@code [from, to)}, so that their cache misses overlap
     * before the keys are probed one by one; returns a sum for {@link #keep}.
     */
    private long touchFirstSlots(Table current, long[] highs, long[] lows, int from, int to) {
        int mask = current.capacity - 1;
        long touched = 0;
        for (int i = from; i < to; i++) {
            int slot = hash(highs[i], lows[i]) & mask;
            touched += current.buffer(slot).getLong(current.position(slot) + 2 * Long.BYTES);
        }
        return touched;
    }

    private void probeAll(Table current, long[] highs, long[] lows, int count, long[] locations) {
        for (int from = 0; from < count; from += GROUP) {
            int to = Math.min(count, from + GROUP);
            long touched = touchFirstSlots(current, highs, lows, from, to);
            for (int i = from; i < to; i++) {
                locations[i] = probe(current, highs[i], lows[i]);
            }
            keep(touched);
        }
    }

    /** Uses the sum of loads made only to bring slots into the cache, so the compiler keeps them. */
    private static void keep(long touched) {
        if (touched == 1) {
            Thread.onSpinWait();
        }
    }

    /**
     * Adds entries whose keys are not yet present; a key already present keeps its location. The
     * table grows first, so that either every entry is added or, if it cannot grow, none.
     *
     * @return the number of entries added
     * @throws StoreException if the table cannot grow
     */
    int putAllAbsent(long[] highs, long[] lows, long[] locations, int count) {
        return putAllAbsent(highs, lows, locations, count, null);
    }

    /**
     * Adds entries whose keys are not yet present, as {@link #putAllAbsent(long[], long[], long[], int)}
     * does, in order (of two entries of one key, the first is added), and tells which were added.
     * Every record, added or not, becomes known by its location ({@link #keysAt}); locations must come
     * in order, after those of earlier calls.
     * Each group of {@value #GROUP} entries' first slots is loaded before they are inserted, as
     * {@link #findAll} does.
     *
     * @param added receives whether each entry was added, if not null
     * @return the number of entries added
     */
    int putAllAbsent(long[] highs, long[] lows, long[] locations, int count, boolean @Nullable [] added) {
        long stamp = lock.writeLock();
        try {
            records.checkOrder(locations, count);
            while ((long) size + count > table.capacity / 4 * 3) {
                grow();
            }
            try {
                records.ensureRoom(count);
            } catch (OutOfMemoryError ex) {
                throw outOfMemory(ex);
            }
            for (int i = 0; i < count; i++) {
                records.add(highs[i], lows[i], locations[i]);
            }
            Table current = table;
            int total = 0;
            for (int from = 0; from < count; from += GROUP) {
                int to = Math.min(count, from + GROUP);
                long touched = touchFirstSlots(current, highs, lows, from, to);
                for (int i = from; i < to; i++) {
                    boolean inserted = insert(current, highs[i], lows[i], locations[i]);
                    if (inserted) {
                        size++;
                        total++;
                    }
                    if (added != null) {
                        added[i] = inserted;
                    }
                }
                keep(touched);
            }
            return total;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    /**
     * Makes room for {@code entries} entries in all without growing on the way, when the caller
     * knows about how many there will be (a store opening estimates it from its files). The table
     * only grows: a smaller number than it holds room for changes nothing.
     *
     * @throws StoreException if the table cannot grow
     */
    void reserve(long entries) {
        long stamp = lock.writeLock();
        try {
            long wanted = Math.min(entries, (long) MAX_CAPACITY / 4 * 3);
            if (wanted <= (long) table.capacity / 4 * 3) {
                return;
            }
            int capacity = table.capacity;
            while (wanted > (long) capacity / 4 * 3) {
                capacity *= 2;
            }
            growTo(capacity);
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

    /** Returns the native memory the table takes, in bytes (its direct buffers' capacity). */
    long nativeBytes() {
        long stamp = lock.readLock();
        try {
            return (long) table.capacity * SLOT_BYTES + records.nativeBytes();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Returns the number of slots of the table (for tests). */
    int capacity() {
        long stamp = lock.readLock();
        try {
            return table.capacity;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /** Returns the number of direct buffers holding the table (for tests). */
    int bufferCount() {
        long stamp = lock.readLock();
        try {
            return table.buffers.length;
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private long probe(Table current, long high, long low) {
        int mask = current.capacity - 1;
        int slot = hash(high, low) & mask;
        for (int probes = 0; probes < current.capacity; probes++) {
            ByteBuffer buffer = current.buffer(slot);
            int at = current.position(slot);
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

    private boolean insert(Table target, long high, long low, long location) {
        int mask = target.capacity - 1;
        int slot = hash(high, low) & mask;
        while (true) {
            ByteBuffer buffer = target.buffer(slot);
            int at = target.position(slot);
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

    private void grow() {
        if (table.capacity >= MAX_CAPACITY) {
            throw new StoreException("The file store's index is full at " + size + " entries; split the data over "
                    + "several FileContentStore directories or use a JdbcContentStore");
        }
        growTo(table.capacity * 2);
    }

    private void growTo(int capacity) {
        Table old = table;
        Table bigger;
        try {
            bigger = new Table(capacity, slotsPerBuffer);
        } catch (OutOfMemoryError ex) {
            throw outOfMemory(ex);
        }
        for (int slot = 0; slot < old.capacity; slot++) {
            ByteBuffer buffer = old.buffer(slot);
            int at = old.position(slot);
            long location = buffer.getLong(at + 2 * Long.BYTES);
            if (location != 0) {
                insert(bigger, buffer.getLong(at), buffer.getLong(at + Long.BYTES), location);
            }
        }
        table = bigger;
    }

    private StoreException outOfMemory(OutOfMemoryError ex) {
        return new StoreException(
                "The file store's index cannot grow beyond " + size + " entries: " + ex.getMessage()
                        + ". It takes 56 to 88 bytes of direct memory per entry; raise -XX:MaxDirectMemorySize "
                        + "(by default the maximum heap size)",
                ex);
    }

    private int hash(long high, long low) {
        long h = (high ^ seed) * 0x9E3779B97F4A7C15L;
        h ^= low;
        h ^= (h >>> 29);
        h *= 0xBF58476D1CE4E5B9L;
        return (int) (h ^ (h >>> 32));
    }

    /** One table: {@code capacity} slots over direct buffers of up to {@code slotsPerBuffer} slots. */
    private static final class Table {

        final ByteBuffer[] buffers;

        final int capacity;

        private final int shift;

        private final int slotMask;

        Table(int capacity, int slotsPerBuffer) {
            int perBuffer = Math.min(capacity, slotsPerBuffer);
            this.capacity = capacity;
            this.shift = Integer.numberOfTrailingZeros(perBuffer);
            this.slotMask = perBuffer - 1;
            this.buffers = new ByteBuffer[capacity / perBuffer];
            for (int i = 0; i < buffers.length; i++) {
                buffers[i] = ByteBuffer.allocateDirect(perBuffer * SLOT_BYTES).order(ByteOrder.nativeOrder());
            }
        }

        ByteBuffer buffer(int slot) {
            return buffers[slot >>> shift];
        }

        int position(int slot) {
            return (slot & slotMask) * SLOT_BYTES;
        }
    }
}
