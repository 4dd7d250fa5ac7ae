package io.pagable.store.file;

import io.pagable.DataKey;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntPredicate;
import org.jspecify.annotations.Nullable;

/**
 * The keys of a file store's records in the order of their locations, for reading back-references
 * ({@link SegmentFormat}): each record's segment and offset in one array and its key in another, in
 * chunks of direct memory (24 bytes per record), found by a search over every 16th record's location
 * (a summary a sixteenth the size, which the processor's caches keep) and then one over those 16 (two
 * cache lines). Records are added in the
 * order of their locations, as a store writes them and finds them when it opens, so adding costs no
 * search and the records a lookup needs most (those just written, and the popular children many
 * records refer to) share cache lines. A deleted node's record stays (other records of its segment
 * may refer back to it) until its segment is rewritten and deleted: {@link #forget} then drops the
 * segment's records. Not thread-safe: {@link FileStoreIndex} guards it.
 */
final class RecordsByLocation {

    private static final int CHUNK_BITS = 12;

    private static final int CHUNK_RECORDS = 1 << CHUNK_BITS;

    private static final int CHUNK_MASK = CHUNK_RECORDS - 1;

    /** Each record's location without its length, in chunks of {@value #CHUNK_RECORDS}. */
    private ByteBuffer[] positions = new ByteBuffer[0];

    /** Each record's key, high half then low half, in chunks of {@value #CHUNK_RECORDS}. */
    private ByteBuffer[] keys = new ByteBuffer[0];

    private int size;

    private static final int BLOCK_BITS = 4;

    /** The location of every {@code 1 << BLOCK_BITS}th record, for the first step of a lookup. */
    private ByteBuffer summary = ByteBuffer.allocateDirect(1024 * Long.BYTES).order(ByteOrder.nativeOrder());

    private long last;

    /**
     * Makes room for {@code count} more records, so that adding them cannot fail.
     *
     * @throws OutOfMemoryError if direct memory runs out
     */
    void ensureRoom(int count) {
        long needed = (long) size + count;
        long blocks = (needed >>> BLOCK_BITS) + 1;
        if (blocks * Long.BYTES > summary.capacity()) {
            ByteBuffer bigger = ByteBuffer.allocateDirect((int) Math.min(
                            Integer.MAX_VALUE, Math.max(blocks, 2L * summary.capacity() / Long.BYTES) * Long.BYTES))
                    .order(ByteOrder.nativeOrder());
            bigger.put(summary.duplicate().clear());
            summary = bigger;
        }
        while ((long) positions.length * CHUNK_RECORDS < needed) {
            ByteBuffer position =
                    ByteBuffer.allocateDirect(CHUNK_RECORDS * Long.BYTES).order(ByteOrder.nativeOrder());
            ByteBuffer key =
                    ByteBuffer.allocateDirect(CHUNK_RECORDS * DataKey.LENGTH).order(ByteOrder.nativeOrder());
            positions = Arrays.copyOf(positions, positions.length + 1);
            keys = Arrays.copyOf(keys, keys.length + 1);
            positions[positions.length - 1] = position;
            keys[keys.length - 1] = key;
        }
    }

    /**
     * Checks that records at these locations, in this order, can be added after those added so far.
     *
     * @throws IllegalArgumentException if a location does not come after the one before it
     */
    void checkOrder(long[] locations, int count) {
        long previous = last;
        for (int i = 0; i < count; i++) {
            long position = SegmentFormat.withoutLength(locations[i]);
            if (position <= previous) {
                throw new IllegalArgumentException("Records are added in the order of their locations, but "
                        + Long.toHexString(locations[i]) + " does not come after " + Long.toHexString(previous));
            }
            previous = position;
        }
    }

    /**
     * Adds a record after those added so far; {@link #ensureRoom} must have made room for it, and
     * {@link #checkOrder} have checked its location.
     */
    void add(long high, long low, long location) {
        long position = SegmentFormat.withoutLength(location);
        int chunk = size >>> CHUNK_BITS;
        int at = size & CHUNK_MASK;
        positions[chunk].putLong(at * Long.BYTES, position);
        if ((size & ((1 << BLOCK_BITS) - 1)) == 0) {
            summary.putLong((size >>> BLOCK_BITS) * Long.BYTES, position);
        }
        keys[chunk].putLong(at * DataKey.LENGTH, high).putLong(at * DataKey.LENGTH + Long.BYTES, low);
        last = position;
        size++;
    }

