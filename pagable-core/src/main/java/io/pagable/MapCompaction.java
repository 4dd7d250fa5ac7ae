package io.pagable;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * When to replace a {@link ConcurrentHashMap} whose entries go as their values are collected by a
 * copy of what is left: such a map never shrinks its table, so one that grew for a large graph would
 * keep a table of that size after the graph is gone (262,144 slots, 1 MiB, for 100,000 entries).
 * Entries are counted as they are added, since sampling the map's size at clean-up misses the peak
 * when a graph is added and collected between two clean-ups; a map is replaced once it holds fewer
 * than an eighth of the entries added since its last copy, and one that took at most
 * {@value #COPY_ABOVE} never is. Thread-safe; the owner makes a replacement exclusive of its writers.
 */
final class MapCompaction {

    /** Maps that took at most this many entries since their last copy are kept. */
    static final int COPY_ABOVE = 4_096;

    private final LongAdder addedSinceCopy = new LongAdder();

    /** Counts an entry added to the map. */
    void added() {
        addedSinceCopy.increment();
    }

    /**
     * Returns the map, or a copy of it if it has emptied out; call while no entry can be added to or
     * removed from it, and use what this returns from then on.
     */
    <K, V> ConcurrentHashMap<K, V> compacted(ConcurrentHashMap<K, V> map) {
        long added = addedSinceCopy.sum();
        if (added <= COPY_ABOVE || map.size() >= added / 8) {
            return map;
        }
        ConcurrentHashMap<K, V> copy = new ConcurrentHashMap<>(map);
        addedSinceCopy.reset();
        addedSinceCopy.add(copy.size());
        return copy;
    }
}
