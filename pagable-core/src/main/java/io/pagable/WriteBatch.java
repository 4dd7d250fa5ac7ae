package io.pagable;

import io.pagable.store.StoredNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The nodes one drain or save has encoded and not yet written, with the keys they gave arcs and node
 * instances; committed to the engine's state only after the store accepted the nodes.
 */
final class WriteBatch {

    /**
     * Initial size of the batch's collections: small, as many batches are one {@code save} of a small
     * value; a large drain's grow as it goes.
     */
    private static final int EXPECTED = 256;

    /** Nodes encoded and not yet handed to the store: at most one {@code putAll} chunk. */
    List<StoredNode> nodes = new ArrayList<>();

    /** Keys of the nodes handed to the store, which a flush has yet to make durable. */
    final List<DataKey> putKeys = new ArrayList<>(EXPECTED);

    /** Encoded bytes of those nodes. */
    long putBytes;

    /** The chunks handed to the store writer. */
    final StoreWriter.Chunks chunks = new StoreWriter.Chunks();

    /** Keys of the nodes the batch writes, so a node encoded twice is written once. */
    final KeySet keys = new KeySet(EXPECTED);

    final IdentityHashMap<Object, DataKey> assigned = new IdentityHashMap<>(EXPECTED);

    final List<PagableArc<?>> arcs = new ArrayList<>(EXPECTED);

    final List<PagableArc<?>> claimedArcs = new ArrayList<>(EXPECTED);

    final List<Identity> claimedNodes = new ArrayList<>();

    /** Completed once the batch holds no claims any more. */
    final CompletableFuture<Void> released = new CompletableFuture<>();

    long dedupHits;

    /** The encoder's stack of nodes being encoded, reused from root to root (empty between roots). */
    final ArrayDeque<Frame> stack = new ArrayDeque<>();

    /** The same nodes by identity, to find cycles; reused from root to root. */
    final IdentityHashMap<Object, Frame> onPath = new IdentityHashMap<>();
}
