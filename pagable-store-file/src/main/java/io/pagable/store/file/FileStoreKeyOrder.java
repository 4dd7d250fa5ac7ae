package io.pagable.store.file;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The keys of a file store at one moment, sorted in {@link io.pagable.DataKey#compareTo} order (each
 * half as an unsigned number, the high half first): what a scan in key order pages through, since
 * the index is in hash order. Two {@code long}s per key on the heap, 16 bytes per node, for as long
 * as a scan runs. Sorted in place by a quicksort with random pivots (expected n log n whatever the
 * keys, which a caller may choose) and three-way partitions. Immutable once sorted: safe to read
 * from any thread.
 */
final class FileStoreKeyOrder {

    private static final int INSERTION_SORT_BELOW = 24;

    private final long[] highs;

    private final long[] lows;

    /**
     * Sorts keys, taking over the arrays.
     *
     * @param highs the keys' high halves
     * @param lows the keys' low halves, in the same order
     */
    FileStoreKeyOrder(long[] highs, long[] lows) {
        this.highs = highs;
        this.lows = lows;
        sort(0, highs.length);
    }

    int size() {
        return highs.length;
    }

    long high(int i) {
        return highs[i];
    }

    long low(int i) {
        return lows[i];
    }

    /** Returns the place of the first key after the given one, or {@link #size()} if none is. */
    int firstAfter(long high, long low) {
        int from = 0;
        int to = highs.length;
        while (from < to) {
            int middle = (from + to) >>> 1;
            if (compare(highs[middle], lows[middle], high, low) <= 0) {
                from = middle + 1;
            } else {
                to = middle;
            }
        }
        return from;
    }

    static int compare(long high, long low, long otherHigh, long otherLow) {
        int result = Long.compareUnsigned(high, otherHigh);
        return (result != 0) ? result : Long.compareUnsigned(low, otherLow);
    }

    /** Sorts {@code [from, to)}, recursing into the smaller part so the stack stays logarithmic. */
    private void sort(int from, int to) {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (to - from > INSERTION_SORT_BELOW) {
            int pivot = from + random.nextInt(to - from);
            long pivotHigh = highs[pivot];
            long pivotLow = lows[pivot];
            int less = from;
            int greater = to;
            int i = from;
            while (i < greater) { // [from, less) < pivot, [less, i) = pivot, [greater, to) > pivot
                int result = compare(highs[i], lows[i], pivotHigh, pivotLow);
                if (result < 0) {
                    swap(less++, i++);
                } else if (result > 0) {
                    swap(i, --greater);
                } else {
                    i++;
                }
            }
            if (less - from < to - greater) {
                sort(from, less);
                from = greater;
            } else {
                sort(greater, to);
                to = less;
            }
        }
        for (int i = from + 1; i < to; i++) {
            long high = highs[i];
            long low = lows[i];
            int j = i - 1;
            while (j >= from && compare(highs[j], lows[j], high, low) > 0) {
                highs[j + 1] = highs[j];
                lows[j + 1] = lows[j];
                j--;
            }
            highs[j + 1] = high;
            lows[j + 1] = low;
        }
    }

    private void swap(int a, int b) {
        long high = highs[a];
        highs[a] = highs[b];
        highs[b] = high;
        long low = lows[a];
        lows[a] = lows[b];
        lows[b] = low;
    }
}
