package io.pagable.engine;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JavaType;

/**
 * Pages values in: the resident map (one instance per key while it is reachable), then the bounded
 * arc cache, then the store, with single-flight decoding per key and one batched read for a node's
 * eager children.
 *
 * <p>When a top-level load has to go to the store, it also reads ahead: breadth-first below the node,
 * in one {@link ContentStore#getAll} per level, up to the configured number of nodes, into a bounded
 * {@link ReadAheadBuffer} of raw nodes. Walking a graph then costs about one store round trip per
 * level of each read-ahead rather than two per arc. Read-ahead is best effort: a failure stops it and
 * is left for the load that needs the node to report.
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

    private static final Logger logger = LoggerFactory.getLogger(NodeLoader.class);

    /** How many keys one read-ahead may look at per node it may read: bounds walks through the buffer. */
    private static final int WALK_PER_READ_AHEAD_NODE = 8;

    /** How many left-out keys the buffer remembers per node of one read-ahead, for later batches. */
    private static final int DEFERRED_PER_READ_AHEAD_NODE = 128;

    private final ResidentValues resident;

    private final @Nullable Cache<DataKey, Object> recent;

    private final WeakValues<ArcKey, PagableArc<?>> arcs = new WeakValues<>();

    private final @Nullable ReadAheadBuffer readAhead;

    private final int readAheadNodes;

    /** Loads running now, by key, so that two threads asking for one node read it once. */
    private final KeyTable<CompletableFuture<Object>> inflight = new KeyTable<>();

    private static final Predicate<Object> ANY = (present) -> true;

    private final ThreadLocal<ReadContext> context = ThreadLocal.withInitial(ReadContext::new);

    private @Nullable EngineArcHost host;

    NodeLoader(EngineSettings settings, NodeCodec codec, EngineStats stats, ResidentValues resident) {
        this.store = settings.store();
        this.resident = resident;
        this.readAheadNodes = settings.readAheadNodes();
        this.readAhead = (readAheadNodes > 0)
                ? new ReadAheadBuffer(readAheadBytes(readAheadNodes), DEFERRED_PER_READ_AHEAD_NODE * readAheadNodes)
                : null;
        this.codec = codec;
        this.stats = stats;
        this.verifyReads = settings.verifyReads();
        this.maxNodeBytes = settings.maxNodeBytes();
        this.maxChildren = settings.maxChildren();
        this.maxEagerDepth = settings.maxEagerDepth();
        Caffeine<Object, Object> cache = settings.cache();
        this.recent = (cache != null)
                ? withStats(cache, new ArcCacheStatistics(stats)).build()
                : null;
    }

    /** The read-ahead buffer's bound: 16 KiB per node of one read-ahead, at least 4 MiB. */
    static long readAheadBytes(int readAheadNodes) {
        return Math.max(4L << 20, (long) readAheadNodes * (16 << 10));
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
                siblings = readAhead.takeSiblings(key, Math.max(1, readAheadNodes / 2));
            }
            node = siblings.isEmpty() ? get(key, read) : getWithSiblings(key, siblings, readAhead, read);
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
                readAheadBelow(start, readAhead);
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

    /**
     * Reads ahead from the arcs a load met: level by level, one batch for the arcs' nodes of a level
     * (up to the read-ahead size in all) and one for the eager children those nodes need to decode,
     * which come along whatever their number, as a value is of no use without them. Nodes already in
     * the buffer are walked through without being read again; the walk is bounded too. Arcs left out
     * are remembered as siblings for a later read-ahead.
     */
    private void readAheadBelow(List<DataKey> start, ReadAheadBuffer buffer) {
        int budget = readAheadNodes;
        int[] walk = {WALK_PER_READ_AHEAD_NODE * readAheadNodes};
        KeySet seen = new KeySet(64);
        List<DataKey> arcs = start;
        while (budget > 0 && walk[0] > 0 && !arcs.isEmpty()) {
            List<StoredNode> level = new ArrayList<>();
            List<DataKey> wanted = select(arcs, budget, seen, walk, buffer, level, true);
            if (!readInto(wanted, buffer, level)) {
                return;
            }
            budget -= wanted.size();
            List<StoredNode> parents = level;
            while (!parents.isEmpty()) { // the eager children of what this level read, and theirs
                List<StoredNode> children = new ArrayList<>();
                List<DataKey> eager =
                        select(children(parents, true), Integer.MAX_VALUE, seen, walk, buffer, children, false);
                if (!readInto(eager, buffer, children)) {
                    return;
                }
                level.addAll(children);
                parents = children;
            }
            arcs = children(level, false);
        }
    }

    /**
     * Picks the keys to read from candidates: those neither loaded, nor seen, nor in the buffer (those
     * in the buffer go to {@code walked} to be walked through), at most {@code limit}.
     */
    private List<DataKey> select(
            List<DataKey> candidates,
            int limit,
            KeySet seen,
            int[] walk,
            ReadAheadBuffer buffer,
            List<StoredNode> walked,
            boolean deferRest) {
        List<DataKey> wanted = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            if (wanted.size() >= limit || walk[0]-- <= 0) {
                if (deferRest) {
                    buffer.defer(candidates.subList(i, candidates.size()));
                }
                break;
            }
            DataKey key = candidates.get(i);
            if (!seen.add(key)) {
                continue;
            }
            StoredNode buffered = buffer.peek(key);
            if (buffered != null) {
                walked.add(buffered);
            } else if (!isLoaded(key)) {
                wanted.add(key);
            }
        }
        return wanted;
    }

    /** Reads nodes into the buffer and onto {@code into}; false if the store failed (read-ahead stops). */
    private boolean readInto(List<DataKey> wanted, ReadAheadBuffer buffer, List<StoredNode> into) {
        if (wanted.isEmpty()) {
            return true;
        }
        Map<DataKey, StoredNode> found;
        try {
            found = store.getAll(wanted);
        } catch (RuntimeException ex) {
            logger.debug("Reading ahead {} nodes failed; they are read when asked for", wanted.size(), ex);
            return false;
        }
        buffer.addAll(found.values());
        into.addAll(found.values());
        return true;
    }

    /** The eager (node) or lazy (arc) children of stored nodes, by their headers; none of a bad header. */
    private List<DataKey> children(List<StoredNode> parents, boolean eager) {
        List<DataKey> keys = new ArrayList<>();
        for (StoredNode parent : parents) {
            List<DataKey> children = parent.children();
            if (children.isEmpty() || children.size() > maxChildren) {
                continue;
            }
            BitSet eagerChildren;
            try {
                eagerChildren = codec.readHeader(parent.key(), parent.data(), children.size())
                        .eagerChildren();
            } catch (PagableException ex) {
                continue; // reported when the node is asked for
            }
            for (int i = 0; i < children.size(); i++) {
                if (eagerChildren.get(i) == eager) {
                    keys.add(children.get(i));
                }
            }
        }
        return keys;
    }

    private @Nullable StoredNode takeReadAhead(DataKey key, ReadContext read) {
        StoredNode node = read.prefetched.remove(key);
        if (node == null && readAhead != null) {
            node = readAhead.take(key);
        }
        return node;
    }

    /**
     * Reads a node together with its deferred siblings, in one round trip instead of one now and one
     * when the read-ahead below it starts from them: the siblings go to the read-ahead buffer, where
     * that read-ahead then finds them. In the workload benchmark's cold traversal this took the store
     * calls from 23,172 to 19,592. Should the batch fail or leave the node out, the node is read
     * alone, as without siblings: what is read ahead never decides whether a load succeeds.
     */
    private StoredNode getWithSiblings(DataKey key, List<DataKey> siblings, ReadAheadBuffer buffer, ReadContext read) {
        List<DataKey> keys = new ArrayList<>(siblings.size() + 1);
        keys.add(key);
        keys.addAll(siblings);
        Map<DataKey, StoredNode> found;
        try {
            found = store.getAll(keys);
        } catch (RuntimeException ex) {
            logger.debug("Reading node {} with {} siblings failed; reading it alone", key, siblings.size(), ex);
            return get(key, read);
        }
        StoredNode node = found.get(key);
        List<StoredNode> others = new ArrayList<>(found.size());
        for (StoredNode other : found.values()) {
            if (other != node) {
                others.add(other);
            }
        }
        buffer.addAll(others);
        return (node != null) ? node : get(key, read);
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
