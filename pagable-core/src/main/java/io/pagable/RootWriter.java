package io.pagable;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Writes the roots of a drain (queued arcs) or of a save (one value) through the {@link GraphWriter}:
 * in batches of {@value #ROOTS_PER_BATCH}, waiting for and retrying roots that another batch has
 * claimed, putting drained arcs back in the queue when the store fails, and taking out of it the arcs
 * that can never be written. Each call is an operation in flight for the engine's lease.
 */
final class RootWriter {

    /** Roots encoded into one write batch: bounds a drain's working memory and claim time. */
    private static final int ROOTS_PER_BATCH = 16_384;

    private final GraphWriter writer;

    private final EngineStats stats;

    private final Queue<PagableArc<?>> queue;

    private final Supplier<EngineLease.Operation> operations;

    RootWriter(
            GraphWriter writer,
            EngineStats stats,
            Queue<PagableArc<?>> queue,
            Supplier<EngineLease.Operation> operations) {
        this.writer = writer;
        this.stats = stats;
        this.queue = queue;
        this.operations = operations;
    }

    /**
     * Encodes and writes roots in batches of {@value #ROOTS_PER_BATCH}; roots meeting another batch's
     * claim wait for it and are retried. When draining, arcs whose write the store failed are queued
     * again, and arcs that can never be written leave the queue and are reported (see {@link
     * io.pagable.UnwritableArc}); for a save, every failure is thrown.
     *
     * @return how many arcs were written
     */
    int write(List<Object> roots, @Nullable Map<Object, DataKey> keys, boolean draining) {
        try (EngineLease.Operation operation = operations.get()) {
            return writeAll(roots, keys, draining);
        }
    }

    private int writeAll(List<Object> roots, @Nullable Map<Object, DataKey> keys, boolean draining) {
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
            Set<Object> unwritable = Collections.newSetFromMap(new IdentityHashMap<>());
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
                            unwritable.add(root);
                        } else if (!failures.contains(ex)) {
                            failures.add(ex);
                        }
                    }
                }
                writer.write(batch);
                written += batch.arcs.size();
            } catch (RuntimeException | Error ex) {
                if (draining) {
                    requeue(unwritable.isEmpty() ? todo : without(todo, unwritable));
                }
                throw ex;
            } finally {
                writer.release(batch);
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
        if (root instanceof PagableArc<?> arc && arc.currentKey() == null) {
            Object value = arc.reachableValue();
            stats.pending.decrement();
            stats.unwritable.add((value != null) ? value.getClass() : Object.class, failure);
        }
    }

    private static List<Object> without(List<Object> roots, Set<Object> left) {
        List<Object> rest = new ArrayList<>(roots.size());
        for (Object root : roots) {
            if (!left.contains(root)) {
                rest.add(root);
            }
        }
        return rest;
    }

    private void requeue(List<Object> roots) {
        for (Object root : roots) {
            if (root instanceof PagableArc<?> arc && arc.currentKey() == null) {
                queue.add(arc);
            }
        }
    }
}
