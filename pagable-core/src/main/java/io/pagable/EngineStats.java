package io.pagable;

import io.pagable.store.StoreStats;
import java.time.Instant;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/** The engine's counters, updated lock-free on the hot paths. */
final class EngineStats {

    final LongAdder pending = new LongAdder();

    final LongAdder resident = new LongAdder();

    final LongAdder pagedOut = new LongAdder();

    final LongAdder pageIns = new LongAdder();

    final LongAdder pageOuts = new LongAdder();

    final LongAdder nodesWritten = new LongAdder();

    final LongAdder bytesWritten = new LongAdder();

    final LongAdder bytesRead = new LongAdder();

    final LongAdder dedupHits = new LongAdder();

    final LongAdder cacheHits = new LongAdder();

    final LongAdder cacheMisses = new LongAdder();

    final LongAdder drains = new LongAdder();

    final LongAdder failedDrains = new LongAdder();

    final UnwritableArcs unwritable = new UnwritableArcs();

    private volatile @Nullable Instant lastDrainAt;

    private volatile @Nullable String lastError;

    final LongAdder collections = new LongAdder();

    private volatile @Nullable GarbageCollection lastCollection;

    private volatile @Nullable String lastCollectionError;

    void collected(GarbageCollection collection) {
        collections.increment();
        lastCollection = collection;
        lastCollectionError = null;
    }

    void collectionFailed(Throwable error) {
        lastCollectionError = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    void drainFinished(boolean failed, @Nullable Throwable error) {
        lastDrainAt = Instant.now();
        (failed ? failedDrains : drains).increment();
        if (error != null) {
            failed(error);
        }
    }

    void failed(Throwable error) {
        lastError = error.getClass().getSimpleName() + ": " + error.getMessage();
    }

    PagableStats snapshot(long cacheSize, StoreStats store) {
        long hits = cacheHits.sum();
        long requests = hits + cacheMisses.sum();
        return new PagableStats(
                Math.max(0, pending.sum()),
                Math.max(0, resident.sum()),
                Math.max(0, pagedOut.sum()),
                pageIns.sum(),
                pageOuts.sum(),
                nodesWritten.sum(),
                bytesWritten.sum(),
                bytesRead.sum(),
                dedupHits.sum(),
                cacheSize,
                (requests == 0) ? 1.0 : (double) hits / requests,
                store,
                drains.sum(),
                failedDrains.sum(),
                lastDrainAt,
                lastError,
                unwritable.count(),
                unwritable.recent(),
                collections.sum(),
                lastCollection,
                lastCollectionError);
    }
}
