package io.pagable;

import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which write batch is encoding which arc or node instance right now, so two concurrent drains never
 * write the same node at the same time. A claim is held from when a batch starts encoding an
 * instance until the batch's write has finished (or failed). Arcs carry their claim in a field;
 * node instances are claimed in a map.
 */
final class Claims {

    private final ConcurrentHashMap<Identity, WriteBatch> nodes = new ConcurrentHashMap<>();

    /**
     * Claims an instance for a batch.
     *
     * @return null when the batch now holds (or already held) the claim, else the batch holding it
     */
    @Nullable
    WriteBatch tryClaim(Object reference, WriteBatch batch) {
        if (reference instanceof PagableArc<?> arc) {
            Object other = arc.claimFor(batch);
            if (other == null) {
                batch.claimedArcs.add(arc);
            }
            return (WriteBatch) other;
        }
        Identity identity = new Identity(reference);
        WriteBatch other = nodes.putIfAbsent(identity, batch);
        if (other == null) {
            batch.claimedNodes.add(identity);
            return null;
        }
        return (other == batch) ? null : other;
    }

    void releaseAll(WriteBatch batch) {
        for (PagableArc<?> arc : batch.claimedArcs) {
            arc.releaseClaim(batch);
        }
        for (Identity identity : batch.claimedNodes) {
            nodes.remove(identity, batch);
        }
        batch.claimedArcs.clear();
        batch.claimedNodes.clear();
        batch.released.complete(null);
    }
}
