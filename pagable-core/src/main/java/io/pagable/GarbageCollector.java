package io.pagable;

import io.pagable.GarbageCollection.Outcome;
import io.pagable.store.ContentStore;
import io.pagable.store.DeletedNodes;
import io.pagable.store.NodeSummary;
import io.pagable.store.StoreLease;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One engine's garbage collector: mark from everything that must live, then delete what was not
 * marked and was last touched before the cutoff, in batches. The argument for why it never deletes
 * a live node is in the documentation ("Garbage collection"); in short:
 *
 * <ol>
 *   <li>Take the store's collection lock (one collection at a time across instances); note the
 *       store's time {@code t0} and renew this engine's lease.
 *   <li>Read the named roots, then wait until every other lease was renewed at or after
 *       {@code t0 - grace} (or expired), and lower the cutoff to the start of the oldest operation a
 *       lease reports in flight; then read the roots retired since the cutoff.
 *   <li>Scan the store: a node touched at or after the cutoff, or named by a lease's filter, is
 *       marked too. Then mark everything the marked nodes reach.
 *   <li>Scan again and delete, in batches, the nodes not marked; the store deletes only those still
 *       untouched since the cutoff, so a writer that finds a node present (a duplicate) at this
 *       moment keeps it.
 *   <li>Forget the retired roots before the cutoff, let the store give the space back, release the
 *       lock.
 * </ol>
 *
 * A collector that dies leaves nothing half-done that matters: every batch deleted was garbage, and
 * the lock lapses. Not thread-safe on its own; the store's lock keeps collections apart.
 */
final class GarbageCollector {

    private static final Logger logger = LoggerFactory.getLogger(GarbageCollector.class);

    /** Nodes per scan page, per children read and per delete. */
    static final int BATCH = 1_000;

    /** Allowed for the time between a lease's renewal and the store recording it. */
    private static final Duration CLOCK_MARGIN = Duration.ofSeconds(1);

    private final ContentStore store;

    private final EngineLease lease;

    private final Duration grace;

    private final Duration lockDuration;

    private long lockExtendedNanos;

    GarbageCollector(ContentStore store, EngineLease lease, Duration grace) {
        this.store = store;
        this.lease = lease;
        this.grace = grace;
        this.lockDuration = lease.duration();
    }

    GarbageCollection collect() {
        if (!store.supportsCollection()) {
            throw new UnsupportedStoreOperationException(store, "garbage collection (deleting nodes)");
        }
        long startNanos = System.nanoTime();
        Instant started = store.now();
        if (!store.tryLockCollection(lease.holder(), lockDuration)) {
            return GarbageCollection.skipped(Outcome.SKIPPED_ANOTHER_RUNNING, started, since(startNanos));
        }
        lockExtendedNanos = System.nanoTime();
        try {
            lease.renewNow();
            Mark mark = new Mark();
            long roots = markRoots(mark);
            Instant cutoff = started.minus(grace);
            List<LiveKeyFilter> filters = new ArrayList<>();
            // whole milliseconds, the resolution stores keep touched times in: a node touched in the
            // cutoff's millisecond is then recent both to the mark and to the store's delete
            cutoff = awaitLeases(cutoff, filters).truncatedTo(ChronoUnit.MILLIS);
            List<DataKey> retired = store.retiredRoots(cutoff);
            retired.forEach(mark::add);
            if (roots == 0 && retired.isEmpty()) {
                logger.info(
                        "Garbage collection skipped: the store {} holds no named root, so every node in it "
                                + "would be garbage; save the graphs to keep with saveRoot",
                        store);
                return GarbageCollection.skipped(Outcome.SKIPPED_NO_ROOTS, started, since(startNanos));
            }
            markRecentAndLeased(mark, cutoff, filters);
            markReachable(mark);
            DeletedNodes deleted = sweep(mark, cutoff);
            store.forgetRetiredRoots(cutoff);
            long reclaimed = store.reclaimSpace(); // also after a collection that died between its deletes and this

            GarbageCollection result = new GarbageCollection(
                    Outcome.COMPLETED,
                    started,
                    since(startNanos),
                    roots + retired.size(),
                    mark.keys.size(),
                    deleted.nodes(),
                    deleted.bytes(),
                    Math.max(reclaimed, deleted.bytes()));
            logger.debug("Garbage collection of {}: {}", store, result);
            return result;
        } finally {
            try {
                store.unlockCollection(lease.holder());
            } catch (RuntimeException ex) {
                logger.warn("Could not release the collection lock of {}; it lapses in {}", store, lockDuration, ex);
            }
        }
    }

