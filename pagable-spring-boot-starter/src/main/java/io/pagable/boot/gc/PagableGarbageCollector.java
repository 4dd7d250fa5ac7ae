package io.pagable.boot.gc;

import io.pagable.GarbageCollection;
import io.pagable.PagableStorage;
import io.pagable.UnsupportedStoreOperationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Runs {@link PagableStorage#collectGarbage()} every {@code interval} (a fixed delay from the end of
 * one collection to the start of the next, the first one {@code interval} after startup), on a
 * scheduler of its own: it neither needs nor switches on {@code @EnableScheduling}, and a long
 * collection never delays the application's {@code @Scheduled} methods.
 *
 * <p>Several instances on one store may all run it: one collection runs at a time across them, and
 * the others skip their turn. A failed collection is logged once per distinct error and retried at the
 * next turn (what it deleted was garbage; the next one finishes the work). A store that cannot delete
 * is logged once at INFO and the schedule stops. The collector stops with the application context,
 * waiting for a collection in progress.
 */
public class PagableGarbageCollector implements SmartLifecycle {

    /** Lifecycle phase: starts after and stops before the drainer, with the other application beans. */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 2048;

    private static final Logger logger = LoggerFactory.getLogger(PagableGarbageCollector.class);

    private final PagableStorage storage;

    private final Duration interval;

    private final Object lifecycleMonitor = new Object();

    private final AtomicLong runs = new AtomicLong();

    private final AtomicLong failedRuns = new AtomicLong();

    private final AtomicLong collectNanos = new AtomicLong();

    private volatile boolean running;

    private volatile boolean unsupported;

    private @Nullable ThreadPoolTaskScheduler scheduler;

    private @Nullable ScheduledFuture<?> task;

    // Guarded by "this".
    private @Nullable String lastLoggedError;

    /**
     * Creates a collector; it starts with the application context.
     *
     * @param storage the storage whose store it collects
     * @param interval the delay between the end of one collection and the start of the next
     */
    public PagableGarbageCollector(PagableStorage storage, Duration interval) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, but was " + interval);
        }
    }

    @Override
    public void start() {
        synchronized (lifecycleMonitor) {
            if (running) {
                return;
            }
            ThreadPoolTaskScheduler taskScheduler = new ThreadPoolTaskScheduler();
            taskScheduler.setPoolSize(1);
            taskScheduler.setThreadNamePrefix("pagable-gc-");
            taskScheduler.setDaemon(true);
            taskScheduler.setWaitForTasksToCompleteOnShutdown(true);
            taskScheduler.setAwaitTerminationSeconds(60);
            taskScheduler.initialize();
            running = true;
            task = taskScheduler.scheduleWithFixedDelay(
                    this::scheduledCollection, Instant.now().plus(interval), interval);
            scheduler = taskScheduler;
            logger.debug("Collecting garbage every {}", interval);
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycleMonitor) {
            if (!running) {
                return;
            }
            running = false;
            if (task != null) {
                task.cancel(false);
                task = null;
            }
            ThreadPoolTaskScheduler taskScheduler = Objects.requireNonNull(scheduler);
            scheduler = null;
            taskScheduler.shutdown();
        }
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }

    /**
     * Runs one collection now, on the caller's thread. A failure is recorded, logged and rethrown.
     *
     * @return what it did
     */
    public GarbageCollection collect() {
        long start = System.nanoTime();
        try {
            GarbageCollection collection = storage.collectGarbage();
            succeeded(collection);
            return collection;
        } catch (RuntimeException | Error ex) {
            failed(ex);
            throw ex;
        } finally {
            runs.incrementAndGet();
            collectNanos.addAndGet(System.nanoTime() - start);
        }
    }

    /**
     * Returns the delay between collections.
     *
     * @return the interval
     */
    public Duration getInterval() {
        return interval;
    }

    /**
     * Returns what the collector has done so far. What the last collection did, and the error of the
     * last failed one, are in the storage's {@link PagableStorage#stats()}.
     *
     * @return its counts and timing
     */
    public Stats stats() {
        return new Stats(runs.get(), failedRuns.get(), Duration.ofNanos(collectNanos.get()), unsupported);
    }

    private void scheduledCollection() {
        if (!running || unsupported) {
            return;
        }
        try {
            collect();
        } catch (UnsupportedStoreOperationException ex) {
            unsupported = true;
            logger.info("Scheduled garbage collection is off: {}", ex.getMessage());
        } catch (RuntimeException | Error ex) {
            // Recorded and logged by collect.
        }
    }

    private synchronized void succeeded(GarbageCollection collection) {
        if (lastLoggedError != null) {
            logger.info("Pagable garbage collection works again");
        }
        lastLoggedError = null;
        if (collection.nodesDeleted() > 0) {
            logger.info(
                    "Pagable garbage collection deleted {} node(s), {} byte(s) of storage given back, in {}; {} node(s)"
                            + " are live",
                    collection.nodesDeleted(),
                    collection.bytesReclaimed(),
                    collection.duration(),
                    collection.nodesMarked());
        } else {
            logger.debug("Pagable garbage collection: {}", collection);
        }
    }

    private synchronized void failed(Throwable ex) {
        if (ex instanceof UnsupportedStoreOperationException) {
            return;
        }
        failedRuns.incrementAndGet();
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        String error = cause.getClass().getName() + ": " + cause.getMessage();
        if (!error.equals(lastLoggedError)) {
            lastLoggedError = error;
            logger.warn(
                    "Pagable garbage collection failed; nothing live was deleted, and the next collection, in {},"
                            + " finishes the work. This error is logged once until it changes.",
                    interval,
                    ex);
        } else {
            logger.debug("Pagable garbage collection failed again", ex);
        }
    }

    /**
     * What a collector has done since it was created.
     *
     * @param runs collections started, scheduled or on demand, successful or not (skipped ones
     *     included)
     * @param failedRuns collections that failed
     * @param collectTime time spent in collections, summed
     * @param unsupported whether the store cannot delete, so the schedule stopped
     */
    public record Stats(long runs, long failedRuns, Duration collectTime, boolean unsupported) {}
}
