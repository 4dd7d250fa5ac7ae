package io.pagable.boot.actuate.endpoint;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.pagable.GarbageCollection;
import io.pagable.PagableRoot;
import io.pagable.PagableStats;
import io.pagable.PagableStorage;
import io.pagable.UnwritableArc;
import io.pagable.boot.actuate.ContentStoreType;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import io.pagable.store.ContentStore;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code pagable} actuator endpoint ({@code /actuator/pagable} over HTTP). Like every endpoint it
 * is exposed only when the application says so, e.g. with
 * {@code management.endpoints.web.exposure.include=health,pagable}.
 *
 * <ul>
 *   <li>Read ({@code GET}): counts of pending, resident and paged-out arcs, page-in and page-out
 *       totals and bytes, dedup hits, the arc cache's size and hit rate, the store's type, entries and
 *       bytes, drains (calls of {@code pageOutPending}) and failed drains, the arcs that can never be
 *       written, the drainer's state with its runs and the time and error of its last one, the
 *       number of named roots, and the garbage collector's state with what its last collection did.
 *   <li>Write ({@code POST}, no body): drains now, on the request's thread, until nothing is
 *       pending, and returns how many arcs were paged out. To allow reads only, set
 *       {@code management.endpoint.pagable.access=read-only}.
 * </ul>
 */
@Endpoint(id = "pagable", defaultAccess = Access.READ_ONLY)
public class PagableEndpoint {

    private static final int ROOTS_PER_PAGE = 10_000;

    private final PagableStorage storage;

    private final @Nullable ContentStore contentStore;

    private final @Nullable PagableDrainer drainer;

    private final @Nullable PagableGarbageCollector collector;

