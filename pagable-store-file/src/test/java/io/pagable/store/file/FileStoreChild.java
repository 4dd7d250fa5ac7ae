package io.pagable.store.file;

import io.pagable.PagableStorage;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/**
 * The other process of the file store's crash and lock tests, started by {@link ChildJvm}.
 *
 * <ul>
 *   <li>{@code write <directory> <firstBatch> <batches>}: stores batch after batch of
 *       {@link #nodesOfBatch test nodes}, printing {@code writing <batch>} before each and
 *       {@code flushed <batch>} after flushing it; the test kills it at some point.
 *   <li>{@code hold <directory>}: opens the store, prints {@code open} and keeps it open until its
 *       standard input closes.
 *   <li>{@code collect <directory> <step> <occurrence>}: saves versions 0 to
 *       {@value #COLLECTED_VERSION} of the {@link ShelfVersions shelf} in a store of small segments
 *       (the old versions' garbage more than one batch of the collector), prints {@code collecting} and
 *       collects garbage, then prints {@code collected}; when the store reaches the named step (one of
 *       {@link FileStoreSteps}) for the given time, it prints {@code stopped <step>} and waits there
 *       for the test to kill it. A step of {@code none} stops nowhere.
 * </ul>
 */
public final class FileStoreChild {

    static final int NODES_PER_BATCH = 500;

    private FileStoreChild() {}

    public static void main(String[] args) throws IOException {
        PrintStream out = System.out;
        Path directory = Path.of(args[1]);
        switch (args[0]) {
            case "write" -> {
                int first = Integer.parseInt(args[2]);
                int batches = Integer.parseInt(args[3]);
                try (FileContentStore store = new FileContentStore(directory)) {
                    for (int batch = first; batch < first + batches; batch++) {
                        List<StoredNode> nodes = nodesOfBatch(batch);
                        out.println("writing " + batch);
                        out.flush();
                        store.putAll(nodes);
                        store.flush();
                        out.println("flushed " + batch);
                        out.flush();
                    }
                }
            }
            case "hold" -> {
                try (FileContentStore store = new FileContentStore(directory)) {
                    out.println("open " + store.stats().entries());
                    out.flush();
                    while (System.in.read() >= 0) {
                        // Wait for the parent to close our input.
                    }
                }
            }
            case "collect" -> collect(directory, args[2], Integer.parseInt(args[3]), out);
            default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
        }
    }

    /** Segments of the crash tests' collections: small, so that a collection rewrites several. */
    static final long COLLECTED_SEGMENT_BYTES = 128 * 1024;

    /** The version the crash tests' collections keep. */
    static final int COLLECTED_VERSION = 9;

    private static void collect(Path directory, String stopAt, int occurrence, PrintStream out) {
        AtomicInteger reached = new AtomicInteger();
        FileStoreSteps steps = (step) -> {
            if (step.equals(stopAt) && reached.incrementAndGet() == occurrence) {
                out.println("stopped " + step);
                out.flush();
                LockSupport.park(); // until killed
            }
        };
        FileStoreOptions options = FileStoreOptions.of(
                        true, COLLECTED_SEGMENT_BYTES, FileContentStore.MAPPED_BY_DEFAULT)
                .withSteps(steps);
        try (FileContentStore store = new FileContentStore(directory, options)) {
            ShelfVersions.save(store, 0, COLLECTED_VERSION);
            out.println("collecting");
            out.flush();
            try (PagableStorage collector = ShelfVersions.engine(store)) {
                out.println("collected " + collector.collectGarbage().nodesDeleted());
                out.flush();
            }
        }
    }

    /**
     * The nodes of one batch, about 4 MiB: sizes from 16 bytes to 16 KiB, so records end at every
     * alignment, and one node of 1.5 MiB, which is written past the store's staging buffer.
     */
    static List<StoredNode> nodesOfBatch(int batch) {
        List<StoredNode> nodes = new ArrayList<>(NODES_PER_BATCH);
        for (int i = 0; i < NODES_PER_BATCH; i++) {
            long seed = (long) batch * NODES_PER_BATCH + i;
            nodes.add(TestNodes.node(seed, 16 + (int) ((seed * 7919) % (16 * 1024))));
        }
        nodes.add(NODES_PER_BATCH / 2, TestNodes.node(-1L - batch, 1536 * 1024));
        return nodes;
    }
}
