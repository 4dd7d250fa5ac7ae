package io.pagable.boot.drainer;

import io.pagable.PagableStorage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Pages pending arcs out on a fixed delay, the way {@code @Scheduled(fixedDelay = ...)} would, on a
 * scheduler of its own: it neither needs nor switches on {@code @EnableScheduling}, so the
 * application's own {@code @Scheduled} methods behave as they would without pagable.
 *
 * <p>Each of the {@code threads} workers runs a drain every {@code interval}: it calls
 * {@link PagableStorage#pageOutPending(int)} with {@code batchSize} until nothing is pending. A failed
 * drain leaves the arcs queued (nothing is lost); the drainer logs each distinct error once, counts
 * it, and waits twice as long before each further attempt (up to a minute, or the interval if that is
 * longer) until a drain succeeds. When the application context stops, the drainer stops its
 * scheduler and drains everything pending, before the storage and its store are closed.
 */
public class PagableDrainer implements SmartLifecycle {

    /**
     * Lifecycle phase: the drainer starts early and stops late, after the web server has stopped
     * taking requests, so arcs created by the last requests are drained too.
     */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);

    private static final Logger logger = LoggerFactory.getLogger(PagableDrainer.class);

    private final PagableStorage storage;

    private final Duration interval;

    private final int batchSize;

    private final int threads;

    private final Object lifecycleMonitor = new Object();

    /** Scheduled workers drain side by side (read lock); {@link #drain()} drains alone (write lock). */
    private final ReadWriteLock drainLock = new ReentrantReadWriteLock();

    private final AtomicLong runs = new AtomicLong();

    private final AtomicLong failedRuns = new AtomicLong();

    private final AtomicLong drainNanos = new AtomicLong();

    private final AtomicLong arcsPagedOut = new AtomicLong();

    private volatile boolean running;

    private @Nullable ThreadPoolTaskScheduler scheduler;

    private final List<ScheduledFuture<?>> tasks = new ArrayList<>();

    // Guarded by "this".
    private int consecutiveFailures;

    private long retryAtNanos;

    private @Nullable String lastLoggedError;

    /**
     * Creates a drainer; it starts with the application context.
     *
     * @param storage the storage to drain
     * @param interval the delay between the end of one drain and the start of the next
     * @param batchSize the most arcs one {@code pageOutPending} call takes
     * @param threads the number of workers
     */
    public PagableDrainer(PagableStorage storage, Duration interval, int batchSize, int threads) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.interval = Objects.requireNonNull(interval, "interval");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive, but was " + interval);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be >= 1, but was " + batchSize);
        }
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, but was " + threads);
        }
        this.batchSize = batchSize;
        this.threads = threads;
    }

    @Override
    public void start() {
        synchronized (lifecycleMonitor) {
            if (running) {
                return;
            }
            ThreadPoolTaskScheduler taskScheduler = new ThreadPoolTaskScheduler();
            taskScheduler.setPoolSize(threads);
            taskScheduler.setThreadNamePrefix("pagable-drainer-");
            taskScheduler.setDaemon(true);
            taskScheduler.setWaitForTasksToCompleteOnShutdown(true);
            taskScheduler.setAwaitTerminationSeconds(30);
            taskScheduler.initialize();
            running = true;
            Instant now = Instant.now();
            Duration stagger = interval.dividedBy(threads);
            for (int worker = 0; worker < threads; worker++) {
                Instant first = now.plus(interval).plus(stagger.multipliedBy(worker));
                tasks.add(taskScheduler.scheduleWithFixedDelay(this::scheduledDrain, first, interval));
            }
            scheduler = taskScheduler;
            logger.debug("Draining every {} with {} thread(s), {} arcs per batch", interval, threads, batchSize);
        }
    }

    @Override
    public void stop() {
        synchronized (lifecycleMonitor) {
            if (!running) {
                return;
            }
            running = false;
            tasks.forEach((task) -> task.cancel(false));
            tasks.clear();
            ThreadPoolTaskScheduler taskScheduler = Objects.requireNonNull(scheduler);
            scheduler = null;
            taskScheduler.shutdown();
        }
        finalDrain();
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
     * Drains now, on the caller's thread, until nothing is pending: it waits for scheduled drains in
     * progress, then drains while they wait. A failure is recorded and rethrown. The actuator's write
     * operation calls this.
     *
     * @return the number of arcs paged out by this call
     */
    public int drain() {
        drainLock.writeLock().lock();
        try {
            return runDrain(true);
        } finally {
            drainLock.writeLock().unlock();
        }
    }

    /**
     * Returns the delay between drains.
     *
     * @return the interval
     */
    public Duration getInterval() {
        return interval;
    }

    /**
     * Returns the most arcs one {@code pageOutPending} call takes.
     *
     * @return the batch size
     */
    public int getBatchSize() {
        return batchSize;
    }

    /**
     * Returns the number of workers.
     *
     * @return the thread count
     */
    public int getThreads() {
        return threads;
    }

    /**
     * Returns what the drainer has done so far. When the last drain finished and its error are in the
     * storage's {@link PagableStorage#stats()}.
     *
     * @return a snapshot of its counts and timing
     */
    public synchronized Stats stats() {
        return new Stats(
                runs.get(),
                failedRuns.get(),
                consecutiveFailures,
                arcsPagedOut.get(),
                Duration.ofNanos(drainNanos.get()));
    }

    private void scheduledDrain() {
        if (!running || backingOff()) {
            return;
        }
        drainLock.readLock().lock();
        try {
            runDrain(false);
        } catch (RuntimeException | Error ex) {
            // Recorded and logged by runDrain.
        } finally {
            drainLock.readLock().unlock();
        }
    }

    private int runDrain(boolean untilEmpty) {
        long start = System.nanoTime();
        int pagedOut = 0;
        try {
            boolean progress;
            do {
                long before = storage.pendingCount();
                int batch = storage.pageOutPending(batchSize);
                pagedOut += batch;
                // a batch of unwritable arcs pages nothing out, but takes them from the queue
                progress = batch > 0 || storage.pendingCount() < before;
            } while (progress && (running || untilEmpty) && storage.pendingCount() > 0);
            succeeded();
            return pagedOut;
        } catch (RuntimeException | Error ex) {
            failed(ex);
            throw ex;
        } finally {
            runs.incrementAndGet();
            arcsPagedOut.addAndGet(pagedOut);
            drainNanos.addAndGet(System.nanoTime() - start);
        }
    }

    private synchronized boolean backingOff() {
        return consecutiveFailures > 0 && System.nanoTime() - retryAtNanos < 0;
    }

    private synchronized void succeeded() {
        if (consecutiveFailures > 0) {
            logger.info("Pagable drains work again after {} failed attempt(s)", consecutiveFailures);
        }
        consecutiveFailures = 0;
        lastLoggedError = null;
    }

    private synchronized void failed(Throwable ex) {
        failedRuns.incrementAndGet();
        consecutiveFailures++;
        Duration backoff = backoff(consecutiveFailures);
        retryAtNanos = System.nanoTime() + backoff.toNanos();
        // Wrappers name counts that change from one attempt to the next; the root cause does not.
        Throwable cause = NestedExceptionUtils.getMostSpecificCause(ex);
        String error = cause.getClass().getName() + ": " + cause.getMessage();
        if (!error.equals(lastLoggedError)) {
            lastLoggedError = error;
            logger.warn(
                    "Pagable drain failed; the arcs stay queued and the drainer retries, backing off up to {}. "
                            + "This error is logged once until it changes.",
                    maxBackoff(),
                    ex);
        } else {
            logger.debug("Pagable drain failed again ({} in a row), next attempt in {}", consecutiveFailures, backoff);
        }
    }

    private Duration backoff(int failures) {
        Duration max = maxBackoff();
        Duration delay = interval;
        for (int i = 1; i < failures && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return (delay.compareTo(max) < 0) ? delay : max;
    }

    private Duration maxBackoff() {
        return (interval.compareTo(MAX_BACKOFF) > 0) ? interval : MAX_BACKOFF;
    }

    private void finalDrain() {
        long pending = storage.pendingCount();
        if (pending == 0) {
            return;
        }
        try {
            int pagedOut = drain();
            logger.debug("Paged out {} pending arc(s) on shutdown", pagedOut);
        } catch (RuntimeException ex) {
            logger.warn(
                    "Could not page out {} pending arc(s) on shutdown; closing the storage retries once", pending, ex);
        }
    }

    /**
     * What a drainer has done since it was created. A run is one scheduled or on-demand turn of the
     * drainer, which calls {@link PagableStorage#pageOutPending(int)} until nothing is pending; each
     * of those calls is a drain, counted by {@link io.pagable.PagableStats#drains()}, which also has the
     * time and error of the last drain.
     *
     * @param runs runs started, scheduled or on demand, successful or not
     * @param failedRuns runs that failed
     * @param consecutiveFailures runs in a row that failed, 0 after a successful one
     * @param arcsPagedOut arcs the drainer paged out
     * @param drainTime time spent in runs, summed over all of them
     */
    public record Stats(long runs, long failedRuns, int consecutiveFailures, long arcsPagedOut, Duration drainTime) {}
}
