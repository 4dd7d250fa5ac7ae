package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The write path of a {@link FileContentStore}: stores a batch of nodes by touching those whose key
 * the index holds (raising their touched time to the batch's) and appending, in order, the others
 * that did not come earlier in the batch, then indexing them, touched at the batch's time, and
 * counting their bytes. The index and the count change only once the append has returned: if it
 * fails, none of the batch's new nodes is readable. Not thread-safe: the store calls it under its
 * write lock; {@link #storedBytes()} may be read from any thread.
 */
final class FileStoreWrites {

    private final FileStoreIndex index;

    private final SegmentWriter writer;

    private volatile long storedBytes;

    /**
     * Writes to a store opened holding {@code storedBytes}.
     *
     * @param storedBytes the stored bytes of the nodes the store holds already
     */
    FileStoreWrites(FileStoreIndex index, SegmentWriter writer, long storedBytes) {
        this.index = index;
        this.writer = writer;
        this.storedBytes = storedBytes;
    }

    /**
     * Touches the nodes whose key is stored, appends the others and indexes them.
     *
     * @param touched the batch's touched time, epoch milliseconds
     * @throws StoreException if writing fails; then none of this batch's new nodes is indexed
     */
    void putAll(List<StoredNode> nodes, long touched) {
        int count = nodes.size();
        long[] highs = new long[count];
        long[] lows = new long[count];
        for (int i = 0; i < count; i++) {
            DataKey key = nodes.get(i).key();
            highs[i] = key.high();
            lows[i] = key.low();
        }
        long[] present = new long[count];
        index.touchAll(highs, lows, count, touched, present);
        KeyLocations seen = new KeyLocations(count);
        List<StoredNode> fresh = new ArrayList<>(count);
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            if (present[i] == 0 && seen.putIfAbsent(highs[i], lows[i], i + 1)) {
                StoredNode node = nodes.get(i);
                highs[fresh.size()] = highs[i];
                lows[fresh.size()] = lows[i];
                fresh.add(node);
                bytes += node.storedSize();
            }
        }
        if (fresh.isEmpty()) {
            return;
        }
        long[] locations = writer.append(fresh);
        index.putAllAbsent(highs, lows, locations, fresh.size(), touched, null, null);
        storedBytes += bytes;
    }

    /**
     * Returns a moment as a touched time: epoch milliseconds, rounded up, so that a node is never
     * taken for touched earlier than it was (nor deleted by a cutoff after its touch).
     */
    static long touchedMillis(Instant moment) {
        long millis = moment.toEpochMilli();
        return (moment.getNano() % 1_000_000 == 0) ? millis : millis + 1;
    }

    /** Counts nodes deleted: their stored bytes leave the store's. */
    void deleted(long bytes) {
        storedBytes -= bytes;
    }

    /** Returns the stored bytes of the nodes the store holds (data plus 16 per child key). */
    long storedBytes() {
        return storedBytes;
    }
}
