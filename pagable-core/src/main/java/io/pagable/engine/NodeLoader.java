package io.pagable.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.DataLimitExceededException;
import io.pagable.MissingDataException;
import io.pagable.PagableArc;
import io.pagable.PagableException;
import io.pagable.StoreException;
import io.pagable.codec.ChildSource;
import io.pagable.codec.NodeCodec;
import io.pagable.codec.NodeHeader;
import io.pagable.store.ContentStore;
import io.pagable.store.StoredNode;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * Pages values in: the resident map (one instance per key while it is reachable), then the bounded
 * arc cache, then the store, with single-flight decoding per key and one batched read for a node's
 * eager children.
 *
 * <p>Values are remembered by key. Two untagged classes whose values encode to identical bytes share
 * a key; a cached value of the wrong class is never returned (it is decoded again instead).
 */
final class NodeLoader {

    /** (key, value type) of a lazy arc: arcs of one key but different types are different arcs. */
    private record ArcKey(DataKey key, JavaType type) {}

    private final ContentStore store;

    private final NodeCodec codec;

    private final EngineStats stats;

    private final boolean verifyReads;

    private final int maxNodeBytes;

    private final int maxChildren;

    private final int maxEagerDepth;

    private final Cache<DataKey, Object> resident =
            Caffeine.newBuilder().weakValues().build();

    private final @Nullable Cache<DataKey, Object> recent;

    private final Cache<ArcKey, PagableArc<?>> arcs =
            Caffeine.newBuilder().weakValues().build();

    private final ConcurrentHashMap<DataKey, CompletableFuture<Object>> inflight = new ConcurrentHashMap<>();

    private final ThreadLocal<ReadContext> context = ThreadLocal.withInitial(ReadContext::new);

    private @Nullable EngineArcHost host;

    NodeLoader(EngineSettings settings, NodeCodec codec, EngineStats stats) {
        this.store = settings.store();
        this.codec = codec;
        this.stats = stats;
        this.verifyReads = settings.verifyReads();
        this.maxNodeBytes = settings.maxNodeBytes();
        this.maxChildren = settings.maxChildren();
        this.maxEagerDepth = settings.maxEagerDepth();
        Caffeine<Object, Object> cache = settings.cache();
        this.recent = (cache != null) ? withStats(cache).build() : null;
    }

    private static Caffeine<Object, Object> withStats(Caffeine<Object, Object> cache) {
        try {
            return cache.recordStats();
        } catch (IllegalStateException alreadyRecording) {
            return cache;
        }
    }

    /** The bounded cache of recently paged-in values, for metrics; empty when disabled. */
    Optional<Cache<DataKey, Object>> recentCache() {
        return Optional.ofNullable(recent);
    }

    void attach(EngineArcHost arcHost) {
        this.host = arcHost;
    }

    JavaType javaType(Type type) {
        return codec.javaType(type);
    }

    long cacheSize() {
        return (recent != null) ? recent.estimatedSize() : 0;
    }

    /** Returns the one arc for a key and type, creating a paged-out one if none is reachable. */
    PagableArc<?> arc(DataKey key, JavaType type) {
        return arcs.get(new ArcKey(key, type), (arcKey) -> arcHost().pagedOut(key, type));
    }

    /** Drops entries whose values the garbage collector has cleared. */
    void cleanUp() {
        resident.cleanUp();
        arcs.cleanUp();
    }

    /** Remembers a node instance just written, so a later load of its key gives the same instance. */
    void remember(DataKey key, Object value) {
        resident.put(key, value);
    }

    Object load(DataKey key, JavaType type) {
        Class<?> raw = type.getRawClass();
        Object value = cached(key, raw);
        if (value != null) {
            stats.cacheHits.increment();
            return value;
        }
        stats.cacheMisses.increment();
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inflight.putIfAbsent(key, mine);
        if (running != null) {
            Object shared = await(running);
            return raw.isInstance(shared) ? shared : readAndDecode(key, type);
        }
        try {
            value = cached(key, raw);
            if (value == null) {
                value = readAndDecode(key, type);
            }
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            inflight.remove(key, mine);
        }
    }

