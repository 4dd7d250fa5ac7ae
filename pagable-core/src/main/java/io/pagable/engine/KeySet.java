package io.pagable.engine;

import io.pagable.DataKey;

/**
 * A set of keys for one thread: open addressing with the keys' 128 bits inline in a {@code long[]},
 * so adding a key allocates nothing and costs one probe where a {@link java.util.HashSet} allocates a
 * node and follows two references. Not thread-safe.
 */
final class KeySet {

    /** Marks an empty slot; a key equal to it is kept aside. */
    private static final long EMPTY_HIGH = 0;

    private static final long EMPTY_LOW = 0;

    private long[] slots;

    private int mask;

    private int size;

    private boolean holdsEmptyKey;

    /**
     * Creates a set sized for a number of keys.
     *
     * @param expected keys it should hold without growing
     */
    KeySet(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) * 2;
        slots = new long[2 * capacity];
        mask = capacity - 1;
    }

    /**
     * Adds a key.
     *
     * @return whether it was absent
     */
    boolean add(DataKey key) {
        long high = key.high();
        long low = key.low();
        if (high == EMPTY_HIGH && low == EMPTY_LOW) {
            boolean added = !holdsEmptyKey;
            holdsEmptyKey = true;
            return added;
        }
        int slot = slot(high, low);
        while (true) {
            long slotHigh = slots[2 * slot];
            long slotLow = slots[2 * slot + 1];
            if (slotHigh == EMPTY_HIGH && slotLow == EMPTY_LOW) {
                break;
            }
            if (slotHigh == high && slotLow == low) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
        slots[2 * slot] = high;
        slots[2 * slot + 1] = low;
        if (++size > (mask + 1) / 2) {
            grow();
        }
        return true;
    }

    /** The number of keys. */
    int size() {
        return size + (holdsEmptyKey ? 1 : 0);
    }

    private int slot(long high, long low) {
        long hash = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 29)) & mask;
    }

    private void grow() {
        long[] old = slots;
        slots = new long[2 * old.length];
        mask = old.length - 1;
        for (int i = 0; i < old.length; i += 2) {
            long high = old[i];
            long low = old[i + 1];
            if (high != EMPTY_HIGH || low != EMPTY_LOW) {
                int slot = slot(high, low);
                while (slots[2 * slot] != EMPTY_HIGH || slots[2 * slot + 1] != EMPTY_LOW) {
                    slot = (slot + 1) & mask;
                }
                slots[2 * slot] = high;
                slots[2 * slot + 1] = low;
            }
        }
    }
}