    private long markRoots(Mark mark) {
        long count = 0;
        String after = null;
        while (true) {
            List<PagableRoot> page = store.roots(after, BATCH);
            for (PagableRoot root : page) {
                mark.add(root.key());
                count++;
            }
            if (page.size() < BATCH) {
                return count;
            }
            after = page.get(page.size() - 1).name();
        }
    }

    /**
     * Waits until every lease was renewed at or after the cutoff, or has expired, then collects their
     * filters and returns the cutoff lowered to the oldest operation they report.
     */
    private Instant awaitLeases(Instant cutoff, List<LiveKeyFilter> filters) {
        long deadline = System.nanoTime() + lockDuration.toNanos() + CLOCK_MARGIN.toNanos();
        List<StoreLease> leases = store.leases();
        while (leases.stream().anyMatch((lease) -> lease.renewedAt().isBefore(cutoff))
                && System.nanoTime() < deadline) {
            sleep(50);
            keepLock();
            leases = store.leases();
        }
        Instant lowered = cutoff;
        for (StoreLease other : leases) {
            LiveKeyFilter filter = LiveKeyFilter.decode(other.liveKeys());
            if (filter == null) {
                throw new PagableException("The instance " + other.holder() + " holds a lease on " + store
                        + " in a format this version of pagable cannot read (a newer version?). Nothing was deleted: "
                        + "run the collection from the newest version, or stop that instance.");
            }
            filters.add(filter);
            if (filter.oldestOperationMillis() >= 0) {
                Instant operationStart = other.renewedAt()
                        .minusMillis(filter.oldestOperationMillis())
                        .minus(CLOCK_MARGIN);
                if (operationStart.isBefore(lowered)) {
                    lowered = operationStart;
                }
            }
        }
        return lowered;
    }

    private void markRecentAndLeased(Mark mark, Instant cutoff, List<LiveKeyFilter> filters) {
        DataKey after = null;
        while (true) {
            List<NodeSummary> page = store.scan(after, BATCH);
            for (NodeSummary node : page) {
                DataKey key = node.key();
                if (!node.touchedAt().isBefore(cutoff) || leased(key, filters)) {
                    mark.add(key);
                }
            }
            keepLock();
            if (page.size() < BATCH) {
                return;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    private static boolean leased(DataKey key, List<LiveKeyFilter> filters) {
        for (LiveKeyFilter filter : filters) {
            if (filter.mightContain(key)) {
                return true;
            }
        }
        return false;
    }

    private void markReachable(Mark mark) {
        List<DataKey> batch = new ArrayList<>(BATCH);
        while (!mark.frontier.isEmpty()) {
            batch.clear();
            while (batch.size() < BATCH && !mark.frontier.isEmpty()) {
                batch.add(mark.frontier.poll());
            }
            Map<DataKey, List<DataKey>> children = store.children(batch);
            for (List<DataKey> keys : children.values()) {
                keys.forEach(mark::add);
            }
            keepLock();
        }
    }

    private DeletedNodes sweep(Mark mark, Instant cutoff) {
        DeletedNodes deleted = DeletedNodes.NONE;
        List<DataKey> garbage = new ArrayList<>(BATCH);
        DataKey after = null;
        while (true) {
            List<NodeSummary> page = store.scan(after, BATCH);
            for (NodeSummary node : page) {
                if (!mark.keys.contains(node.key()) && node.touchedAt().isBefore(cutoff)) {
                    garbage.add(node.key());
                }
            }
            if (garbage.size() >= BATCH || (page.size() < BATCH && !garbage.isEmpty())) {
                deleted = deleted.plus(store.deleteUntouched(List.copyOf(garbage), cutoff));
                garbage.clear();
            }
            keepLock();
            if (page.size() < BATCH) {
                return deleted;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    /** Extends the collection lock when a third of its duration has passed; stops if it was lost. */
    private void keepLock() {
        if (System.nanoTime() - lockExtendedNanos < lockDuration.toNanos() / 3) {
            return;
        }
        if (!store.tryLockCollection(lease.holder(), lockDuration)) {
            throw new PagableException("The garbage collection of " + store + " lost its lock (another instance "
                    + "took it after it lapsed) and stopped. What it deleted was garbage; the next collection "
                    + "finishes the work.");
        }
        lockExtendedNanos = System.nanoTime();
    }

    private static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private static void sleep(long millis) {
        try {
            TimeUnit.MILLISECONDS.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PagableException("The garbage collection was interrupted; nothing live was deleted", ex);
        }
    }

    /** The marked keys, and those whose children are still to be marked. */
    private static final class Mark {

        final KeySet keys = new KeySet(1 << 16);

        final ArrayDeque<DataKey> frontier = new ArrayDeque<>();

        void add(@Nullable DataKey key) {
            if (key != null && keys.add(key)) {
                frontier.add(key);
            }
        }
    }
}
