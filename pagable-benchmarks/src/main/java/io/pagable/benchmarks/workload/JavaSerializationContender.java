package io.pagable.benchmarks.workload;

import io.pagable.benchmarks.workload.HeapModel.Node;
import io.pagable.benchmarks.workload.HeapModel.Traversal;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Java serialization of the whole plain graph to one file (shared references written once), forced
 * to the disk. There is no paging: an update or a second graph rewrites a whole file, and reading
 * anything reads everything. Runs on a thread with a large stack, as the serializer recurses along
 * the graph's paths.
 */
final class JavaSerializationContender implements Contender {

    @Override
    public String name() {
        return "Java serialization";
    }

    @Override
    public EnumMap<Metric, Double> run(Workload workload, Path directory) throws Exception {
        AtomicReference<EnumMap<Metric, Double>> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = new Thread(
                null,
                () -> {
                    try {
                        result.set(runOnLargeStack(workload, directory));
                    } catch (Throwable ex) {
                        failure.set(ex);
                    }
                },
                "java-serialization",
                1L << 30);
        thread.start();
        thread.join();
        if (failure.get() != null) {
            throw new IllegalStateException("Java serialization failed", failure.get());
        }
        return result.get();
    }

    private static EnumMap<Metric, Double> runOnLargeStack(Workload workload, Path directory) throws Exception {
        EnumMap<Metric, Double> figures = new EnumMap<>(Metric.class);
        HeapModel.Factory factory = new HeapModel.Factory();
        List<Node> nodes = workload.first().build(factory);
        Path first = directory.resolve("graph.ser");
        figures.put(Metric.STORE_SECONDS, Contender.seconds(() -> write(last(nodes), first)));
        figures.put(Metric.DISK_BYTES, (double) Directories.sizeOf(first));

        List<Node> changed = workload.changed().rebuild(factory, nodes, workload.affected());
        Path update = directory.resolve("graph-changed.ser");
        figures.put(Metric.INCREMENTAL_SECONDS, Contender.seconds(() -> write(last(changed), update)));
        figures.put(Metric.INCREMENTAL_BYTES, (double) Directories.sizeOf(update));

        List<Node> second = workload.second().build(factory);
        Path secondFile = directory.resolve("graph-second.ser");
        figures.put(Metric.SECOND_GRAPH_SECONDS, Contender.seconds(() -> write(last(second), secondFile)));
        figures.put(Metric.SECOND_GRAPH_BYTES, (double) Directories.sizeOf(secondFile));

        Node[] root = new Node[1];
        long start = System.nanoTime();
        try (ObjectInputStream in =
                new ObjectInputStream(new BufferedInputStream(java.nio.file.Files.newInputStream(first), 1 << 16))) {
            root[0] = (Node) in.readObject();
        }
        figures.put(Metric.OPEN_SECONDS, (System.nanoTime() - start) / 1e9);
        Traversal cold = HeapModel.traverse(root[0], workload.first().size());
        figures.put(Metric.COLD_SECONDS, (System.nanoTime() - start) / 1e9);
        Traversal[] warm = new Traversal[1];
        HeapMeter.settle();
        figures.put(
                Metric.WARM_SECONDS,
                Contender.seconds(() ->
                        warm[0] = HeapModel.traverse(root[0], workload.first().size())));
        PagableContender.record(cold, warm[0], figures);
        return figures;
    }

    private static Node last(List<Node> nodes) {
        return nodes.get(nodes.size() - 1);
    }

    private static void write(Node root, Path file) throws Exception {
        try (java.io.FileOutputStream channel = new java.io.FileOutputStream(file.toFile());
                OutputStream buffered = new BufferedOutputStream(channel, 1 << 16);
                ObjectOutputStream out = new ObjectOutputStream(buffered)) {
            out.writeObject(root);
            out.flush();
            channel.getFD().sync();
        }
    }
}
