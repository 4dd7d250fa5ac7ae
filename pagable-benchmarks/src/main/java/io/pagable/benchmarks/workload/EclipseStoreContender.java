package io.pagable.benchmarks.workload;

import io.pagable.benchmarks.workload.EclipseModel.Leaf;
import io.pagable.benchmarks.workload.EclipseModel.Node;
import io.pagable.benchmarks.workload.EclipseModel.Root;
import io.pagable.benchmarks.workload.HeapModel.Traversal;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.List;
import org.eclipse.store.storage.embedded.types.EmbeddedStorage;
import org.eclipse.store.storage.embedded.types.EmbeddedStorageManager;

/**
 * Eclipse Store with its defaults, lists held through {@code Lazy}. Store: {@code store} of the
 * storage root's list of graphs. Incremental: the changed leaves get their new payload in place and
 * are stored one by one, Eclipse Store's append of only what changed. Heap: every {@code Lazy}
 * cleared, the application holding only the storage manager and its root. Second graph: fresh
 * instances with the same content, stored under the root. Traversal: a new storage manager on the
 * files, {@code Lazy.get()} on every list.
 */
final class EclipseStoreContender implements Contender {

    @Override
    public String name() {
        return "Eclipse Store";
    }

    @Override
    public EnumMap<Metric, Double> run(Workload workload, Path directory) throws Exception {
        EnumMap<Metric, Double> figures = new EnumMap<>(Metric.class);
        Path files = directory.resolve("eclipse-store");
        // measured against the heap before the storage starts, not after its shutdown: right after
        // shutdown the heap was at times larger than while it ran, and the difference negative
        long before = HeapMeter.usedAfterGc();
        long heapHeld = store(workload, files, figures);
        figures.put(Metric.HEAP_RETAINED_BYTES, (double) (heapHeld - before));
        traverse(workload, files, figures);
        return figures;
    }

    /**
     * The size of the storage's files once its housekeeping has settled: in the seconds after a
     * store, Eclipse Store writes new data files while it rewrites others (the directory measured
     * 95.3, 103.3, 111.3 or 127.3 MiB for the same graph depending on the moment), and a full file
     * check finishes that work, leaving 95.3 MiB. Not timed.
     */
    private static long settledSize(EmbeddedStorageManager manager, Path files) {
        manager.issueFullFileCheck();
        return Directories.sizeOf(files);
    }

    private static long store(Workload workload, Path files, EnumMap<Metric, Double> figures) throws Exception {
        Root root = new Root();
        EmbeddedStorageManager manager = EmbeddedStorage.start(root, files);
        long heapHeld;
        try {
            EclipseModel.Factory factory = new EclipseModel.Factory();
            List<Node> nodes = workload.first().build(factory);
            root.graphs.add((EclipseModel.Group) nodes.get(nodes.size() - 1));
            figures.put(Metric.STORE_SECONDS, Contender.seconds(() -> manager.store(root.graphs)));
            long disk = settledSize(manager, files);
            figures.put(Metric.DISK_BYTES, (double) disk);

            List<Leaf> changed = changeLeaves(workload, nodes);
            figures.put(Metric.INCREMENTAL_SECONDS, Contender.seconds(() -> manager.storeAll(changed)));
            long diskAfterChange = settledSize(manager, files);
            figures.put(Metric.INCREMENTAL_BYTES, (double) (diskAfterChange - disk));
            figures.put(Metric.INCREMENTAL_NODES, (double) changed.size());
            nodes = null;

            EclipseModel.clearAll(root.graphs.get(0));
            heapHeld = HeapMeter.usedAfterGc();

            List<Node> second = workload.second().build(factory);
            root.graphs.add((EclipseModel.Group) second.get(second.size() - 1));
            second = null;
            figures.put(Metric.SECOND_GRAPH_SECONDS, Contender.seconds(() -> manager.store(root.graphs)));
            figures.put(Metric.SECOND_GRAPH_BYTES, (double) (settledSize(manager, files) - diskAfterChange));
        } finally {
            manager.shutdown();
        }
        Reference.reachabilityFence(root);
        return heapHeld;
    }

    /** Gives the changed leaves their new payload (as {@link GraphShape} derives it) in place. */
    private static List<Leaf> changeLeaves(Workload workload, List<Node> nodes) {
        List<Node> fresh = workload.changed().rebuild(new EclipseModel.Factory(), nodes, onlyChangedLeaves(workload));
        List<Leaf> changed = new ArrayList<>();
        for (int i = 0; i < nodes.size(); i++) {
            if (fresh.get(i) != nodes.get(i) && fresh.get(i) instanceof Leaf leaf) {
                Leaf original = (Leaf) nodes.get(i);
                original.payload = leaf.payload;
                changed.add(original);
            }
        }
        return changed;
    }

    private static BitSet onlyChangedLeaves(Workload workload) {
        BitSet leaves = new BitSet();
        BitSet affected = workload.affected();
        for (int i = affected.nextSetBit(0); i >= 0; i = affected.nextSetBit(i + 1)) {
            if (workload.changed().kind(i) == GraphShape.LEAF) {
                leaves.set(i);
            }
        }
        return leaves;
    }

    private static void traverse(Workload workload, Path files, EnumMap<Metric, Double> figures) throws Exception {
        long start = System.nanoTime();
        EmbeddedStorageManager manager = EmbeddedStorage.start(files);
        try {
            figures.put(Metric.OPEN_SECONDS, (System.nanoTime() - start) / 1e9);
            Node first = ((Root) manager.root()).graphs.get(0);
            Traversal cold = EclipseModel.traverse(first, workload.first().size());
            figures.put(Metric.COLD_SECONDS, (System.nanoTime() - start) / 1e9);
            Traversal[] warm = new Traversal[1];
            HeapMeter.settle();
            figures.put(
                    Metric.WARM_SECONDS,
                    Contender.seconds(() -> warm[0] =
                            EclipseModel.traverse(first, workload.first().size())));
            PagableContender.record(cold, warm[0], figures);
        } finally {
            manager.shutdown();
        }
    }
}
