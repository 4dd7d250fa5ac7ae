package io.pagable;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
import io.pagable.store.ContentStore;
import io.pagable.store.StoredNode;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * Pages values in: the resident map (one instance per key while it is reachable), then the bounded
 * arc cache, then the store, with single-flight decoding per key and one batched read for a node's
 * eager children.
 *
 * <p>When a top-level load has to go to the store, {@link ReadAhead} reads ahead below the arcs its
 * decode met.
 *
 * <p>Values are remembered by key. Two untagged classes whose values encode to identical bytes share
 * a key; a cached value of the wrong class is never returned (it is decoded again instead). The arc
 * cache takes the values loads ask for (an arc's value, a {@code load}); the {@code @PagableNode}
 * children decoded with such a value are not cache entries of their own: they stay reachable through
 * it, and the resident map finds them while they are.
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

    private final ResidentValues resident;

    private final @Nullable Cache<DataKey, Object> recent;

    private final WeakValues<ArcKey, PagableArc<?>> arcs = new WeakValues<>();

    private final @Nullable ReadAhead readAhead;

    /** Loads running now, by key, so that two threads asking for one node read it once. */
    private final KeyTable<CompletableFuture<Object>> inflight = new KeyTable<>();

    private static final Predicate<Object> ANY = (present) -> true;

    private final ThreadLocal<ReadContext> context = ThreadLocal.withInitial(ReadContext::new);

    private final ArcEngine engine;

    NodeLoader(EngineSettings settings, NodeCodec codec, EngineStats stats, ResidentValues resident, ArcEngine engine) {
        this.store = settings.store();
        this.resident = resident;
        this.engine = engine;
        this.codec = codec;
        this.stats = stats;
        this.verifyReads = settings.verifyReads();
        this.maxNodeBytes = settings.maxNodeBytes();
        this.maxChildren = settings.maxChildren();
        this.maxEagerDepth = settings.maxEagerDepth();
        this.readAhead = (settings.readAheadNodes() > 0)
                ? new ReadAhead(store, codec, settings.readAheadNodes(), maxChildren, this::isLoaded)
                : null;
        Caffeine<Object, Object> cache = settings.cache();
        this.recent = (cache != null)
                ? withStats(cache, new ArcCacheStatistics(stats)).build()
                : null;
    }

    /**
     * Has the cache report the engine's lookups of values as its hits and misses: the engine finds
     * values in its resident map and never asks the cache, whose own hit counts would stay 0.
     */
    private static Caffeine<Object, Object> withStats(Caffeine<Object, Object> cache, StatsCounter lookups) {
        try {
            return cache.recordStats(() -> lookups);
        } catch (IllegalStateException alreadyRecording) {
            return cache;
        }
    }

    /** The bounded cache of recently paged-in values, for metrics; empty when disabled. */
    Optional<Cache<DataKey, Object>> recentCache() {
        return Optional.ofNullable(recent);
    }

    JavaType javaType(Type type) {
        return codec.javaType(type);
    }

    long cacheSize() {
        return (recent != null) ? recent.estimatedSize() : 0;
    }

    /** Returns the one arc for a key and type, creating a paged-out one if none is reachable. */
    PagableArc<?> arc(DataKey key, JavaType type) {
        return arcs.get(new ArcKey(key, type), (arcKey) -> {
            stats.pagedOut.increment();
            return new PagableArc<>(engine, type, null, key);
        });
    }

    /**
     * Calls {@code action} with every key the engine holds on the read side: of every reachable arc
     * made from a key, and of every value on the heap that was read from or written as one.
     */
    void forEachHeldKey(java.util.function.Consumer<DataKey> action) {
        arcs.forEachLiveKey((arcKey) -> action.accept(arcKey.key()));
        resident.forEachLiveKey(action);
    }

    /** Drops entries whose values the garbage collector has cleared. */
    void cleanUp() {
        resident.cleanUp();
        arcs.cleanUp();
    }

    Object load(DataKey key, JavaType type) {
        return load(key, type, null);
    }

    /**
     * Loads a node; {@code read} is the thread's read context when the caller has it at hand (a
     * child of a node being decoded), else it is looked up on a miss.
     */
    private Object load(DataKey key, JavaType type, @Nullable ReadContext read) {
        Class<?> raw = type.getRawClass();
        Object value = cached(key, raw);
        if (value != null) {
            stats.cacheHits.increment();
            return value;
        }
        stats.cacheMisses.increment();
        CompletableFuture<Object> mine = new CompletableFuture<>();
        CompletableFuture<Object> running = inflight.putUnless(key, mine, ANY);
        if (running != null) {
            Object shared = await(running);
            return raw.isInstance(shared) ? shared : readAndDecode(key, type, contextOf(read));
        }
        try {
            // a load that finished between the lookup above and claiming the key is read again, and
            // putIfAbsent in readAndDecode still returns its instance: no second lookup on every miss
            value = readAndDecode(key, type, contextOf(read));
            mine.complete(value);
            return value;
        } catch (RuntimeException | Error ex) {
            mine.completeExceptionally(ex);
            throw ex;
        } finally {
            inflight.remove(key, mine);
        }
    }

    private ReadContext contextOf(@Nullable ReadContext read) {
        return (read != null) ? read : context.get();
    }

    private Object readAndDecode(DataKey key, JavaType type, ReadContext read) {
        if (read.path.contains(key)) {
            throw new CorruptDataException(key, "the node is its own descendant (a cycle in stored data)");
        }
        if (read.path.size() >= maxEagerDepth) {
            throw new DataLimitExceededException(key, "maxEagerDepth", read.path.size() + 1L, maxEagerDepth);
        }
        boolean topLevel = read.path.isEmpty();
        if (topLevel) {
            read.arcsMet.clear(); // left by a load that failed
        }
        StoredNode node = takeReadAhead(key, read);
        List<DataKey> siblings = List.of();
        boolean fromStore = node == null;
        if (node == null) {
            if (topLevel && readAhead != null) {
                siblings = readAhead.siblingsOf(key);
                node = siblings.isEmpty() ? null : readAhead.readWithSiblings(key, siblings);
            }
            if (node == null) {
                node = get(key, read);
            }
        }
        check(key, node);
        stats.bytesRead.add(node.data().length);
        NodeHeader header = codec.readHeader(key, node.data(), node.children().size());
        JavaType concrete = codec.rootType(key, header, type);
        fromStore |= fetchEagerChildren(node, header, read);
        read.path.add(key);
        Object value;
        try {
            value = codec.decode(key, node.data(), header, node.children().size(), concrete, new Children(node, read));
        } finally {
            read.path.remove(read.path.size() - 1);
            if (topLevel) {
                read.prefetched.clear();
            }
        }
        if (topLevel && readAhead != null) {
            if (fromStore && !(read.arcsMet.isEmpty() && siblings.isEmpty())) {
                List<DataKey> start = new ArrayList<>(read.arcsMet.size() + siblings.size());
                start.addAll(read.arcsMet);
                start.addAll(siblings);
                readAhead.below(start);
            }
            read.arcsMet.clear();
        }
        stats.pageIns.increment();
        Object existing = resident.putIfAbsent(key, value);
        if (existing != null && type.getRawClass().isInstance(existing)) {
            return existing;
        }
        if (recent != null && topLevel) {
            // the value an arc or load asked for; the node children decoded with it stay reachable
            // through it, so caching them too would only cost a cache entry each
            recent.put(key, value);
        }
        return value;
    }

    /**
     * Reads a node's eager children that are neither loaded nor read ahead, in one batch, for the
     * decode that follows.
     *
     * @return whether the store was read
     */
    private boolean fetchEagerChildren(StoredNode node, NodeHeader header, ReadContext read) {
        BitSet eager = header.eagerChildren();
        if (eager.cardinality() < 2) {
            return false;
        }
        List<DataKey> wanted = new ArrayList<>();
        for (int index = eager.nextSetBit(0); index >= 0; index = eager.nextSetBit(index + 1)) {
            DataKey child = node.children().get(index);
            if (!isAvailable(child, read)) {
                wanted.add(child);
            }
        }
        if (wanted.size() > 1) {
            try {
                read.prefetched.putAll(store.getAll(wanted));
                return true;
            } catch (PagableException ex) {
                throw ex;
            } catch (RuntimeException ex) {
                throw new StoreException(
                        "Reading " + wanted.size() + " children of node " + node.key() + " from " + store + " failed: "
                                + ex.getMessage(),
                        ex);
            }
        }
        return false;
    }

    private @Nullable StoredNode takeReadAhead(DataKey key, ReadContext read) {
        StoredNode node = read.prefetched.remove(key);
        if (node == null && readAhead != null) {
            node = readAhead.take(key);
        }
        return node;
    }

    private StoredNode get(DataKey key, ReadContext read) {
        Optional<StoredNode> found;
        try {
            found = store.get(key);
        } catch (PagableException ex) {
            throw ex;
        } catch (RuntimeException ex) {
            throw new StoreException("Reading node " + key + " from " + store + " failed: " + ex.getMessage(), ex);
        }
        return found.orElseThrow(() -> missing(key, read));
    }

    private static MissingDataException missing(DataKey key, ReadContext read) {
        return new MissingDataException(
                key,
                read.path.isEmpty() ? "asked for directly" : "child of node " + read.path.get(read.path.size() - 1));
    }

    /** Whether a node needs no store read: loaded, cached, or already read for this load or ahead. */
    private boolean isAvailable(DataKey key, ReadContext read) {
        return read.prefetched.containsKey(key) || (readAhead != null && readAhead.contains(key)) || isLoaded(key);
    }

    /**
     * Whether a node's value is on the heap. Every value in the arc cache is resident too (the cache
     * holds it strongly, so its weak resident entry stays), so one lookup answers.
     */
    private boolean isLoaded(DataKey key) {
        return resident.get(key) != null;
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

    /**
     * Returns the value on the heap for a key, if it is of the class asked for. The resident map knows
     * every value on the heap, those the arc cache holds included (it holds them strongly, so their
     * weak entries stay), so the cache is not asked: it keeps values reachable, the map finds them.
     */
    private @Nullable Object cached(DataKey key, Class<?> raw) {
        Object value = resident.get(key);
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

    /** Per-thread state of one top-level load: the path of nodes being decoded, prefetched children. */
    private static final class ReadContext {

        final List<DataKey> path = new ArrayList<>();

        final Map<DataKey, StoredNode> prefetched = new HashMap<>();

        /** Keys of the arcs the nodes decoded so far refer to: where read-ahead starts. */
        final List<DataKey> arcsMet = new ArrayList<>();
    }

    /** Resolves the child references of one node being decoded. */
    private final class Children implements ChildSource {

        private final StoredNode node;

        private final ReadContext read;

        Children(StoredNode node, ReadContext read) {
            this.node = node;
            this.read = read;
        }

        @Override
        public Object node(int index, JavaType type) {
            return load(node.children().get(index), type, read);
        }

        @Override
        public PagableArc<?> arc(int index, JavaType valueType) {
            DataKey key = node.children().get(index);
            if (readAhead != null) {
                read.arcsMet.add(key);
            }
            return NodeLoader.this.arc(key, valueType);
        }
    }
}
