package io.pagable.benchmarks.workload;

import io.pagable.CountingContentStore;
import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.benchmarks.workload.HeapModel.Traversal;
import io.pagable.benchmarks.workload.PagableModel.Node;
import io.pagable.store.file.FileContentStore;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;

/**
 * pagable on one backend. Store: the graph's lists are arcs, drained by {@code pageOutPending()}
 * with the root's arc (durable when it returns). Incremental: the changed leaves and their
 * ancestors are made anew (the other instances are reused, as an immutable update does) and
 * drained. Heap: with an arc cache of size 0, what stays on the heap once the application holds
 * only the root arcs; the file store's index is off the heap, in direct memory, and is reported
 * beside it. Second graph: made of fresh instances (a second build producing equal values),
 * so only content addressing can tell what is already stored. Cold and warm traversal: a new engine
 * on the stored data, with an arc cache large enough for the whole graph.
 */
final class PagableContender implements Contender {

    private final PagableBackend backend;

    PagableContender(PagableBackend backend) {
        this.backend = backend;
    }

    @Override
    public String name() {
        return backend.label();
    }

    @Override
    public EnumMap<Metric, Double> run(Workload workload, Path directory) throws Exception {
        String table = "PAGABLE_WORKLOAD_" + Long.toHexString(System.nanoTime()).toUpperCase(java.util.Locale.ROOT);
        EnumMap<Metric, Double> figures = new EnumMap<>(Metric.class);
        try {
            DataKey rootKey = store(workload, directory, table, figures);
            // the engine is closed and unreachable now: what it held is the difference
            figures.merge(Metric.HEAP_RETAINED_BYTES, (double) HeapMeter.usedAfterGc(), (held, after) -> held - after);
            traverse(workload, directory, table, rootKey, figures);
        } finally {
            backend.drop(table);
        }
        return figures;
    }

    private DataKey store(Workload workload, Path directory, String table, EnumMap<Metric, Double> figures)
            throws Exception {
        PagableBackend.Opened opened = backend.open(directory, table);
        CountingContentStore store = new CountingContentStore(opened.store());
        DataKey rootKey;
        long heapHeld;
        try (PagableStorage storage = storage(store, 0)) {
            PagableModel.Factory factory = new PagableModel.Factory(storage);
            List<Node> nodes = workload.first().build(factory);
            PagableArc<Node> root = storage.arc(nodes.get(nodes.size() - 1));
            figures.put(Metric.STORE_SECONDS, Contender.seconds(storage::pageOutPending));
            long disk = backend.diskBytes(directory, table);
            figures.put(Metric.DISK_BYTES, (double) disk);

            long entries = store.stats().entries();
            long storedSize = store.storedSizePut.get();
            List<Node> changedNodes = workload.changed().rebuild(factory, nodes, workload.affected());
            PagableArc<Node> changedRoot = storage.arc(changedNodes.get(changedNodes.size() - 1));
            figures.put(Metric.INCREMENTAL_SECONDS, Contender.seconds(storage::pageOutPending));
            long diskAfterChange = backend.diskBytes(directory, table);
            figures.put(Metric.INCREMENTAL_BYTES, (double) (diskAfterChange - disk));
            figures.put(Metric.INCREMENTAL_NODES, (double) (store.stats().entries() - entries));
            figures.put(Metric.INCREMENTAL_EXPECTED_NODES, (double) workload.expectedIncrementalNodes());
            figures.put(Metric.INCREMENTAL_ENCODED_BYTES, (double) (store.storedSizePut.get() - storedSize));
            nodes = null;
            changedNodes = null;

            HeapMeter.usedAfterGc();
            storage.pageOutPending(); // an idle drain, as the starter's drainer runs one on a schedule
            heapHeld = HeapMeter.usedAfterGc();
            if (opened.store() instanceof FileContentStore file) {
                figures.put(Metric.OFF_HEAP_BYTES, (double) file.indexNativeBytes());
            }
            Reference.reachabilityFence(root);
            Reference.reachabilityFence(changedRoot);

            List<Node> second = workload.second().build(factory);
            PagableArc<Node> secondRoot = storage.arc(second.get(second.size() - 1));
            second = null;
            figures.put(Metric.SECOND_GRAPH_SECONDS, Contender.seconds(storage::pageOutPending));
            figures.put(Metric.SECOND_GRAPH_BYTES, (double) (backend.diskBytes(directory, table) - diskAfterChange));
            Reference.reachabilityFence(secondRoot);
            rootKey = root.key().orElseThrow();
        } finally {
            opened.closePool();
        }
        figures.put(Metric.HEAP_RETAINED_BYTES, (double) heapHeld);
        return rootKey;
    }

    private void traverse(
            Workload workload, Path directory, String table, DataKey rootKey, EnumMap<Metric, Double> figures)
            throws Exception {
        long start = System.nanoTime();
        PagableBackend.Opened opened = backend.open(directory, table);
        CountingContentStore store = new CountingContentStore(opened.store());
        try (PagableStorage storage = storage(store, 4L * workload.first().size())) {
            figures.put(Metric.OPEN_SECONDS, (System.nanoTime() - start) / 1e9);
            Node root = storage.arc(rootKey, Node.class).get();
            Traversal cold = PagableModel.traverse(root, workload.first().size());
            figures.put(Metric.COLD_SECONDS, (System.nanoTime() - start) / 1e9);
            figures.put(Metric.COLD_READS, (double) store.reads.get());
            figures.put(Metric.COLD_ROUND_TRIPS, (double) store.readCalls.get());
            Traversal[] warm = new Traversal[1];
            HeapMeter.settle();
            figures.put(
                    Metric.WARM_SECONDS,
                    Contender.seconds(() -> warm[0] =
                            PagableModel.traverse(root, workload.first().size())));
            record(cold, warm[0], figures);
        } finally {
            opened.closePool();
        }
    }

    private static PagableStorage storage(CountingContentStore store, long cacheSize) {
        return PagableStorage.builder()
                .contentStore(store)
                .registerTypes(PagableModel.Leaf.class, PagableModel.Rule.class, PagableModel.Group.class)
                .cacheMaximumSize(cacheSize)
                .build();
    }

    static void record(Traversal cold, Traversal warm, EnumMap<Metric, Double> figures) {
        if (!cold.equals(warm)) {
            throw new IllegalStateException("Cold traversal saw " + cold + " but warm saw " + warm);
        }
        figures.put(Metric.TRAVERSED_NODES, (double) cold.nodes());
        figures.put(Metric.PAYLOAD_BYTES, (double) cold.payloadBytes());
    }
}
