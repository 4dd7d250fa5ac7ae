package io.pagable;

import io.pagable.store.ContentStore;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This engine's lease on its store: what tells every instance's garbage collector which keys this
 * engine's arcs and values hold, and how old its oldest operation in flight is (see
 * {@link LiveKeyFilter}). Renewed on a thread of its own every {@code renewEvery}, for
 * {@code duration}; released when the engine closes, so a closed engine stops protecting at once and
 * a dead one when its lease expires.
 *
 * <p>An operation (a save, a drain, a root lookup and the load after it) registers with
 * {@link #begin()} for as long as it runs. What it writes is touched in the store while it runs, and
 * the key of a root it looks up is a root or a retired root at that moment; the collector keeps both
 * for any collection whose cutoff is earlier than the operation's start, and a lease renewed during
 * the operation carries that start.
 */
final class EngineLease implements AutoCloseable {

    private static final Logger logger = LoggerFactory.getLogger(EngineLease.class);

    private static final AtomicInteger threads = new AtomicInteger();

    private final ContentStore store;

    private final String holder;

    private final Duration duration;

    private final Consumer<Consumer<DataKey>> liveKeys;

    private final ConcurrentHashMap<Object, Long> operations = new ConcurrentHashMap<>();

    private final ScheduledExecutorService scheduler;

    private volatile @Nullable String lastFailure;

    private volatile long lastRenewalNanos = System.nanoTime();

    /** Set under this object's lock by {@link #close()}; no renewal runs after it. */
    private boolean closed;

    /**
     * Creates the lease and renews it once now, so that it protects from the start; if the store
     * cannot be reached now, the engine still starts and the schedule retries (an application may
     * start before its database).
     *
     * @param liveKeys calls its argument with every key the engine holds
     * @param renewEvery how often to renew
     */
    EngineLease(ContentStore store, Duration duration, Duration renewEvery, Consumer<Consumer<DataKey>> liveKeys) {
        this.store = store;
        this.duration = duration;
        this.liveKeys = liveKeys;
        this.holder = "pagable-" + ProcessHandle.current().pid() + "-"
                + UUID.randomUUID().toString().substring(0, 8);
        renewQuietly();
        ThreadFactory factory = (task) -> {
            Thread thread = new Thread(task, "pagable-lease-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
        this.scheduler = Executors.newSingleThreadScheduledExecutor(factory);
        long every = renewEvery.toMillis();
        scheduler.scheduleWithFixedDelay(this::renewQuietly, every, every, TimeUnit.MILLISECONDS);
    }

    /** This engine's unique name on the store, also the holder of its collection lock. */
    String holder() {
        return holder;
    }

    Duration duration() {
        return duration;
    }

    /**
     * Registers an operation in flight until the returned handle is closed.
     *
     * @return the handle
     */
    Operation begin() {
        Object token = new Object();
        operations.put(token, System.nanoTime());
        return () -> operations.remove(token);
    }

    /**
     * Renews the lease now, with the keys held at this moment.
     *
     * @throws StoreException if the store fails
     */
    synchronized void renewNow() {
        if (closed) {
            return; // a renewal that was running when the engine closed: the lease stays released
        }
        long now = System.nanoTime();
        long oldest = -1;
        for (Long started : operations.values()) {
            oldest = Math.max(oldest, TimeUnit.NANOSECONDS.toMillis(now - started));
        }
        KeySet keys = new KeySet(1024);
        liveKeys.accept(keys::add);
        LiveKeyFilter filter = LiveKeyFilter.create(keys.size(), (oldest < 0) ? -1 : oldest + 1);
        keys.forEach(filter::add);
        store.renewLease(holder, duration, filter.encode());
        lastRenewalNanos = now;
    }

    private void renewQuietly() {
        try {
            renewNow();
            if (lastFailure != null) {
                logger.info("The pagable lease {} is renewed again", holder);
                lastFailure = null;
            }
        } catch (RuntimeException ex) {
            String failure = String.valueOf(ex);
            boolean expired = System.nanoTime() - lastRenewalNanos > duration.toNanos();
            if (!failure.equals(lastFailure) || expired) {
                logger.warn(
                        "Could not renew the pagable lease {}{}; retrying",
                        holder,
                        expired
                                ? ": it has expired, so garbage collections of other instances no longer keep what"
                                        + " this instance's arcs hold and paged-out arcs may find their data gone"
                                : "",
                        ex);
            }
            lastFailure = failure;
        }
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        synchronized (this) {
            closed = true;
        }
        try {
            store.releaseLease(holder);
        } catch (RuntimeException ex) {
            logger.warn("Could not release the pagable lease {}; it expires in {}", holder, duration, ex);
        }
    }

    /** One operation in flight; closing it ends it. */
    interface Operation extends AutoCloseable {

        /** An operation of an engine without a lease. */
        Operation NONE = () -> {};

        @Override
        void close();
    }
}
