package io.pagable.store;

/**
 * The keys of one {@code putAll} batch, to store a key given twice in a batch once: an
 * open-addressing set of key halves in two arrays, sized for the batch, with no object per key.
 */
final class BatchKeys {

    private final long[] highs;

    private final long[] lows;

    private final boolean[] used;

    private final int mask;

    /** Creates a set for up to {@code capacity} keys. */
    BatchKeys(int capacity) {
        int slots = Integer.highestOneBit(Math.max(2, capacity) * 2 - 1) * 2;
        this.highs = new long[slots];
        this.lows = new long[slots];
        this.used = new boolean[slots];
        this.mask = slots - 1;
    }

    /**
     * Adds a key.
     *
     * @return whether it was not yet in the set
     */
    boolean add(long high, long low) {
        long h = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        int slot = (int) (h >>> 32) & mask;
        while (used[slot]) {
            if (highs[slot] == high && lows[slot] == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        used[slot] = true;
        highs[slot] = high;
        lows[slot] = low;
        return true;
    }
}
