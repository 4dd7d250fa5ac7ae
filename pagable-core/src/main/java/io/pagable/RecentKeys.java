package io.pagable;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * A lossy, lock-free set of recently stored keys (a direct-mapped table): a hit means the key was
 * stored by this engine within the trust window, a miss means nothing. Lets a drain skip re-writing
 * nodes it wrote a moment ago at the cost of one array slot and one time per remembered key.
 *
 * <p>The window bounds how long a skipped write may rely on an old one: a node this engine wrote is
 * trusted to be in the store only for {@code window} after the write, and the engine's lease names the
 * keys within the window (see {@link EngineLease}), so the garbage collector keeps them that long and
 * no longer. An engine on a store that never deletes trusts its writes for ever.
 */
final class RecentKeys {

    private final AtomicReferenceArray<DataKey> slots;

    /** When each slot's key was stored ({@link System#nanoTime()}); written before the key. */
    private final AtomicLongArray storedAt;

    private final int mask;

    private final long windowNanos;

    /**
     * Creates the set.
     *
     * @param capacity a power of two
     * @param windowNanos how long a write is trusted, {@link Long#MAX_VALUE} for ever, 0 never
     */
    RecentKeys(int capacity, long windowNanos) {
        if (Integer.bitCount(capacity) != 1) {
            throw new IllegalArgumentException("capacity must be a power of two, but was " + capacity);
        }
        this.slots = new AtomicReferenceArray<>(capacity);
        this.storedAt = new AtomicLongArray(capacity);
        this.mask = capacity - 1;
        this.windowNanos = windowNanos;
    }

    void add(DataKey key) {
        if (windowNanos == 0) {
            return;
        }
        int index = index(key);
        storedAt.set(index, System.nanoTime());
        slots.set(index, key);
    }

    boolean contains(DataKey key) {
        int index = index(key);
        return key.equals(slots.get(index)) && fresh(storedAt.get(index), System.nanoTime());
    }

    /** Calls {@code action} with every key remembered and still within the window. */
    void forEach(Consumer<DataKey> action) {
        long now = System.nanoTime();
        for (int i = 0; i < slots.length(); i++) {
            DataKey key = slots.get(i);
            if (key != null && fresh(storedAt.get(i), now)) {
                action.accept(key);
            }
        }
    }

    private boolean fresh(long stored, long now) {
        return windowNanos == Long.MAX_VALUE || now - stored <= windowNanos;
    }

    private int index(DataKey key) {
        return (int) (key.low() ^ (key.low() >>> 32)) & mask;
    }
}
