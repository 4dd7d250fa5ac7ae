package io.pagable.store.file;

import io.pagable.DataKey;
import java.util.Arrays;

/**
 * Key to location, for the records of one batch the writer appends and for the keys of one
 * {@link FileContentStore#putAll} call: open addressing with the keys' halves and the location
 * inline in a {@code long[]}, so a lookup allocates nothing. Locations are never 0. Not thread-safe.
 */
final class KeyLocations {

    /** Slots of a new or cleared map. */
    private final int initialSlots;

    private long[] slots;

    private int mask;

    private int size;

    /** Creates a map sized for the records of a typical batch. */
    KeyLocations() {
        this(512);
    }

    /**
     * Creates a map sized for a number of keys.
     *
     * @param expected keys it should hold without growing
     */
    KeyLocations(int expected) {
        initialSlots = Integer.highestOneBit(Math.max(8, expected * 2 - 1)) * 2;
        slots = new long[3 * initialSlots];
        mask = initialSlots - 1;
    }

    /** Returns the key's location, or 0 if the map does not hold it. */
    long get(DataKey key) {
        return get(key.high(), key.low());
    }

    private long get(long high, long low) {
        for (int slot = hash(high, low) & mask; ; slot = (slot + 1) & mask) {
            long location = slots[3 * slot + 2];
            if (location == 0 || (slots[3 * slot] == high && slots[3 * slot + 1] == low)) {
                return location;
            }
        }
    }

    void put(DataKey key, long location) {
        put(key.high(), key.low(), location);
    }

    /**
     * Maps a key given as its two halves to a location, unless the map holds the key.
     *
     * @return whether the key was absent
     */
    boolean putIfAbsent(long high, long low, long location) {
        if (get(high, low) != 0) {
            return false;
        }
        put(high, low, location);
        return true;
    }

    private void put(long high, long low, long location) {
        if (++size > (mask + 1) / 2) {
            grow();
        }
        insert(slots, mask, high, low, location);
    }

    /** Empties the map; one that grew for a large batch is dropped rather than cleared. */
    void clear() {
        if (mask >= initialSlots) {
            slots = new long[3 * initialSlots];
            mask = initialSlots - 1;
        } else if (size > 0) {
            Arrays.fill(slots, 0);
        }
        size = 0;
    }

    private static void insert(long[] target, int targetMask, long high, long low, long location) {
        int slot = hash(high, low) & targetMask;
        while (target[3 * slot + 2] != 0 && !(target[3 * slot] == high && target[3 * slot + 1] == low)) {
            slot = (slot + 1) & targetMask;
        }
        target[3 * slot] = high;
        target[3 * slot + 1] = low;
        target[3 * slot + 2] = location;
    }

    /**
     * Spreads a key's two halves over an int (a key's halves are SHA-256 output, but mixing both keeps
     * keys built for tests or by an attacker from sharing slots).
     */
    private static int hash(long high, long low) {
        long hash = (high ^ Long.rotateLeft(low, 32)) * 0x9E3779B97F4A7C15L;
        return (int) (hash ^ (hash >>> 29));
    }

    private void grow() {
        long[] old = slots;
        int bigger = 2 * (mask + 1);
        slots = new long[3 * bigger];
        mask = bigger - 1;
        for (int i = 0; i < old.length; i += 3) {
            if (old[i + 2] != 0) {
                insert(slots, mask, old[i], old[i + 1], old[i + 2]);
            }
        }
    }
}
