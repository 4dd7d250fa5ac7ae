package io.pagable;

import io.pagable.store.ContentStore;
import io.pagable.store.StoredNode;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hands a write batch's chunks to {@link ContentStore#putAll} on an engine thread, so the store
 * writes one chunk while the drain encodes the next: encoding and writing overlap instead of taking
 * turns. A batch's chunks reach the store one at a time and in order (children before parents, as
 * when written inline); at most {@value #IN_FLIGHT} wait per batch, so a slow store holds the drain
 * back rather than letting encoded bytes pile up. After a chunk fails, the batch's later chunks are
 * not written and the failure is rethrown to the drain.
 *
 * <p>Threads are made on demand, one per batch writing at the moment, and end after a minute idle;
 * they are daemon threads named {@code pagable-store-writer-N}. Thread-safe.
 */
final class StoreWriter {

    /** Chunks of one batch handed over and not yet written, at most. */
    static final int IN_FLIGHT = 2;

    private static final AtomicInteger THREADS = new AtomicInteger();

    private final ContentStore store;

    private final ExecutorService threads;

    StoreWriter(ContentStore store) {
        this.store = store;
        ThreadFactory factory = (task) -> {
            Thread thread = new Thread(task, "pagable-store-writer-" + THREADS.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        // a batch's chunks are chained, so at most one task per writing batch runs: a cached pool
        // has as many threads as batches write at once
        this.threads = Executors.newCachedThreadPool(factory);
    }

    /** The chunks of one batch on their way to the store. */
    static final class Chunks {

        private final ArrayDeque<CompletableFuture<Void>> inFlight = new ArrayDeque<>();

        private CompletableFuture<Void> last = CompletableFuture.completedFuture(null);
    }

    /**
     * Hands a chunk over, after waiting for the batch's oldest chunk if {@value #IN_FLIGHT} are
     * waiting already.
     *
     * @throws RuntimeException the store's failure of an earlier chunk of the batch
     */
    void put(Chunks chunks, List<StoredNode> chunk) {
        while (chunks.inFlight.size() >= IN_FLIGHT) {
            await(chunks.inFlight.removeFirst());
        }
        chunks.last = chunks.last.thenRunAsync(() -> store.putAll(chunk), threads);
        chunks.inFlight.addLast(chunks.last);
    }

    /**
     * Waits until every chunk handed over is written.
     *
     * @throws RuntimeException the store's failure of a chunk of the batch
     */
    void awaitAll(Chunks chunks) {
        chunks.inFlight.clear();
        await(chunks.last);
    }

    /** Lets the threads end once idle; chunks handed over are still written. */
    void shutdown() {
        threads.shutdown();
    }

    private static void await(CompletableFuture<Void> written) {
        try {
            written.join();
        } catch (CompletionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw ex;
        }
    }

    @Override
    public String toString() {
        return "StoreWriter[" + store + "]";
    }
}
