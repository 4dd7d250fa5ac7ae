package io.pagable.engine;

import com.github.benmanes.caffeine.cache.Cache;
import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableException;
import io.pagable.PagableStats;
import io.pagable.PagableStorage;
import io.pagable.StoreException;
import io.pagable.codec.NodeCodec;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine behind {@link PagableStorage#builder()}: a page-out queue drained child-first into the
 * content store, page-in through a resident map and a bounded Caffeine cache with single-flight
 * decoding, and statistics. Thread-safe.
 */
public final class DefaultPagableStorage implements PagableStorage {

    private static final Logger logger = LoggerFactory.getLogger(DefaultPagableStorage.class);

    private final ContentStore store;

    private final NodeCodec codec;

    private final EngineStats stats = new EngineStats();

    private final NodeLoader loader;

    private final EngineArcHost host;

    private final GraphWriter writer;

    private final ConcurrentLinkedQueue<PagableArc<?>> queue = new ConcurrentLinkedQueue<>();

    private final AtomicBoolean closed = new AtomicBoolean();

    /** Roots encoded into one write batch: bounds a drain's working memory and claim time. */
    private static final int ROOTS_PER_BATCH = 16_384;

    /**
     * Creates the engine; prefer {@link PagableStorage#builder()}.
     *
     * @param settings the engine's settings
     */
    public DefaultPagableStorage(EngineSettings settings) {
        this.store = settings.store();
        this.codec = new NodeCodec(settings.registry(), settings.maxNodeBytes());
        ResidentValues resident = new ResidentValues();
        this.loader = new NodeLoader(settings, codec, stats, resident);
        this.host = new EngineArcHost(loader, stats);
        this.loader.attach(host);
        this.writer = new GraphWriter(settings, codec, stats, host, resident);
    }

    @Override
    public <T> PagableArc<T> arc(T value) {
        Objects.requireNonNull(value, "value");
        if (value instanceof PagableArc<?>) {
            throw new IllegalArgumentException("The value is already a PagableArc; use it as it is");
        }
        requireOpen();
        PagableArc<T> arc = host.resident(value);
        queue.add(arc);
        return arc;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> PagableArc<T> arc(DataKey key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        return (PagableArc<T>) loader.arc(key, codec.javaType(type));
    }

    @Override
    public DataKey save(Object value) {
        Objects.requireNonNull(value, "value");
        requireOpen();
        Map<Object, DataKey> keys = new IdentityHashMap<>();
        write(List.of(value), keys, false);
        return keys.get(value);
    }

    @Override
    public <T> T load(DataKey key, Class<T> type) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(type, "type");
        Object value = loader.load(key, codec.javaType(type));
        try {
            return type.cast(value);
        } catch (ClassCastException ex) {
            throw new PagableException(
                    "Node " + key + " holds a " + value.getClass().getName() + ", not a " + type.getName(), ex);
        }
    }

    @Override
    public int pageOutPending() {
        return pageOutPending(Integer.MAX_VALUE);
    }

    @Override
    public int pageOutPending(int maxArcs) {
        if (maxArcs < 1) {
            throw new IllegalArgumentException("maxArcs must be >= 1, but was " + maxArcs);
        }
        loader.cleanUp();
        List<Object> roots = new ArrayList<>();
        PagableArc<?> arc;
        while (roots.size() < maxArcs && (arc = queue.poll()) != null) {
            if (EngineArcHost.key(arc) == null) {
                roots.add(arc);
            }
        }
        if (roots.isEmpty()) {
            stats.drainFinished(false, null);
            return 0;
        }
        try {
            int written = write(roots, null, true);
            stats.drainFinished(false, null);
            return written;
        } catch (RuntimeException | Error ex) {
            stats.drainFinished(true, ex);
            throw ex;
        }
    }

    @Override
    public long pendingCount() {
        return Math.max(0, stats.pending.sum());
    }

    @Override
    public PagableStats stats() {
        StoreStats storeStats;
        try {
            storeStats = store.stats();
        } catch (RuntimeException ex) {
            logger.debug("Store statistics are unavailable", ex);
            storeStats = StoreStats.UNKNOWN;
        }
        return stats.snapshot(loader.cacheSize(), storeStats);
    }

    /**
     * Returns the bounded arc cache of recently paged-in values, so its statistics can be published
     * (for example with Micrometer's {@code CaffeineCacheMetrics}). Statistics recording is on.
     *
     * @return the cache, or empty when the cache size is 0
     */
    @Override
    public Optional<Cache<DataKey, Object>> arcCache() {
        return loader.recentCache();
    }

    /**
     * Returns the store this engine writes to.
     *
     * @return the content store
     */
    public ContentStore contentStore() {
        return store;
    }

    /**
     * Returns the codec this engine encodes nodes with.
     *
     * @return the codec
     */
    public NodeCodec codec() {
        return codec;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            pageOutPending();
        } finally {
            writer.close();
            store.close();
        }
    }

    @Override
    public String toString() {
        return "DefaultPagableStorage[" + store + ", pending=" + pendingCount() + "]";
    }

    /**
     * Encodes and writes roots in batches of {@value #ROOTS_PER_BATCH}; roots meeting another batch's
     * claim wait for it and are retried. When draining, arcs whose write the store failed are queued
     * again, and arcs that can never be written leave the queue and are reported (see {@link
     * io.pagable.UnwritableArc}); for a save, every failure is thrown.
     *
     * @return how many arcs were written
     */
    private int write(List<Object> roots, @Nullable Map<Object, DataKey> keys, boolean draining) {
        int written = 0;
        List<PagableException> failures = new ArrayList<>();
        for (int from = 0; from < roots.size(); from += ROOTS_PER_BATCH) {
            int to = Math.min(roots.size(), from + ROOTS_PER_BATCH);
            try {
                written += writeChunk(roots.subList(from, to), keys, draining, failures);
            } catch (RuntimeException | Error ex) {
                if (draining) {
                    requeue(roots.subList(to, roots.size()));
                }
                throw ex;
            }
        }
        if (!failures.isEmpty()) {
            PagableException first = failures.get(0);
            failures.subList(1, failures.size()).forEach(first::addSuppressed);
            throw first;
        }
        return written;
    }

    private int writeChunk(
            List<Object> roots,
            @Nullable Map<Object, DataKey> keys,
            boolean draining,
            List<PagableException> failures) {
        int written = 0;
        List<Object> todo = roots;
        while (!todo.isEmpty()) {
            WriteBatch batch = new WriteBatch();
            List<Object> deferred = new ArrayList<>();
            List<WriteBatch> blocking = new ArrayList<>();
            List<Object> failed = new ArrayList<>();
            try {
                for (Object root : todo) {
                    try {
                        DataKey key = writer.encode(root, batch);
                        if (keys != null) {
                            keys.put(root, key);
                        }
                    } catch (GraphWriter.ClaimedElsewhere ex) {
                        deferred.add(root);
                        blocking.add(ex.claim);
                    } catch (StoreException ex) {
                        throw ex; // the store failed the batch, not this root
                    } catch (PagableException ex) {
                        if (draining) {
                            unwritable(root, ex); // will never succeed: retrying would stall the queue
                        } else {
                            failed.add(root);
                            if (!failures.contains(ex)) {
                                failures.add(ex);
                            }
                        }
                    }
                }
                writer.write(batch);
                written += batch.arcs.size();
            } catch (RuntimeException | Error ex) {
                if (draining) {
                    requeue(todo);
                }
                throw ex;
            } finally {
                writer.release(batch);
            }
            if (draining) {
                requeue(failed);
            }
            for (WriteBatch other : blocking) {
                other.released.join();
            }
            todo = deferred;
        }
        return written;
    }

    /**
     * Takes a drained arc whose write failed for a reason other than the store out of the queue: its
     * value cannot be encoded as it is (an unregistered type, a cycle, a size limit), so every retry
     * would fail the same way. It stays resident and is reported.
     */
    private void unwritable(Object root, PagableException failure) {
        if (root instanceof PagableArc<?> arc && EngineArcHost.key(arc) == null) {
            Object value = EngineArcHost.value(arc);
            stats.pending.decrement();
            stats.unwritable.add((value != null) ? value.getClass() : Object.class, failure);
        }
    }

    private void requeue(List<Object> roots) {
        for (Object root : roots) {
            if (root instanceof PagableArc<?> arc && EngineArcHost.key(arc) == null) {
                queue.add(arc);
            }
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new IllegalStateException("This PagableStorage is closed");
        }
    }
}
