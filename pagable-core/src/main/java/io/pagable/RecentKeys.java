package io.pagable;

import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A lossy, lock-free set of recently stored keys (a direct-mapped table): a hit means the key was
 * stored by this engine, a miss means nothing. Lets a drain skip re-writing nodes it wrote a moment
 * ago at the cost of one array slot per remembered key.
 */
final class RecentKeys {

    private final AtomicReferenceArray<DataKey> slots;

    private final int mask;

    RecentKeys(int capacity) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, but was " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.mask = capacity - 1;
    }

    void add(DataKey key) {
        slots.lazySet(index(key), key);
    }

    boolean contains(DataKey key) {
        return key.equals(slots.get(index(key)));
    }

    /** Calls {@code action} with every key remembered now. */
    void forEach(java.util.function.Consumer<DataKey> action) {
        for (int i = 0; i < slots.length(); i++) {
            DataKey key = slots.get(i);
            if (key != null) {
                action.accept(key);
            }
        }
    }

    private int index(DataKey key) {
        return (int) (key.low() ^ (key.low() >>> 32)) & mask;
    }
}
