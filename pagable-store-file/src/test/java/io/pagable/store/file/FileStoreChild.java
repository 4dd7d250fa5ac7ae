package io.pagable.store.file;

import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The other process of the file store's crash and lock tests, started by {@link ChildJvm}.
 *
 * <ul>
 *   <li>{@code write <directory> <firstBatch> <batches>}: stores batch after batch of
 *       {@link #nodesOfBatch test nodes}, printing {@code writing <batch>} before each and
 *       {@code flushed <batch>} after flushing it; the test kills it at some point.
 *   <li>{@code hold <directory>}: opens the store, prints {@code open} and keeps it open until its
 *       standard input closes.
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
            default -> throw new IllegalArgumentException("Unknown mode " + args[0]);
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
