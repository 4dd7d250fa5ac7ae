package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.StoreException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.StampedLock;
import org.jspecify.annotations.Nullable;

/**
 * The file store's index: key to record location, in a hash table of
 * {@value FileStoreIndexTable#SLOT_BYTES} bytes a slot held in direct {@link ByteBuffer}s, not on
 * the Java heap ({@link FileStoreIndexTable}); and every record's key by its location, for reading
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
 * <p>This class guards the table and the keys by location, and grows the table before it is more
 * than 3/4 full (or reports, naming the entries held, that it cannot). Entries are never removed:
 * the store is append-only. Readers probe under an optimistic {@link StampedLock} stamp and fall
 * back to a read lock when a writer got in between; writers take the write lock. A table is never
 * changed once a larger one replaces it, and a reader holding the old one keeps its buffers alive,
 * so a reader never touches freed memory.
 */
final class FileStoreIndex implements SegmentFormat.RecordKeys {

    /** Slots per buffer: 1.5 GiB, the largest power of two that a {@link ByteBuffer} can hold. */
    static final int DEFAULT_SLOTS_PER_BUFFER = 1 << 26;

    private static final int MIN_CAPACITY = 1 << 10;

    private static final int MAX_CAPACITY = 1 << 30;

    private final StampedLock lock = new StampedLock();

    /** Mixed into every hash of every table, so that crafted keys cannot pile up in one probe run. */
    private final long seed = ThreadLocalRandom.current().nextLong();

    private final int slotsPerBuffer;

    private FileStoreIndexTable table;

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
        this.table = new FileStoreIndexTable(MIN_CAPACITY, slotsPerBuffer, seed);
    }

    /**
     * Returns the location stored for a key.
     *
     * @return the location, or 0 if the key is absent
     */
    long find(DataKey key) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            long location = table.probe(key.high(), key.low());
            if (lock.validate(stamp)) {
                return location;
            }
        }
        stamp = lock.readLock();
        try {
            return table.probe(key.high(), key.low());
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
     * for the whole batch and each group of {@value FileStoreIndexTable#GROUP} keys' first slots
     * loaded together before they are probed ({@link FileStoreIndexTable#probeAll}).
     *
     * @param locations receives the location of each key, or 0 for an absent key
     */
    void findAll(long[] highs, long[] lows, int count, long[] locations) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            table.probeAll(highs, lows, count, locations);
            if (lock.validate(stamp)) {
                return;
            }
        }
        stamp = lock.readLock();
        try {
            table.probeAll(highs, lows, count, locations);
        } finally {
            lock.unlockRead(stamp);
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
     * Each group of {@value FileStoreIndexTable#GROUP} entries' first slots is loaded before they
     * are inserted, as {@link #findAll} does.
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
            int total = table.insertAll(highs, lows, locations, count, added);
            size += total;
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
            return (long) table.capacity * FileStoreIndexTable.SLOT_BYTES + records.nativeBytes();
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

    private void grow() {
        if (table.capacity >= MAX_CAPACITY) {
            throw new StoreException("The file store's index is full at " + size + " entries; split the data over "
                    + "several FileContentStore directories or use a JdbcContentStore");
        }
        growTo(table.capacity * 2);
    }

    private void growTo(int capacity) {
        FileStoreIndexTable bigger;
        try {
            bigger = new FileStoreIndexTable(capacity, slotsPerBuffer, seed);
        } catch (OutOfMemoryError ex) {
            throw outOfMemory(ex);
        }
        table.rehashInto(bigger);
        table = bigger;
    }

    private StoreException outOfMemory(OutOfMemoryError ex) {
        return new StoreException(
                "The file store's index cannot grow beyond " + size + " entries: " + ex.getMessage()
                        + ". It takes 56 to 88 bytes of direct memory per entry; raise -XX:MaxDirectMemorySize "
                        + "(by default the maximum heap size)",
                ex);
    }
}
