package io.pagable;

import io.pagable.store.StoredNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Stored nodes read ahead of being asked for, not yet decoded: bounded by bytes, oldest out first.
 * A node leaves the buffer when it is taken (it is then decoded and remembered as a value) or when
 * newer read-ahead pushes it out; a node pushed out is simply read again if it is asked for. Holds
 * raw bytes only, so nothing in it keeps a value reachable.
 *
 * <p>It also remembers keys a read-ahead had to leave out, with their siblings (the keys met
 * together with them), so that when one of them is asked for, the read-ahead can take the siblings
 * around it along: a wide node's arcs are then read in batches as they are walked, not one by one.
 * Bounded too, oldest group out first. Thread-safe.
 */
final class ReadAheadBuffer {

    /** What a stored node costs besides its data and child keys: the objects and the map entry. */
    private static final int NODE_OVERHEAD_BYTES = 96;

    private final long maxBytes;

    private final LinkedHashMap<DataKey, StoredNode> nodes = new LinkedHashMap<>();

    private long bytes;

    private final int maxDeferredKeys;

    private final HashMap<DataKey, Slot> deferred = new HashMap<>();

    private final ArrayDeque<List<DataKey>> deferredGroups = new ArrayDeque<>();

    private int deferredKeys;

    /** Where a deferred key sits among its siblings. */
    private record Slot(List<DataKey> group, int index) {}

    ReadAheadBuffer(long maxBytes, int maxDeferredKeys) {
        this.maxBytes = maxBytes;
        this.maxDeferredKeys = maxDeferredKeys;
    }

    /** Remembers keys a read-ahead left out, in the order they were met, as one group of siblings. */
    synchronized void defer(List<DataKey> keys) {
        if (keys.isEmpty() || keys.size() > maxDeferredKeys) {
            return;
        }
        List<DataKey> group = List.copyOf(keys);
        for (int i = 0; i < group.size(); i++) {
            deferred.put(group.get(i), new Slot(group, i));
        }
        deferredGroups.add(group);
        deferredKeys += group.size();
        while (deferredKeys > maxDeferredKeys) {
            List<DataKey> oldest = deferredGroups.poll();
            deferredKeys -= oldest.size();
            for (DataKey key : oldest) {
                Slot slot = deferred.get(key);
                if (slot != null && slot.group() == oldest) {
                    deferred.remove(key);
                }
            }
        }
    }

    /**
     * Returns up to {@code count} deferred siblings around a key that was asked for, and forgets them,
     * the nearest first.
     *
     * @return the siblings, or an empty list if the key was not deferred
     */
    synchronized List<DataKey> takeSiblings(DataKey key, int count) {
        Slot slot = deferred.remove(key);
        if (slot == null) {
            return List.of();
        }
        List<DataKey> group = slot.group();
        List<DataKey> siblings = new ArrayList<>();
        for (int distance = 1; siblings.size() < count && distance < group.size(); distance++) {
            takeSibling(group, slot.index() - distance, siblings);
            takeSibling(group, slot.index() + distance, siblings);
        }
        return siblings;
    }

    private void takeSibling(List<DataKey> group, int index, List<DataKey> into) {
        if (index < 0 || index >= group.size()) {
            return;
        }
        DataKey sibling = group.get(index);
        Slot slot = deferred.get(sibling);
        if (slot != null && slot.group() == group) {
            deferred.remove(sibling);
            into.add(sibling);
        }
    }

    /** Returns the node read ahead for a key and removes it, or {@code null}. */
    synchronized @Nullable StoredNode take(DataKey key) {
        StoredNode node = nodes.remove(key);
        if (node != null) {
            bytes -= cost(node);
        }
        return node;
    }

    /** Returns the node read ahead for a key, leaving it in the buffer, or {@code null}. */
    synchronized @Nullable StoredNode peek(DataKey key) {
        return nodes.get(key);
    }

    synchronized boolean contains(DataKey key) {
        return nodes.containsKey(key);
    }

    /** Adds nodes, pushing out the oldest while the buffer is over its size. */
    synchronized void addAll(Iterable<StoredNode> read) {
        for (StoredNode node : read) {
            if (nodes.putIfAbsent(node.key(), node) == null) {
                bytes += cost(node);
            }
        }
        Iterator<StoredNode> oldest = nodes.values().iterator();
        while (bytes > maxBytes && oldest.hasNext()) {
            bytes -= cost(oldest.next());
            oldest.remove();
        }
    }

    synchronized int size() {
        return nodes.size();
    }

    static long cost(StoredNode node) {
        return NODE_OVERHEAD_BYTES + node.data().length + (long) node.children().size() * DataKey.LENGTH;
    }
}
