package io.pagable.benchmarks.workload;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Heap in use after full collections: {@code System.gc()} in a loop until the used heap stops
 * shrinking, then {@link MemoryMXBean} heap used. Retained bytes are a reading minus a baseline
 * taken the same way before the objects were made.
 */
final class HeapMeter {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapMeter() {}

    /**
     * Collects until the used heap is stable, then reads it.
     *
     * @return bytes of heap in use
     */
    static long usedAfterGc() {
        long previous = Long.MAX_VALUE;
        long used = 0;
        for (int i = 0; i < 20; i++) {
            System.gc();
            pause();
            used = MEMORY.getHeapMemoryUsage().getUsed();
            if (i >= 2 && used >= previous - 64 * 1024) {
                break;
            }
            previous = Math.min(previous, used);
        }
        return used;
    }

    /**
     * Collects as {@link #usedAfterGc()} does, before a timed phase, so that the collection debt of
     * the phase before (a cold traversal allocates hundreds of megabytes) is not billed to it.
     */
    static void settle() {
        usedAfterGc();
    }

    private static void pause() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }
}