    private Object readAndDecode(DataKey key, JavaType type) {
        ReadContext read = context.get();
        if (read.path.contains(key)) {
            throw new CorruptDataException(key, "the node is its own descendant (a cycle in stored data)");
        }
        if (read.path.size() >= maxEagerDepth) {
            throw new DataLimitExceededException(key, "maxEagerDepth", read.path.size() + 1L, maxEagerDepth);
        }
        StoredNode node = fetch(key, read);
        NodeHeader header = codec.readHeader(key, node.data(), node.children().size());
        JavaType concrete = codec.rootType(key, header, type);
        prefetchEagerChildren(node, header, read);
        read.path.add(key);
        Object value;
        try {
            value = codec.decode(key, node.data(), header, node.children().size(), concrete, new Children(node));
        } finally {
            read.path.remove(read.path.size() - 1);
            if (read.path.isEmpty()) {
                read.prefetched.clear();
            }
        }
        stats.pageIns.increment();
        Object existing = resident.asMap().putIfAbsent(key, value);
        if (existing != null && type.getRawClass().isInstance(existing)) {
            return existing;
        }
        if (recent != null) {
            recent.put(key, value);
        }
        return value;
    }

    private void prefetchEagerChildren(StoredNode node, NodeHeader header, ReadContext read) {
        if (header.eagerChildren().cardinality() < 2) {
            return;
        }
        List<DataKey> wanted = new ArrayList<>();
        header.eagerChildren().stream().forEach((index) -> {
            DataKey child = node.children().get(index);
            if (!read.prefetched.containsKey(child) && resident.getIfPresent(child) == null) {
                wanted.add(child);
            }
        });
        if (wanted.size() > 1) {
            try {
                read.prefetched.putAll(store.getAll(wanted));
            } catch (PagableException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new StoreException(
                        "Reading " + wanted.size() + " children of node " + node.key() + " from " + store + " failed: "
                                + ex.getMessage(),
                        ex);
            }
        }
    }

    private StoredNode fetch(DataKey key, ReadContext read) {
        StoredNode node = read.prefetched.remove(key);
        if (node == null) {
            Optional<StoredNode> found;
            try {
                found = store.get(key);
            } catch (PagableException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new StoreException("Reading node " + key + " from " + store + " failed: " + ex.getMessage(), ex);
            }
            node = found.orElseThrow(() -> new MissingDataException(
                    key,
                    read.path.isEmpty()
                            ? "asked for directly"
                            : "child of node " + read.path.get(read.path.size() - 1)));
        }
        check(key, node);
        stats.bytesRead.add(node.data().length);
        return node;
    }

    private void check(DataKey key, StoredNode node) {
        if (!node.key().equals(key)) {
            throw new CorruptDataException(key, "the store returned node " + node.key() + " for it");
        }
        if (node.data().length > maxNodeBytes) {
            throw new DataLimitExceededException(key, "maxNodeBytes", node.data().length, maxNodeBytes);
        }
        if (node.children().size() > maxChildren) {
            throw new DataLimitExceededException(
                    key, "maxChildren", node.children().size(), maxChildren);
        }
        if (verifyReads) {
            node.verify();
        }
    }

    private @Nullable Object cached(DataKey key, Class<?> raw) {
        Object value = resident.getIfPresent(key);
        if (value == null && recent != null) {
            value = recent.getIfPresent(key);
            if (value != null) {
                resident.put(key, value);
            }
        }
        return (value != null && raw.isInstance(value)) ? value : null;
    }

    private static Object await(CompletableFuture<Object> running) {
        try {
            return running.get();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new PagableException("Interrupted while waiting for another thread to page in the same node", ex);
        } catch (ExecutionException | CompletionException ex) {
            Throwable cause = ex.getCause();
            if (cause instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (cause instanceof Error error) {
                throw error;
            }
            throw new PagableException("Paging in failed", cause);
        }
    }

    private EngineArcHost arcHost() {
        if (host == null) {
            throw new IllegalStateException("NodeLoader is not attached to an arc host");
        }
        return host;
    }

    /** Per-thread state of one top-level load: the path of nodes being decoded, prefetched children. */
    private static final class ReadContext {

        final List<DataKey> path = new ArrayList<>();

        final Map<DataKey, StoredNode> prefetched = new HashMap<>();
    }

    /** Resolves the child references of one node being decoded. */
    private final class Children implements ChildSource {

        private final StoredNode node;

        Children(StoredNode node) {
            this.node = node;
        }

        @Override
        public Object node(int index, JavaType type) {
            return load(node.children().get(index), type);
        }

        @Override
        public PagableArc<?> arc(int index, JavaType valueType) {
            return NodeLoader.this.arc(node.children().get(index), valueType);
        }
    }
}
