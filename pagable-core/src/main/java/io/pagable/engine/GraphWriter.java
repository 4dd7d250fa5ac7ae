package io.pagable.engine;

import io.pagable.CycleException;
import io.pagable.DataKey;
import io.pagable.DataLimitExceededException;
import io.pagable.PagableArc;
import io.pagable.PagableException;
import io.pagable.PagableNode;
import io.pagable.StoreException;
import io.pagable.UnregisteredTypeException;
import io.pagable.codec.ChildSink;
import io.pagable.codec.NodeCodec;
import io.pagable.store.ContentStore;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
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

    private final EngineArcHost host;

    private final ResidentValues resident;

    private static final ClassValue<Boolean> NODE_CLASSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return type.isAnnotationPresent(PagableNode.class);
        }
    };

    private final Claims claims = new Claims();

    private final RecentKeys recentlyStored = new RecentKeys(1 << 14);

    private final int maxNodeBytes;

    private final int maxChildren;

    private final int writeBatchSize;

    GraphWriter(
            EngineSettings settings, NodeCodec codec, EngineStats stats, EngineArcHost host, ResidentValues resident) {
        this.store = settings.store();
        this.codec = codec;
        this.stats = stats;
        this.host = host;
        this.resident = resident;
        this.maxNodeBytes = settings.maxNodeBytes();
        this.maxChildren = settings.maxChildren();
        this.writeBatchSize = settings.writeBatchSize();
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
     */
    void write(WriteBatch batch) {
        putEncoded(batch);
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
        for (PagableArc<?> arc : batch.arcs) {
            host.markWritten(arc, batch.assigned.get(arc));
        }
    }

    /**
     * Hands the nodes encoded so far to the store (durable only after the flush in {@link #write}),
     * so that a large batch does not hold every node's bytes until its end: they become garbage a
     * chunk at a time, while they are still young.
     */
    private void putEncoded(WriteBatch batch) {
        if (batch.nodes.isEmpty()) {
            return;
        }
        try {
            store.putAll(batch.nodes);
        } catch (RuntimeException ex) {
            throw storeFailure(batch, ex);
        }
        for (StoredNode node : batch.nodes) {
            batch.putKeys.add(node.key());
            batch.putBytes += node.data().length;
        }
        batch.nodes = new ArrayList<>(writeBatchSize);
    }

    private StoreException storeFailure(WriteBatch batch, RuntimeException ex) {
        return new StoreException(
                "Writing " + (batch.putKeys.size() + batch.nodes.size()) + " nodes to " + store + " failed: "
                        + ex.getMessage() + ". The arcs stay resident and queued; the next drain retries them.",
                ex);
    }

    /** Releases every claim the batch holds; called after {@link #write} whatever its outcome. */
    void release(WriteBatch batch) {
        claims.releaseAll(batch);
    }

    private @Nullable Frame advance(
            Frame frame, WriteBatch batch, Deque<Frame> stack, IdentityHashMap<Object, Frame> onPath) {
        while (frame.next < frame.sink.children.size()) {
            Object child = frame.sink.children.get(frame.next);
            DataKey key = knownKey(child, batch);
            if (key == null) {
                if (onPath.containsKey(child)) {
                    throw cycle(stack, child);
                }
                checkDeclaredType(child, frame.sink.declaredTypes.get(frame.next));
                claim(child, batch);
                key = knownKey(child, batch); // written by another batch between the check and the claim
                if (key == null) {
                    return push(stack, onPath, child);
                }
            }
            frame.childKeys.add(key);
            frame.next++;
        }
        return null;
    }

    private Frame push(Deque<Frame> stack, IdentityHashMap<Object, Frame> onPath, Object reference) {
        Object value = valueOf(reference);
        ChildList sink = new ChildList(reference);
        byte[] data = codec.encode(value, sink);
        if (data.length > maxNodeBytes) {
            throw new DataLimitExceededException(null, "maxNodeBytes", data.length, maxNodeBytes);
        }
        if (sink.children.size() > maxChildren) {
            throw new DataLimitExceededException(null, "maxChildren", sink.children.size(), maxChildren);
        }
        Frame frame = new Frame(reference, data, sink);
        stack.push(frame);
        onPath.put(reference, frame);
        return frame;
    }

    private DataKey finish(Frame frame, WriteBatch batch) {
        StoredNode node = StoredNode.of(frame.data, frame.childKeys);
        DataKey key = node.key();
        if (batch.keys.contains(key) || recentlyStored.contains(key)) {
            batch.dedupHits++;
        } else {
            batch.keys.add(key);
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
            if (!host.owns(arc)) {
                throw new PagableException("A PagableArc created by another PagableStorage cannot be written into "
                        + "this one; create the arc with the storage that writes the graph.");
            }
            key = EngineArcHost.key(arc);
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
            Object value = EngineArcHost.value(arc);
            if (value != null && codec.registry().tagOf(value.getClass()) == null) {
                throw new UnregisteredTypeException(
                        value.getClass(), declared.getRawClass().getName());
            }
        }
    }

    private static Object valueOf(Object reference) {
        if (reference instanceof PagableArc<?> arc) {
            Object value = EngineArcHost.value(arc);
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

    private static String describe(Object reference) {
        Object value = (reference instanceof PagableArc<?> arc) ? EngineArcHost.value(arc) : reference;
        String name = (value != null) ? value.getClass().getSimpleName() : "?";
        return (reference instanceof PagableArc<?>) ? "PagableArc<" + name + ">" : name;
    }

    /** One node being encoded: its bytes, its children and how far their keys are known. */
    static final class Frame {

        final Object reference;

        final byte[] data;

        final ChildList sink;

        final List<DataKey> childKeys;

        int next;

        @Nullable
        DataKey key;

        Frame(Object reference, byte[] data, ChildList sink) {
            this.reference = reference;
            this.data = data;
            this.sink = sink;
            this.childKeys = new ArrayList<>(sink.children.size());
        }
    }

    /** Numbers a node's children by identity, in the order the encoder meets them. */
    private static final class ChildList implements ChildSink {

        private final Object self;

        final List<Object> children = new ArrayList<>();

        final List<JavaType> declaredTypes = new ArrayList<>();

        private final List<Boolean> eager = new ArrayList<>();

        /** Child indices by identity; made at the second child (most nodes have none or one). */
        private @Nullable Map<Object, Integer> indices;

        ChildList(Object self) {
            this.self = self;
        }

        @Override
        public int reference(Object child, boolean isEager, JavaType declaredType) {
            if (!children.isEmpty()) {
                if (children.size() == 1 && children.get(0) == child) {
                    return 0;
                }
                if (indices == null) {
                    indices = new IdentityHashMap<>();
                    indices.put(children.get(0), 0);
                }
                Integer index = indices.get(child);
                if (index != null) {
                    return index;
                }
            }
            if (child == self) {
                throw new CycleException(List.of(describe(self), describe(child)));
            }
            int assigned = children.size();
            children.add(child);
            declaredTypes.add(declaredType);
            eager.add(isEager);
            if (indices != null) {
                indices.put(child, assigned);
            }
            return assigned;
        }

        @Override
        public int count() {
            return children.size();
        }

        @Override
        public boolean isEager(int index) {
            return eager.get(index);
        }
    }
}
