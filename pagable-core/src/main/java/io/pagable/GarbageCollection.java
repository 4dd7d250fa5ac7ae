package io.pagable;

import java.time.Duration;
import java.time.Instant;

/**
 * What one garbage collection did ({@link PagableStorage#collectGarbage()}).
 *
 * @param outcome whether the collection ran, and if not, why
 * @param startedAt when it started, by the store's clock
 * @param duration how long it took
 * @param roots the named roots it kept, with the roots replaced or deleted within the grace period
 * @param nodesMarked the nodes it found live: reachable from a root, from an arc a running instance
 *     holds, or from a node written or found as a duplicate within the grace period
 * @param nodesDeleted the nodes it deleted
 * @param bytesDeleted the stored bytes of the nodes it deleted, as {@link io.pagable.store.StoreStats}
 *     counts them
 * @param bytesReclaimed the storage the store gave back, as it measures it: for the file store the
 *     bytes of the segment files deleted less those rewritten, for a database its own figure where it
 *     reports one, else {@code bytesDeleted}
 */
public record GarbageCollection(
        Outcome outcome,
        Instant startedAt,
        Duration duration,
        long roots,
        long nodesMarked,
        long nodesDeleted,
        long bytesDeleted,
        long bytesReclaimed) {

    /** Whether a collection ran. */
    public enum Outcome {
        /** The collection ran to its end. */
        COMPLETED,
        /** Another instance (or thread) was collecting the store; this one did nothing. */
        SKIPPED_ANOTHER_RUNNING,
        /**
         * The store holds no named root, and none was replaced or deleted within the grace period:
         * every node would be garbage, which is what a store written before roots existed looks like,
         * so nothing was deleted. Save the graphs to keep with {@link PagableStorage#saveRoot}.
         */
        SKIPPED_NO_ROOTS
    }

    static GarbageCollection skipped(Outcome outcome, Instant startedAt, Duration duration) {
        return new GarbageCollection(outcome, startedAt, duration, 0, 0, 0, 0, 0);
    }
}
