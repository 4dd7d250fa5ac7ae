package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.NodeSummary;
import io.pagable.store.file.RecordHeadReader.RecordHead;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Lists a file store's nodes in key order, a page at a time ({@link FileContentStore#scan}). The
 * index is in hash order, so a scan's first page (the one after no key) copies and sorts every key
 * ({@link FileStoreKeyOrder}: 16 bytes per node on the heap), and the pages after it continue in that
 * order, until a page comes out short; a scan that starts again sorts again. Each key's location and
 * touched time come from the index when its page is made, so a node deleted since the sort is left
 * out, and one written since may or may not be listed; each record's stored size is read from its
 * head (never its data, {@link RecordHeadReader}). Thread-safe: pages may come from any thread, and a
 * first page replaces the order the others continue in.
 */
final class FileStoreScan {

    private final FileStoreIndex index;

    private final FileStoreReads reads;

    /** The key order of the scan running, or null. */
    private volatile @Nullable FileStoreKeyOrder order;

    FileStoreScan(FileStoreIndex index, FileStoreReads reads) {
        this.index = index;
        this.reads = reads;
    }

    /**
     * Returns the nodes whose keys follow {@code after}, at most {@code limit}.
     *
     * @param after the last key of the previous page, or {@code null} for the first page
     */
    List<NodeSummary> page(@Nullable DataKey after, int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1, but was " + limit);
        }
        FileStoreKeyOrder current = order;
        if (after == null || current == null) {
            long[][] keys = index.keys();
            current = new FileStoreKeyOrder(keys[0], keys[1]);
            order = current;
        }
        int next = (after == null) ? 0 : current.firstAfter(after.high(), after.low());
        List<NodeSummary> page = new ArrayList<>(Math.min(limit, current.size() - next));
        while (page.size() < limit && next < current.size()) {
            int count = Math.min(limit - page.size(), current.size() - next);
            add(current, next, count, page);
            next += count;
        }
        if (page.size() < limit && order == current) {
            order = null;
        }
        return page;
    }

    /** Adds the nodes of {@code count} keys from place {@code from} that the store still holds. */
    private void add(FileStoreKeyOrder keys, int from, int count, List<NodeSummary> page) {
        List<DataKey> batch = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            batch.add(DataKey.of(keys.high(from + i), keys.low(from + i)));
        }
        long[] touched = new long[count];
        RecordHead[] heads = reads.heads(batch, new long[count], touched);
        for (int i = 0; i < count; i++) {
            if (heads[i] != null) {
                page.add(new NodeSummary(batch.get(i), heads[i].storedSize(), Instant.ofEpochMilli(touched[i])));
            }
        }
    }
}
