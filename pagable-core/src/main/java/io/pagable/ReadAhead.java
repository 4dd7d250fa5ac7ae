package io.pagable;

import io.pagable.store.ContentStore;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The read-ahead policy of page-ins: when a top-level load had to go to the store, read breadth-first
 * below the arcs its decode met, in one {@link ContentStore#getAll} per level, up to the configured
 * number of nodes, into a bounded {@link ReadAheadBuffer} of raw nodes. Walking a graph then costs
 * about one store round trip per level of each read-ahead rather than two per arc. Arcs a read-ahead
 * leaves out are remembered with their siblings, which a later miss on one of them reads along.
 * Read-ahead is best effort: a failure stops it and is left for the load that needs the node to
 * report. Thread-safe.
 */
final class ReadAhead {

    private static final Logger logger = LoggerFactory.getLogger(ReadAhead.class);

    /** How many keys one read-ahead may look at per node it may read: bounds walks through the buffer. */
    private static final int WALK_PER_READ_AHEAD_NODE = 8;

    /** How many left-out keys the buffer remembers per node of one read-ahead, for later batches. */
    private static final int DEFERRED_PER_READ_AHEAD_NODE = 128;

    private final ContentStore store;

    private final NodeCodec codec;

    private final int nodes;

    private final int maxChildren;

    /** Whether a node's value is on the heap already, so reading it ahead would be wasted. */
    private final Predicate<DataKey> loaded;

    private final ReadAheadBuffer buffer;

    /**
     * @param nodes the most nodes one read-ahead reads, at least 1
     * @param loaded whether a key's value is on the heap
     */
    ReadAhead(ContentStore store, NodeCodec codec, int nodes, int maxChildren, Predicate<DataKey> loaded) {
        this.store = store;
        this.codec = codec;
        this.nodes = nodes;
        this.maxChildren = maxChildren;
        this.loaded = loaded;
        this.buffer = new ReadAheadBuffer(bufferBytes(nodes), DEFERRED_PER_READ_AHEAD_NODE * nodes);
    }

    /** The read-ahead buffer's bound: 16 KiB per node of one read-ahead, at least 4 MiB. */
    static long bufferBytes(int readAheadNodes) {
        return Math.max(4L << 20, (long) readAheadNodes * (16 << 10));
    }

    /** Takes a node read ahead out of the buffer, or returns null when it was not read ahead. */
    @Nullable
    StoredNode take(DataKey key) {
        return buffer.take(key);
    }

    boolean contains(DataKey key) {
        return buffer.contains(key);
    }

    /** The siblings a read-ahead left out together with a key, to read along with it on its miss. */
    List<DataKey> siblingsOf(DataKey key) {
        return buffer.takeSiblings(key, Math.max(1, nodes / 2));
    }

    /**
     * Reads a node together with its deferred siblings, in one round trip instead of one now and one
     * when the read-ahead below it starts from them: the siblings go to the buffer, where that
     * read-ahead then finds them. In the workload benchmark's cold traversal this took the store calls
     * from 23,172 to 19,592. What is read ahead never decides whether a load succeeds: should the
     * batch fail or leave the node out, this returns null and the caller reads the node alone.
     */
    @Nullable
    StoredNode readWithSiblings(DataKey key, List<DataKey> siblings) {
        List<DataKey> keys = new ArrayList<>(siblings.size() + 1);
        keys.add(key);
        keys.addAll(siblings);
        Map<DataKey, StoredNode> found;
        try {
            found = store.getAll(keys);
        } catch (RuntimeException ex) {
            logger.debug("Reading node {} with {} siblings failed; reading it alone", key, siblings.size(), ex);
            return null;
        }
        StoredNode node = found.get(key);
        List<StoredNode> others = new ArrayList<>(found.size());
        for (StoredNode other : found.values()) {
            if (other != node) {
                others.add(other);
            }
        }
        buffer.addAll(others);
        return node;
    }

    /**
     * Reads ahead from the arcs a load met: level by level, one batch for the arcs' nodes of a level
     * (up to the read-ahead size in all) and one for the eager children those nodes need to decode,
     * which come along whatever their number, as a value is of no use without them. Nodes already in
     * the buffer are walked through without being read again; the walk is bounded too. Arcs left out
     * are remembered as siblings for a later read-ahead.
     */
    void below(List<DataKey> start) {
        int budget = nodes;
        int[] walk = {WALK_PER_READ_AHEAD_NODE * nodes};
        KeySet seen = new KeySet(64);
        List<DataKey> arcs = start;
        while (budget > 0 && walk[0] > 0 && !arcs.isEmpty()) {
            List<StoredNode> level = new ArrayList<>();
            List<DataKey> wanted = select(arcs, budget, seen, walk, level, true);
            if (!readInto(wanted, level)) {
                return;
            }
            budget -= wanted.size();
            List<StoredNode> parents = level;
            while (!parents.isEmpty()) { // the eager children of what this level read, and theirs
                List<StoredNode> children = new ArrayList<>();
                List<DataKey> eager = select(children(parents, true), Integer.MAX_VALUE, seen, walk, children, false);
                if (!readInto(eager, children)) {
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
            List<DataKey> candidates, int limit, KeySet seen, int[] walk, List<StoredNode> walked, boolean deferRest) {
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
            } else if (!loaded.test(key)) {
                wanted.add(key);
            }
        }
        return wanted;
    }

    /** Reads nodes into the buffer and onto {@code into}; false if the store failed (read-ahead stops). */
    private boolean readInto(List<DataKey> wanted, List<StoredNode> into) {
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
}
