package io.pagable;

import io.pagable.store.ContentStore;
import io.pagable.store.StoredNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

/**
 * Encodes value graphs child-first into a {@link WriteBatch} and writes batches to the store. An arc
 * or node instance is claimed by one batch at a time; a root that meets another batch's claim is
 * deferred until that batch has finished, so concurrent drains never write one node twice at once
 * and never wait for each other while holding claims (no deadlock).
 */
final class GraphWriter {

    /** Thrown inside encoding when another batch holds a claim; the root is retried later. */
    static final class ClaimedElsewhere extends RuntimeException {

        private static final long serialVersionUID = 1L;

        final transient WriteBatch claim;

        ClaimedElsewhere(WriteBatch claim) {
            super(null, null, false, false);
            this.claim = claim;
        }
    }

    private final ContentStore store;

    private final NodeCodec codec;

    private final EngineStats stats;

    private final ArcEngine engine;

    private final ResidentValues resident;

    private static final ClassValue<Boolean> NODE_CLASSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(PagableNode.class);
        }
    };

    private final Claims claims = new Claims();

    private final RecentKeys recentlyStored;

    /** How long a write this engine made may stand in for another, on a store that deletes. */
    static final Duration RECENT_WRITE_WINDOW = Duration.ofMinutes(1);

    /** The arcs this writer gave keys to, for the lease. */
    private final HeldArcs held = new HeldArcs();

    private final int maxNodeBytes;

    private final int maxChildren;

    private final int writeBatchSize;

    private final StoreWriter storeWriter;

    GraphWriter(
            EngineSettings settings, NodeCodec codec, EngineStats stats, ArcEngine engine, ResidentValues resident) {
        this.store = settings.store();
        this.codec = codec;
        this.stats = stats;
        this.engine = engine;
        this.resident = resident;
        this.maxNodeBytes = settings.maxNodeBytes();
        this.maxChildren = settings.maxChildren();
        this.writeBatchSize = settings.writeBatchSize();
        this.storeWriter = new StoreWriter(store);
        long window = store.supportsCollection()
                ? Math.min(settings.gcGracePeriod().toNanos(), RECENT_WRITE_WINDOW.toNanos())
                : Long.MAX_VALUE;
        this.recentlyStored = new RecentKeys(1 << 14, window);
    }

    /**
     * Encodes one root (an arc, a node instance or a plain value) and everything it references that is
     * not yet stored into the batch.
     *
     * @return the root's key
     * @throws ClaimedElsewhere if another batch is encoding part of the graph; the caller retries later
     */
    DataKey encode(Object root, WriteBatch batch) {
        DataKey known = knownKey(root, batch);
        if (known != null) {
            return known;
        }
        Deque<Frame> stack = batch.stack;
        IdentityHashMap<Object, Frame> onPath = batch.onPath;
        if (!stack.isEmpty() || !onPath.isEmpty()) { // left by a root that failed
            stack.clear();
            onPath.clear();
        }
        claim(root, batch);
        known = knownKey(root, batch); // written by another batch between the check and the claim
        if (known != null) {
            return known;
        }
        push(stack, onPath, root);
        DataKey rootKey = null;
        while (!stack.isEmpty()) {
            Frame frame = stack.peek();
            Frame next = advance(frame, batch, stack, onPath);
            if (next != null) {
                continue;
            }
            DataKey key = finish(frame, batch);
            stack.pop();
            onPath.remove(frame.reference);
            rootKey = key;
        }
        return rootKey;
    }

    /**
     * Writes the batch's remaining nodes, makes everything the batch handed to the store durable and,
     * when the store accepted it, commits keys to arcs and instances.
     *
     * @throws MutatedValueException when verifying immutability, if values of arcs written changed while
     *     the batch was written; the arcs have their keys, and the store the values as encoded
     */
    void write(WriteBatch batch) {
        putEncoded(batch);
        try {
            storeWriter.awaitAll(batch.chunks);
        } catch (RuntimeException ex) {
            throw storeFailure(batch, ex);
        }
        if (!batch.putKeys.isEmpty()) {
            try {
                store.flush();
            } catch (RuntimeException ex) {
                throw storeFailure(batch, ex);
            }
        }
        for (DataKey key : batch.putKeys) {
            recentlyStored.add(key);
        }
        stats.nodesWritten.add(batch.putKeys.size());
        stats.bytesWritten.add(batch.putBytes);
        stats.dedupHits.add(batch.dedupHits);
        batch.assigned.forEach((object, key) -> {
            if (!(object instanceof PagableArc<?>) && isNode(object)) {
                resident.putWritten(key, object);
            }
        });
        held.addAll(batch.arcs);
        MutatedValueException mutated = null;
        for (PagableArc<?> arc : batch.arcs) {
            try {
                markWritten(arc, batch.assigned.get(arc));
            } catch (MutatedValueException ex) { // every arc gets its key first; then the drain fails
                if (mutated == null) {
                    mutated = ex;
                } else {
                    mutated.addSuppressed(ex);
                }
            }
        }
        if (mutated != null) {
            throw mutated;
        }
    }

    /**
     * Calls {@code action} with every key a write may reuse without writing: of the arcs this writer
     * gave keys to that are still reachable, and of the nodes it stored a moment ago.
     */
    void forEachHeldKey(java.util.function.Consumer<DataKey> action) {
        held.forEachKey(action);
        recentlyStored.forEach(action);
    }

    /**
     * Hands the nodes encoded so far to the store (durable only after the flush in {@link #write}):
     * the store writes them while the batch goes on encoding, and a large batch does not hold every
     * node's bytes until its end.
     */
    private void putEncoded(WriteBatch batch) {
        if (batch.nodes.isEmpty()) {
            return;
        }
        List<StoredNode> chunk = batch.nodes;
        batch.nodes = new ArrayList<>(writeBatchSize);
        for (StoredNode node : chunk) {
            batch.putKeys.add(node.key());
            batch.putBytes += node.data().length;
        }
        try {
            storeWriter.put(batch.chunks, chunk);
        } catch (RuntimeException ex) {
            throw storeFailure(batch, ex);
        }
    }

    private StoreException storeFailure(WriteBatch batch, RuntimeException ex) {
        return new StoreException(
                "Writing " + (batch.putKeys.size() + batch.nodes.size()) + " nodes to " + store + " failed: "
                        + ex.getMessage() + ". The arcs stay resident and queued; the next drain retries them.",
                ex);
    }

    /**
     * Gives an unsaved arc its key: it stops being pending and is released unless pinned.
     *
     * @throws MutatedValueException if the arc was released and its value changed since it was encoded;
     *     the arc has its key all the same
     */
    private void markWritten(PagableArc<?> arc, DataKey key) {
        if (arc.currentKey() == null) {
            stats.pending.decrement();
            stats.pageOuts.increment();
        }
        arc.assignKey(key);
        arc.release();
    }

    /**
     * Releases every claim the batch holds, once the store has finished with the chunks handed to it;
     * called after {@link #write} whatever its outcome.
     */
    void release(WriteBatch batch) {
        try {
            storeWriter.awaitAll(batch.chunks);
        } catch (RuntimeException | Error alreadyReported) {
            // a failed write was rethrown to the drain by write, or the drain failed first
        } finally {
            claims.releaseAll(batch);
        }
    }

    /** Lets the store writer's threads end; call after the last write. */
    void close() {
        storeWriter.shutdown();
    }

    private @Nullable Frame advance(
            Frame frame, WriteBatch batch, Deque<Frame> stack, IdentityHashMap<Object, Frame> onPath) {
        while (frame.next < frame.count) {
            Object child = frame.children[frame.next];
            DataKey key = knownKey(child, batch);
            if (key == null) {
                if (onPath.containsKey(child)) {
                    throw cycle(stack, child);
                }
                checkDeclaredType(child, frame.declaredTypes[frame.next]);
                claim(child, batch);
                key = knownKey(child, batch); // written by another batch between the check and the claim
                if (key == null) {
                    return push(stack, onPath, child);
                }
            }
            frame.childKeys[frame.next] = key;
            frame.next++;
        }
        return null;
    }

    private Frame push(Deque<Frame> stack, IdentityHashMap<Object, Frame> onPath, Object reference) {
        Object value = valueOf(reference);
        Frame frame = new Frame(reference);
        byte[] data = codec.encode(value, frame);
        if (data.length > maxNodeBytes) {
            throw new DataLimitExceededException(null, "maxNodeBytes", data.length, maxNodeBytes);
        }
        if (frame.count > maxChildren) {
            throw new DataLimitExceededException(null, "maxChildren", frame.count, maxChildren);
        }
        frame.encoded(data);
        stack.push(frame);
        onPath.put(reference, frame);
        return frame;
    }

    private DataKey finish(Frame frame, WriteBatch batch) {
        StoredNode node = StoredNode.of(frame.data, List.of(frame.childKeys));
        DataKey key = node.key();
        if (recentlyStored.contains(key) || !batch.keys.add(key)) {
            batch.dedupHits++;
        } else {
            batch.nodes.add(node);
            if (batch.nodes.size() >= writeBatchSize) {
                putEncoded(batch);
            }
        }
        Object reference = frame.reference;
        batch.assigned.put(reference, key);
        if (reference instanceof PagableArc<?> arc) {
            batch.arcs.add(arc);
        }
        frame.key = key;
        return key;
    }

    private @Nullable DataKey knownKey(Object reference, WriteBatch batch) {
        DataKey key = batch.assigned.get(reference);
        if (key != null) {
            return key; // encoded earlier in this batch: not a separate write, not a dedup hit
        }
        if (reference instanceof PagableArc<?> arc) {
            if (arc.engine() != engine) {
                throw new PagableException("A PagableArc created by another PagableStorage cannot be written into "
                        + "this one; create the arc with the storage that writes the graph.");
            }
            key = arc.currentKey();
        } else if (isNode(reference)) {
            key = resident.keyOf(reference);
        }
        if (key != null) {
            batch.dedupHits++;
        }
        return key;
    }

    private void claim(Object reference, WriteBatch batch) {
        if (!(reference instanceof PagableArc<?>) && !isNode(reference)) {
            return;
        }
        WriteBatch other = claims.tryClaim(reference, batch);
        if (other != null) {
            throw new ClaimedElsewhere(other);
        }
    }

    private static boolean isNode(Object reference) {
        return NODE_CLASSES.get(reference.getClass());
    }

    private void checkDeclaredType(Object child, JavaType declared) {
        if (child instanceof PagableArc<?> arc && codec.isPolymorphic(declared)) {
            Object value = arc.reachableValue();
            if (value != null && codec.registry().tagOf(value.getClass()) == null) {
                throw new UnregisteredTypeException(value.getClass(), declared.getRawClass());
            }
        }
    }

    private static Object valueOf(Object reference) {
        if (reference instanceof PagableArc<?> arc) {
            Object value = arc.reachableValue();
            if (value == null) {
                throw new IllegalStateException("An unsaved arc lost its value: " + arc);
            }
            return value;
        }
        return reference;
    }

    private static CycleException cycle(Deque<Frame> stack, Object repeated) {
        List<String> path = new ArrayList<>();
        boolean inCycle = false;
        for (var it = stack.descendingIterator(); it.hasNext(); ) {
            Frame frame = it.next();
            inCycle |= frame.reference == repeated;
            if (inCycle) {
                path.add(describe(frame.reference));
            }
        }
        path.add(describe(repeated));
        return new CycleException(path);
    }

    static String describe(Object reference) {
        Object value = (reference instanceof PagableArc<?> arc) ? arc.reachableValue() : reference;
        String name = (value != null) ? value.getClass().getSimpleName() : "?";
        return (reference instanceof PagableArc<?>) ? "PagableArc<" + name + ">" : name;
    }
}
