package io.pagable.benchmarks.workload;

import io.pagable.benchmarks.workload.HeapModel.Node;
import io.pagable.benchmarks.workload.HeapModel.Traversal;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;

/**
 * Everything on the heap: the baseline of the heap figure (the graph's retained size, measured
 * like every other heap figure) and of the warm traversal.
 */
final class OnHeapContender implements Contender {

    @Override
    public String name() {
        return "all on heap";
    }

    @Override
    public EnumMap<Metric, Double> run(Workload workload, Path directory) {
        EnumMap<Metric, Double> figures = new EnumMap<>(Metric.class);
        long heapHeld = buildAndTraverse(workload, figures);
        figures.put(Metric.HEAP_RETAINED_BYTES, (double) (heapHeld - HeapMeter.usedAfterGc()));
        return figures;
    }

    private static long buildAndTraverse(Workload workload, EnumMap<Metric, Double> figures) {
        List<Node> nodes = workload.first().build(new HeapModel.Factory());
        Node root = nodes.get(nodes.size() - 1);
        nodes = null;
        long heapHeld = HeapMeter.usedAfterGc();
        Traversal first = HeapModel.traverse(root, workload.first().size());
        HeapMeter.settle();
        long start = System.nanoTime();
        Traversal warm = HeapModel.traverse(root, workload.first().size());
        figures.put(Metric.WARM_SECONDS, (System.nanoTime() - start) / 1e9);
        PagableContender.record(first, warm, figures);
        Reference.reachabilityFence(root);
        return heapHeld;
    }
}