    /**
     * Finds the keys of the records at many locations (the children of one record), the memory reads
     * of all of them overlapping: each location's block of 16 records is found in the summary (which
     * the processor's caches hold) and its memory read started before any block is searched, then
     * each found key's memory read is started before any key is taken, so that the lookups wait for
     * memory about once each rather than once after another.
     *
     * @param locations the locations; a record length in them is ignored
     * @param keys receives each key, or null where no record added starts there
     */
    void keysAt(long[] locations, int count, @Nullable DataKey[] keys) {
        ByteBuffer[] positionChunks = positions;
        ByteBuffer[] keyChunks = this.keys;
        ByteBuffer blocks = summary;
        // bounded by the arrays at hand, should a reader without the lock see a newer size
        int records = (int) Math.min(
                size,
                Math.min(
                        (long) Math.min(positionChunks.length, keyChunks.length) * CHUNK_RECORDS,
                        (long) blocks.capacity() / Long.BYTES << BLOCK_BITS));
        int[] entries = new int[count];
        long touched = 0;
        for (int i = 0; i < count; i++) {
            entries[i] = (records == 0) ? -1 : block(blocks, records, SegmentFormat.withoutLength(locations[i]));
            if (entries[i] >= 0) {
                int first = entries[i] << BLOCK_BITS;
                ByteBuffer chunk = positionChunks[first >>> CHUNK_BITS];
                int at = (first & CHUNK_MASK) * Long.BYTES;
                touched += chunk.getLong(at) + chunk.getLong(at + (1 << BLOCK_BITS) * Long.BYTES - Long.BYTES);
            }
        }
        for (int i = 0; i < count; i++) {
            if (entries[i] >= 0) {
                entries[i] = search(positionChunks, records, entries[i], SegmentFormat.withoutLength(locations[i]));
            }
            if (entries[i] >= 0) {
                touched += keyChunks[entries[i] >>> CHUNK_BITS].getLong((entries[i] & CHUNK_MASK) * DataKey.LENGTH);
            }
        }
        for (int i = 0; i < count; i++) {
            int entry = entries[i];
            if (entry < 0) {
                keys[i] = null;
            } else {
                ByteBuffer key = keyChunks[entry >>> CHUNK_BITS];
                int at = (entry & CHUNK_MASK) * DataKey.LENGTH;
                keys[i] = DataKey.of(key.getLong(at), key.getLong(at + Long.BYTES));
            }
        }
        if (touched == 1) {
            Thread.onSpinWait(); // uses the sum, so that the reads made only to start loading memory stay
        }
    }

    /**
     * Returns the last block whose first record is not after {@code wanted}, or -1 if there is none.
     * Steps alternate between a guess by interpolation (records are spread about evenly over a
     * segment, so it usually lands within a few blocks) and halving, which bounds the steps at twice
     * a binary search's when they are not (several segments, records of very different sizes).
     */
    private static int block(ByteBuffer blocks, int records, long wanted) {
        int low = 0;
        int high = (records - 1) >>> BLOCK_BITS;
        long lowValue = blocks.getLong(0);
        if (wanted < lowValue) {
            return -1;
        }
        boolean interpolate = true;
        while (low < high) {
            // invariant: block low starts at or before wanted; the answer lies in [low, high]
            long highValue = blocks.getLong(high * Long.BYTES);
            if (highValue <= wanted) {
                return high;
            }
            int middle;
            if (interpolate && highValue > lowValue) {
                double fraction = (double) (wanted - lowValue) / (double) (highValue - lowValue);
                middle = Math.max(low + 1, Math.min(high - 1, low + (int) (fraction * (high - low))));
            } else {
                middle = (low + high + 1) >>> 1;
            }
            interpolate = !interpolate;
            long middleValue = blocks.getLong(middle * Long.BYTES);
            if (middleValue <= wanted) {
                low = middle;
                lowValue = middleValue;
            } else {
                high = middle - 1;
            }
        }
        return low;
    }