    /**
     * Creates the endpoint.
     *
     * @param storage the storage to report on
     * @param contentStore its store, or {@code null} if unknown
     * @param drainer its drainer, or {@code null} when scheduled draining is off
     * @param collector its scheduled garbage collector, or {@code null} when it is off
     */
    public PagableEndpoint(
            PagableStorage storage,
            @Nullable ContentStore contentStore,
            @Nullable PagableDrainer drainer,
            @Nullable PagableGarbageCollector collector) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.contentStore = contentStore;
        this.drainer = drainer;
        this.collector = collector;
    }

    /**
     * Reports what the storage holds and has done.
     *
     * @return the report
     */
    @ReadOperation
    public PagableDescriptor pagable() {
        PagableStats stats = storage.stats();
        return new PagableDescriptor(
                stats.pending(),
                stats.resident(),
                stats.pagedOut(),
                stats.pageOuts(),
                stats.pageIns(),
                stats.nodesWritten(),
                stats.bytesWritten(),
                stats.bytesRead(),
                stats.dedupHits(),
                stats.drains(),
                stats.failedDrains(),
                new UnwritableDescriptor(stats.unwritableArcs(), stats.recentUnwritable()),
                new CacheDescriptor(stats.cacheSize(), stats.cacheHitRate()),
                new StoreDescriptor(
                        (contentStore != null) ? ContentStoreType.of(contentStore) : "unknown",
                        stats.store().entries(),
                        stats.store().bytes()),
                drainer(stats),
                roots(),
                gc(stats));
    }

    /**
     * Counts the named roots a page at a time, or -1 when the store keeps none or cannot answer now
     * (the endpoint reports a store that is down rather than failing with it).
     */
    private long roots() {
        try {
            long count = 0;
            String after = null;
            List<PagableRoot> page;
            do {
                page = storage.roots(after, ROOTS_PER_PAGE);
                count += page.size();
                after = page.isEmpty() ? after : page.get(page.size() - 1).name();
            } while (page.size() == ROOTS_PER_PAGE);
            return count;
        } catch (RuntimeException ex) { // UnsupportedStoreOperationException, or a StoreException
            return -1;
        }
    }

    private GcDescriptor gc(PagableStats stats) {
        GarbageCollection last = stats.lastCollection();
        CollectionDescriptor lastCollection = (last == null)
                ? null
                : new CollectionDescriptor(
                        last.outcome().name(),
                        last.startedAt(),
                        last.duration().toMillis(),
                        last.roots(),
                        last.nodesMarked(),
                        last.nodesDeleted(),
                        last.bytesDeleted(),
                        last.bytesReclaimed());
        if (collector == null) {
            return new GcDescriptor(false, null, 0, 0, lastCollection, stats.lastCollectionError());
        }
        PagableGarbageCollector.Stats collected = collector.stats();
        return new GcDescriptor(
                collector.isRunning() && !collected.unsupported(),
                collector.getInterval().toString(),
                collected.runs(),
                collected.failedRuns(),
                lastCollection,
                stats.lastCollectionError());
    }

    /**
     * Drains now until nothing is pending.
     *
     * @return how many arcs were paged out and how many are still pending
     */
    @WriteOperation
    public DrainDescriptor drain() {
        int pagedOut = (drainer != null) ? drainer.drain() : storage.pageOutPending();
        return new DrainDescriptor(pagedOut, storage.pendingCount());
    }

    private DrainerDescriptor drainer(PagableStats stats) {
        if (drainer == null) {
            return new DrainerDescriptor(false, null, 0, 0, 0, 0, stats.lastDrainAt(), stats.lastError());
        }
        PagableDrainer.Stats drained = drainer.stats();
        return new DrainerDescriptor(
                drainer.isRunning(),
                drainer.getInterval().toString(),
                drainer.getBatchSize(),
                drainer.getThreads(),
                drained.runs(),
                drained.failedRuns(),
                stats.lastDrainAt(),
                (drained.consecutiveFailures() > 0) ? stats.lastError() : null);
    }

    /**
     * What the read operation returns.
     *
     * @param pending arcs queued for page-out and not yet written
     * @param resident arcs holding their value on the heap
     * @param pagedOut arcs whose value is only in the store
     * @param pageOuts arcs written and released since startup
     * @param pageIns values read back from the store since startup
     * @param nodesWritten nodes handed to the store since startup
     * @param bytesWritten bytes handed to the store since startup
     * @param bytesRead bytes read from the store since startup
     * @param dedupHits nodes not written because the store already held them
     * @param drains calls of {@code pageOutPending}, by the drainer or anyone else
     * @param failedDrains those that failed (the store failed; the arcs stayed queued)
     * @param unwritable arcs that can never be written, which left the queue and stay resident
     * @param cache the arc cache
     * @param store the content store
     * @param drainer the scheduled drainer
     * @param roots named roots in the store, or -1 when the store keeps none
     * @param gc the garbage collector
     */
    public record PagableDescriptor(
            long pending,
            long resident,
            long pagedOut,
            long pageOuts,
            long pageIns,
            long nodesWritten,
            long bytesWritten,
            long bytesRead,
            long dedupHits,
            long drains,
            long failedDrains,
            UnwritableDescriptor unwritable,
            CacheDescriptor cache,
            StoreDescriptor store,
            DrainerDescriptor drainer,
            long roots,
            GcDescriptor gc)
            implements OperationResponseBody {}

    /**
     * The garbage collector.
     *
     * @param enabled whether collections run on a schedule
     * @param interval the delay between scheduled collections (ISO-8601), or {@code null} when off
     * @param runs scheduled or on-demand runs of the scheduled collector, 0 when it is off
     * @param failedRuns runs that failed
     * @param lastCollection what the last collection of this instance did, or {@code null} before the
     *     first
     * @param lastError the error of the last collection, or {@code null} when it did not fail
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record GcDescriptor(
            boolean enabled,
            @Nullable String interval,
            long runs,
            long failedRuns,
            @Nullable CollectionDescriptor lastCollection,
            @Nullable String lastError) {}

    /**
     * One garbage collection (see {@link GarbageCollection}).
     *
     * @param outcome {@code COMPLETED}, {@code SKIPPED_ANOTHER_RUNNING} or {@code SKIPPED_NO_ROOTS}
     * @param startedAt when it started, by the store's clock
     * @param durationMillis how long it took
     * @param roots named roots it kept, with those retired within the grace period
     * @param nodesMarked nodes found live
     * @param nodesDeleted nodes deleted
     * @param bytesDeleted stored bytes of the nodes deleted
     * @param bytesReclaimed storage given back, as the store measures it
     */
    public record CollectionDescriptor(
            String outcome,
            Instant startedAt,
            long durationMillis,
            long roots,
            long nodesMarked,
            long nodesDeleted,
            long bytesDeleted,
            long bytesReclaimed) {}

    /**
     * Arcs that can never be written (see {@link UnwritableArc}).
     *
     * @param count how many drains gave up on since startup
     * @param recent the most recent, oldest first: value class, reason and time
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record UnwritableDescriptor(long count, List<UnwritableArc> recent) {}

    /**
     * The arc cache.
     *
     * @param size values it holds
     * @param hitRate hits / requests, 0 to 1
     */
    public record CacheDescriptor(long size, double hitRate) {}

    /**
     * The content store.
     *
     * @param type {@code jdbc}, {@code file}, {@code memory}, or the class name of another store
     * @param entries nodes stored, or -1 when the store cannot tell
     * @param bytes bytes stored, or -1 when the store cannot tell
     */
    public record StoreDescriptor(String type, long entries, long bytes) {}

    /**
     * The scheduled drainer.
     *
     * @param enabled whether it is running
     * @param interval the delay between runs (ISO-8601), or {@code null} when it is off
     * @param batchSize the most arcs one call takes, 0 when it is off
     * @param threads its thread count, 0 when it is off
     * @param runs runs of the drainer, each draining until nothing is pending; 0 when it is off
     * @param failedRuns runs that failed
     * @param lastDrainAt when the last drain finished (the end of the drainer's last run, unless the
     *     application drained since), or {@code null} before the first
     * @param lastError the error of the failing runs, or {@code null} when the last run succeeded (when
     *     the drainer is off, the last drain's or page-in's error)
     */
    @JsonInclude(JsonInclude.Include.ALWAYS)
    public record DrainerDescriptor(
            boolean enabled,
            @Nullable String interval,
            int batchSize,
            int threads,
            long runs,
            long failedRuns,
            @Nullable Instant lastDrainAt,
            @Nullable String lastError) {}

    /**
     * What the write operation returns.
     *
     * @param pagedOut arcs paged out by this drain
     * @param pending arcs still pending afterwards (created meanwhile)
     */
    public record DrainDescriptor(int pagedOut, long pending) implements OperationResponseBody {}
}
