package io.pagable.store;

import io.pagable.DataKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * A content store on the heap, for tests and for graphs that only need deduplication and identity,
 * not paging: paged-out bytes stay in memory (usually far smaller than the objects they encode).
 * It keeps named roots and supports garbage collection, in memory. Thread-safe; nothing survives the
 * JVM.
 */
public final class InMemoryContentStore extends SingleProcessContentStore {

    private final ConcurrentHashMap<DataKey, Entry> nodes = new ConcurrentHashMap<>();

    private final LongAdder bytes = new LongAdder();

    /** Key order of the nodes when the last scan started; later pages continue in it. */
    private volatile DataKey @Nullable [] scanOrder;

    /** Creates an empty store. */
    public InMemoryContentStore() {
        this(Clock.systemUTC());
    }

    /**
     * Creates an empty store on a clock of the caller's (tests of the grace period).
     *
     * @param clock the store's clock, for touched times, leases and roots
     */
    public InMemoryContentStore(Clock clock) {
        super(clock, Map.of());
    }

    @Override
    public void putAll(List<StoredNode> batch) {
        long now = now().toEpochMilli();
        for (StoredNode node : batch) {
            nodes.compute(node.key(), (key, present) -> {
                if (present == null) {
                    bytes.add(node.storedSize());
                    return new Entry(node, now);
                }
                present.touched = Math.max(present.touched, now);
                return present;
            });
        }
    }

    @Override
    public Optional<StoredNode> get(DataKey key) {
        Entry entry = nodes.get(key);
        return (entry != null) ? Optional.of(entry.node) : Optional.empty();
    }

    @Override
    public boolean contains(DataKey key) {
        return nodes.containsKey(key);
    }

    @Override
    public StoreStats stats() {
        return new StoreStats(nodes.size(), bytes.sum());
    }

    @Override
    public boolean supportsCollection() {
        return true;
    }

    @Override
    public List<NodeSummary> scan(@Nullable DataKey after, int limit) {
        DataKey[] order = scanOrder;
        if (after == null || order == null) {
            order = nodes.keySet().toArray(DataKey[]::new);
            Arrays.sort(order);
            scanOrder = order;
        }
        int from = 0;
        if (after != null) {
            int found = Arrays.binarySearch(order, after);
            from = (found >= 0) ? found + 1 : -found - 1;
        }
        List<NodeSummary> page = new ArrayList<>(Math.min(limit, order.length - from));
        for (int i = from; i < order.length && page.size() < limit; i++) {
            Entry entry = nodes.get(order[i]);
            if (entry != null) {
                page.add(new NodeSummary(order[i], entry.node.storedSize(), Instant.ofEpochMilli(entry.touched)));
            }
        }
        if (page.size() < limit) {
            scanOrder = null;
        }
        return page;
    }

    @Override
    public DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
        // touched times are whole milliseconds: t < touchedBefore exactly when t < its ceiling
        long before = touchedBefore.plusNanos(999_999).toEpochMilli();
        long[] deleted = new long[2];
        for (DataKey key : keys) {
            nodes.computeIfPresent(key, (k, entry) -> {
                if (entry.touched >= before) {
                    return entry;
                }
                deleted[0]++;
                deleted[1] += entry.node.storedSize();
                return null;
            });
        }
        bytes.add(-deleted[1]);
        return new DeletedNodes(deleted[0], deleted[1]);
    }

    @Override
    public String toString() {
        return "InMemoryContentStore[" + nodes.size() + " nodes]";
    }

    /** A node and when it was last touched, in epoch milliseconds; changed only inside the map's compute. */
    private static final class Entry {

        final StoredNode node;

        long touched;

        Entry(StoredNode node, long touched) {
            this.node = node;
            this.touched = touched;
        }
    }
}
