package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.StoreException;
import java.nio.ByteBuffer;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.StampedLock;
import java.util.function.IntPredicate;
import java.util.function.LongSupplier;
import org.jspecify.annotations.Nullable;

/**
 * The file store's index: key to record location and touched time, in a hash table of
 * {@value FileStoreIndexTable#SLOT_BYTES} bytes a slot held in direct {@link ByteBuffer}s, not on
 * the Java heap ({@link FileStoreIndexTable}); and every record's key by its location, for reading
 * back-references ({@link #keysAt}, kept in {@link RecordsByLocation}: 24 bytes per record). With the
 * table kept between 3/8 and 3/4 full that is 67 to 110 bytes of native memory per entry, of which
 * the touched time takes 11 to 22 (while the table grows, the old and the new table exist together
 * until the garbage collector frees the old one); the heap holds a few objects whatever the number
 * of entries. Deleting entries does not shrink the table: it keeps its size until the store opens
 * again.
 *
 * <p>Why off the heap: the index of a store holding millions of nodes would otherwise be the largest
 * thing an application keeps on its heap after paging out, which is what paging out is for; the
 * garbage collector never scans or copies a direct buffer (it holds no references), and the store's
 * memory is reported on its own ({@link #nativeBytes()}) rather than hidden in the heap. The table
 * counts against {@code -XX:MaxDirectMemorySize} (by default the maximum heap size). A table larger
 * than one buffer can address is split over several buffers of a power-of-two number of slots.
 *
 * <p>This class guards the table and the keys by location, and grows the table before it is more
 * than 3/4 full (or reports, naming the entries held, that it cannot). Readers probe under an
 * optimistic {@link StampedLock} stamp and fall back to a read lock when a writer got in between;
 * writers (adding, touching, moving and removing entries) take the write lock. A table is never
 * changed once a larger one replaces it, and a reader holding the old one keeps its buffers alive,
 * so a reader never touches freed memory.
 */
final class FileStoreIndex implements SegmentFormat.RecordKeys {

