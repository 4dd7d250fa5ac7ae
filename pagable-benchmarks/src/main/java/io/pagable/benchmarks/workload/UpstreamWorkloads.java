package io.pagable.benchmarks.workload;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.file.FileContentStore;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The upstream crate's published workloads, on pagable's file store: 1,000,000 values of 10 bytes
 * paged out and back in, and 500,000 values of 1 KiB paged out. Each value is a distinct
 * {@code byte[]} in its own arc; page-out is one {@code pageOutPending()} (durable when it returns);
 * page-in is {@code get()} on every arc after the values were collected (arc cache size 0).
 */
final class UpstreamWorkloads {

    /** The figures, in seconds. */
    enum Figure {
        SMALL_PAGE_OUT("1,000,000 x 10 B page-out s", 5.0, 10.9),
        SMALL_PAGE_IN("1,000,000 x 10 B page-in s", 4.0, 10.3),
        LARGE_PAGE_OUT("500,000 x 1 KiB page-out s", 3.0, 13.1);

        final String label;

        final double target;

        final double upstream;

        Figure(String label, double target, double upstream) {
            this.label = label;
            this.target = target;
            this.upstream = upstream;
        }
    }

    private UpstreamWorkloads() {}

    /**
     * Runs the workloads once, scaled by {@code scale} (1 for the published sizes).
     *
     * @param directory an empty directory
     * @param scale fraction of the published value counts
     * @return seconds per figure
     */
    static EnumMap<Figure, Double> run(Path directory, double scale) throws Exception {
        EnumMap<Figure, Double> figures = new EnumMap<>(Figure.class);
        try (PagableStorage storage = storage(directory.resolve("small"))) {
            List<PagableArc<byte[]>> arcs = arcs(storage, (int) (1_000_000 * scale), 10, 1);
            figures.put(Figure.SMALL_PAGE_OUT, Contender.seconds(storage::pageOutPending));
            HeapMeter.usedAfterGc();
            long[] length = new long[1];
            figures.put(Figure.SMALL_PAGE_IN, Contender.seconds(() -> {
                for (PagableArc<byte[]> arc : arcs) {
                    length[0] += arc.get().length;
                }
            }));
            if (length[0] != 10L * arcs.size()) {
                throw new IllegalStateException("Paged in " + length[0] + " bytes");
            }
        }
        try (PagableStorage storage = storage(directory.resolve("large"))) {
            List<PagableArc<byte[]>> arcs = arcs(storage, (int) (500_000 * scale), 1024, 2);
            figures.put(Figure.LARGE_PAGE_OUT, Contender.seconds(storage::pageOutPending));
            if (storage.pendingCount() != 0 || !arcs.get(0).isPagedOut()) {
                throw new IllegalStateException("Not everything was paged out");
            }
        }
        return figures;
    }

    private static PagableStorage storage(Path directory) {
        return PagableStorage.builder()
                .contentStore(new FileContentStore(directory))
                .cacheMaximumSize(0)
                .build();
    }

    private static List<PagableArc<byte[]>> arcs(PagableStorage storage, int count, int size, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<PagableArc<byte[]>> arcs = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] value = new byte[size];
            random.nextBytes(value);
            ByteBuffer.wrap(value).putInt(0, i); // distinct values: no deduplication
            arcs.add(storage.arc(value));
        }
        return arcs;
    }
}
