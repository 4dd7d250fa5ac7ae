package io.pagable;

import io.pagable.store.StoreStats;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * A snapshot of what a {@link PagableStorage} holds and has done since it was built. Counts of arcs
 * are kept by state transitions and are exact for arcs the application still references.
 *
 * @param pending arcs queued for page-out and not yet written
 * @param resident arcs holding a strong reference to their value (unsaved or pinned)
 * @param pagedOut arcs paged out (key and weak reference only), net of those pinned back in
 * @param pageIns values read from the store and decoded (cache misses)
 * @param pageOuts arcs whose value was written and released
 * @param nodesWritten nodes handed to the store
 * @param bytesWritten bytes of node data handed to the store
 * @param bytesRead bytes of node data read from the store
 * @param dedupHits nodes not written because their key was already stored or being written
 * @param cacheSize values held by the bounded arc cache
 * @param cacheHitRate hits / requests of the arc cache and resident map, 0 to 1 (1 when idle)
 * @param store entries and bytes of the content store
 * @param drains completed calls of {@code pageOutPending}
 * @param failedDrains calls of {@code pageOutPending} that failed
 * @param lastDrainAt when the last drain finished, or {@code null} before the first
 * @param lastError message of the last failed drain or page-in, or {@code null} when none failed
 * @param unwritableArcs arcs that drains gave up on because they can never be written; they stay
 *     resident (see {@link UnwritableArc})
 * @param recentUnwritable the most recent of those, oldest first, at most ten
 * @param collections garbage collections this engine ran to their end, skipped ones included
 * @param lastCollection what the last of them did, or {@code null} before the first
 * @param lastCollectionError message of the last collection that failed, or {@code null} when the
 *     last one did not fail
 */
public record PagableStats(
        long pending,
        long resident,
        long pagedOut,
        long pageIns,
        long pageOuts,
        long nodesWritten,
        long bytesWritten,
        long bytesRead,
        long dedupHits,
        long cacheSize,
        double cacheHitRate,
        StoreStats store,
        long drains,
        long failedDrains,
        @Nullable Instant lastDrainAt,
        @Nullable String lastError,
        long unwritableArcs,
        List<UnwritableArc> recentUnwritable,
        long collections,
        @Nullable GarbageCollection lastCollection,
        @Nullable String lastCollectionError) {

    /**
     * Checks and copies the components.
     *
     * @throws NullPointerException if {@code store} or {@code recentUnwritable} is null
     */
    public PagableStats {
        Objects.requireNonNull(store, "store");
        recentUnwritable = List.copyOf(recentUnwritable);
    }
}