    /** Slots per buffer: 1 GiB, the largest power of two of slots that a {@link ByteBuffer} can hold. */
    static final int DEFAULT_SLOTS_PER_BUFFER = 1 << 25;

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
     * new or not (a store opening may find a key's record twice, and a record may refer to either)
     * and whether its key was deleted since, until its segment is forgotten; with one consistency
     * check for them all and their memory reads overlapping ({@link RecordsByLocation#keysAt}).
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
        findAll(highs, lows, count, locations, null);
    }

    /**
     * Finds the locations of many keys, and their touched times, as {@link #findAll(long[], long[],
     * int, long[])} does.
     *
     * @param touched receives the touched time of each key found (epoch milliseconds), if not null
     */
    void findAll(long[] highs, long[] lows, int count, long[] locations, long @Nullable [] touched) {
        long stamp = lock.tryOptimisticRead();
        if (stamp != 0) {
            table.probeAll(highs, lows, count, locations, touched);
            if (lock.validate(stamp)) {
                return;
            }
        }
        stamp = lock.readLock();
        try {
            table.probeAll(highs, lows, count, locations, touched);
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Adds entries whose keys are not yet present, in order (of two entries of one key, the first is
     * added), touched at {@code touched}; a key already present keeps its location and touched time.
     * Every record, added or not, becomes known by its location ({@link #keysAt}); locations must come
     * in order, after those of earlier calls. The table grows first, so that either every entry is
     * added or, if it cannot grow, none. Each group of {@value FileStoreIndexTable#GROUP} entries'
     * first slots is loaded before they are inserted, as {@link #findAll} does.
     *
     * @param touched the entries' touched time, epoch milliseconds
     * @param deleted whether each record was deleted (known by its location, but not added), if not
     *     null
     * @param added receives whether each entry was added, if not null
     * @return the number of entries added
     * @throws StoreException if the table cannot grow
     */
    int putAllAbsent(
            long[] highs,
            long[] lows,
            long[] locations,
            int count,
            long touched,
            boolean @Nullable [] deleted,
            boolean @Nullable [] added) {
        return (int) writeLocked(() -> {
            addRecords(highs, lows, locations, count);
            int total = table.insertAll(highs, lows, locations, count, touched, deleted, added);
            size += total;
            return total;
        });
    }

    /**
     * Points keys at the copies of their records, which become known by their locations as
     * {@link #putAllAbsent} makes new records known; a key no longer at its old location (deleted,
     * or moved) stays as it is.
     *
     * @return the number of keys moved
     */
    int moveAll(long[] highs, long[] lows, long[] oldLocations, long[] newLocations, int count) {
        return (int) writeLocked(() -> {
            addRecords(highs, lows, newLocations, count);
            int moved = 0;
            for (int i = 0; i < count; i++) {
                moved += table.move(highs[i], lows[i], oldLocations[i], newLocations[i]) ? 1 : 0;
            }
            return moved;
        });
    }

    private void addRecords(long[] highs, long[] lows, long[] locations, int count) {
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
    }

    /**
     * Raises the touched time of the keys present to at least {@code touched}, and tells where they
     * are.
     *
     * @param locations receives the location of each key, or 0 for an absent key
     */
    void touchAll(long[] highs, long[] lows, int count, long touched, long[] locations) {
        writeLocked(() -> {
            table.touchAll(highs, lows, count, touched, locations);
            return 0;
        });
    }

    /**
     * Removes the entries of keys that are at the given locations; their records stay known by
     * location ({@link #keysAt}) until their segment is forgotten.
     *
     * @param removed receives whether each entry was removed
     */
    void removeAll(long[] highs, long[] lows, long[] locations, int count, boolean[] removed) {
        writeLocked(() -> {
            for (int i = 0; i < count; i++) {
                removed[i] = table.remove(highs[i], lows[i], locations[i]);
                size -= removed[i] ? 1 : 0;
            }
            return 0;
        });
    }

    /**
     * Copies every key, for a scan in key order.
     *
     * @return the keys' high halves and low halves, one array each
     */
    long[][] keys() {
        long stamp = lock.readLock();
        try {
            long[] highs = new long[size];
            long[] lows = new long[size];
            table.copyKeys(highs, lows);
            return new long[][] {highs, lows};
        } finally {
            lock.unlockRead(stamp);
        }
    }

    /**
     * Sums, for each segment, the bytes its indexed records take in it
     * ({@link RecordsByLocation#recordBytes}). Runs over the whole table under the read lock (writers
     * wait).
     *
     * @param segmentLengths each segment's length by id (records in a longer id are left out)
     * @return the live bytes by segment id
     */
    long[] liveBytes(long[] segmentLengths) {
        long[] live = new long[segmentLengths.length];
        readLocked(() -> {
            table.forEachLocation((location) -> {
                int id = SegmentFormat.segmentId(location);
                if (id < live.length) {
                    live[id] += records.recordBytes(location, segmentLengths[id]);
                }
            });
            return 0;
        });
        return live;
    }

    /**
     * Copies up to {@code max} records of a segment starting after a position, in location order
     * ({@link RecordsByLocation#recordsOf}).
     *
     * @return the number of records copied
     */
    int recordsOf(int segmentId, long after, int max, long[] highs, long[] lows, long[] positions) {
        return (int) readLocked(() -> records.recordsOf(segmentId, after, max, highs, lows, positions));
    }

    /** Forgets the records of deleted segments ({@link RecordsByLocation#forget}). */
    void forgetSegments(IntPredicate gone) {
        writeLocked(() -> records.forget(gone));
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
        return putAllAbsent(new long[] {high}, new long[] {low}, new long[] {location}, 1, 0, null, null) == 1;
    }

    int size() {
        return (int) readLocked(() -> size);
    }

    /** Returns the native memory the table takes, in bytes (its direct buffers' capacity). */
    long nativeBytes() {
        return readLocked(() -> (long) table.capacity * FileStoreIndexTable.SLOT_BYTES + records.nativeBytes());
    }

    /** Returns the number of slots of the table (for tests). */
    int capacity() {
        return (int) readLocked(() -> table.capacity);
    }

    /** Returns the number of direct buffers holding the table (for tests). */
    int bufferCount() {
        return (int) readLocked(() -> table.buffers.length);
    }

    private long readLocked(LongSupplier read) {
        long stamp = lock.readLock();
        try {
            return read.getAsLong();
        } finally {
            lock.unlockRead(stamp);
        }
    }

    private long writeLocked(LongSupplier write) {
        long stamp = lock.writeLock();
        try {
            return write.getAsLong();
        } finally {
            lock.unlockWrite(stamp);
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
                        + ". It takes 67 to 110 bytes of direct memory per entry; raise -XX:MaxDirectMemorySize "
                        + "(by default the maximum heap size)",
                ex);
    }
}