    /** Returns the record of a block that starts at {@code wanted}, or -1 if none does. */
    private static int search(ByteBuffer[] positionChunks, int records, int block, long wanted) {
        int first = block << BLOCK_BITS; // a block lies within one chunk
        ByteBuffer chunk = positionChunks[first >>> CHUNK_BITS];
        int low = first;
        int high = Math.min(records, first + (1 << BLOCK_BITS)) - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            long found = chunk.getLong((middle & CHUNK_MASK) * Long.BYTES);
            if (found < wanted) {
                low = middle + 1;
            } else if (found > wanted) {
                high = middle - 1;
            } else {
                return middle;
            }
        }
        return -1;
    }

    /**
     * Copies up to {@code max} records of one segment that start after {@code after} (a position:
     * a location without its length), in the order of their locations.
     *
     * @return the number of records copied
     */
    int recordsOf(int segmentId, long after, int max, long[] highs, long[] lows, long[] positions) {
        long from = Math.max(after, SegmentFormat.location(segmentId, 0, 0));
        int count = 0;
        for (int entry = firstAfter(from); entry < size && count < max; entry++) {
            long position = position(entry);
            if (SegmentFormat.segmentId(position) != segmentId) {
                break;
            }
            ByteBuffer key = keys[entry >>> CHUNK_BITS];
            int at = (entry & CHUNK_MASK) * DataKey.LENGTH;
            highs[count] = key.getLong(at);
            lows[count] = key.getLong(at + Long.BYTES);
            positions[count++] = position;
        }
        return count;
    }

    /**
     * Returns the length of the record at a location: the location's if it holds one (a small
     * record), else up to where the next record of its segment starts, or to the segment's end (so a
     * damaged stretch after a record counts as its own).
     *
     * @param segmentLength the length of the record's segment
     */
    long recordBytes(long location, long segmentLength) {
        if (SegmentFormat.recordBytesHint(location) != 0) {
            return SegmentFormat.recordBytesHint(location);
        }
        int entry = firstAfter(SegmentFormat.withoutLength(location));
        long next = (entry < size) ? position(entry) : 0;
        boolean sameSegment = next != 0 && SegmentFormat.segmentId(next) == SegmentFormat.segmentId(location);
        return (sameSegment ? SegmentFormat.offset(next) : segmentLength) - SegmentFormat.offset(location);
    }

    /**
     * Forgets the records of segments that are gone (rewritten and deleted), keeping the others in
     * order; chunks no longer needed are let go.
     *
     * @return the number of records forgotten
     */
    int forget(IntPredicate gone) {
        int kept = 0;
        for (int entry = 0; entry < size; entry++) {
            long position = position(entry);
            if (gone.test(SegmentFormat.segmentId(position))) {
                continue;
            }
            if (kept != entry) {
                ByteBuffer key = keys[entry >>> CHUNK_BITS];
                int at = (entry & CHUNK_MASK) * DataKey.LENGTH;
                positions[kept >>> CHUNK_BITS].putLong((kept & CHUNK_MASK) * Long.BYTES, position);
                keys[kept >>> CHUNK_BITS]
                        .putLong((kept & CHUNK_MASK) * DataKey.LENGTH, key.getLong(at))
                        .putLong((kept & CHUNK_MASK) * DataKey.LENGTH + Long.BYTES, key.getLong(at + Long.BYTES));
            }
            if ((kept & ((1 << BLOCK_BITS) - 1)) == 0) {
                summary.putLong((kept >>> BLOCK_BITS) * Long.BYTES, position);
            }
            kept++;
        }
        int forgotten = size - kept;
        size = kept;
        int chunks = (kept + CHUNK_RECORDS - 1) >>> CHUNK_BITS;
        positions = Arrays.copyOf(positions, chunks);
        keys = Arrays.copyOf(keys, chunks);
        return forgotten;
    }

    /** Returns the first record that starts after {@code position}, or {@link #size} if none does. */
    private int firstAfter(long position) {
        if (size == 0) {
            return 0;
        }
        int block = block(summary, size, position);
        int entry = (block < 0) ? 0 : block << BLOCK_BITS;
        while (entry < size && position(entry) <= position) {
            entry++;
        }
        return entry;
    }

    private long position(int entry) {
        return positions[entry >>> CHUNK_BITS].getLong((entry & CHUNK_MASK) * Long.BYTES);
    }

    /** Returns the direct memory the records take, in bytes. */
    long nativeBytes() {
        return (long) positions.length * CHUNK_RECORDS * (Long.BYTES + DataKey.LENGTH) + summary.capacity();
    }
}
