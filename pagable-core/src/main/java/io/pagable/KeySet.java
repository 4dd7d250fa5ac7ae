package io.pagable;

/**
 * A set of {@link DataKey}s for one thread: open addressing with the keys' 128 bits inline in a
 * {@code long[]}, so adding a key allocates nothing and costs one probe where a
 * {@link java.util.HashSet} allocates a node and follows two references. It grows as keys are added.
 * The engine keeps the keys of a write batch and of a read-ahead walk in one. Not thread-safe.
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
        return add(key.high(), key.low());
    }

    /**
     * Adds a key given as its two halves ({@link DataKey#high()}, {@link DataKey#low()}).
     *
     * @return whether it was absent
     */
    boolean add(long high, long low) {
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

    /**
     * Tells whether a key was added.
     *
     * @return whether the set holds it
     */
    boolean contains(DataKey key) {
        long high = key.high();
        long low = key.low();
        if (high == EMPTY_HIGH && low == EMPTY_LOW) {
            return holdsEmptyKey;
        }
        int slot = slot(high, low);
        while (true) {
            long slotHigh = slots[2 * slot];
            long slotLow = slots[2 * slot + 1];
            if (slotHigh == high && slotLow == low) {
                return true;
            }
            if (slotHigh == EMPTY_HIGH && slotLow == EMPTY_LOW) {
                return false;
            }
            slot = (slot + 1) & mask;
        }
    }

    /** Calls {@code action} with every key, in no particular order. */
    void forEach(java.util.function.Consumer<DataKey> action) {
        if (holdsEmptyKey) {
            action.accept(DataKey.of(EMPTY_HIGH, EMPTY_LOW));
        }
        for (int i = 0; i < slots.length; i += 2) {
            if (slots[i] != EMPTY_HIGH || slots[i + 1] != EMPTY_LOW) {
                action.accept(DataKey.of(slots[i], slots[i + 1]));
            }
        }
    }

    /**
     * Returns the number of keys.
     *
     * @return the number of keys added, each counted once
     */
    int size() {
        return size + (holdsEmptyKey ? 1 : 0);
    }

    private int slot(long high, long low) {
        return hash(high, low) & mask;
    }

    /**
     * Spreads a key's two halves over an int for open addressing (a key's halves are SHA-256 output,
     * but mixing both keeps keys built for tests or by an attacker from sharing slots).
     */
    private static int hash(long high, long low) {
        long hash = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 29));
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
