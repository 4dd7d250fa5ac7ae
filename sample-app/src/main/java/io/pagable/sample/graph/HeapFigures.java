package io.pagable.sample.graph;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap used around a generation, each figure taken right after a full garbage collection
 * ({@link System#gc()}), so it counts live objects only. Indicative: other requests share the heap.
 *
 * @param beforeBytes heap used before the graph was built
 * @param residentBytes heap used with the whole graph built, written and still pinned on the heap
 * @param pagedOutBytes heap used after the pins were closed and the graph paged out
 */
public record HeapFigures(long beforeBytes, long residentBytes, long pagedOutBytes) {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    /**
     * Returns the heap the graph occupied while resident.
     *
     * @return resident minus before, in bytes
     */
    public long graphResidentBytes() {
        return residentBytes - beforeBytes;
    }

    /**
     * Returns the heap the graph occupies once paged out (its root, arcs, and what the arc cache
     * keeps).
     *
     * @return paged-out minus before, in bytes
     */
    public long graphPagedOutBytes() {
        return pagedOutBytes - beforeBytes;
    }

    /**
     * Runs a full garbage collection and returns the heap used afterwards.
     *
     * @return bytes of heap in use
     */
    public static long usedAfterGc() {
        System.gc();
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /**
     * Returns the heap used now, without collecting garbage first (so it includes garbage).
     *
     * @return bytes of heap in use
     */
    public static long usedNow() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }
}
