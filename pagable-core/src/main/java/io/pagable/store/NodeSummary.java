package io.pagable.store;

import io.pagable.DataKey;
import java.time.Instant;
import java.util.Objects;

/**
 * What the garbage collector needs to know of one stored node without reading it.
 *
 * @param key the node's key
 * @param storedSize its size as {@link StoredNode#storedSize()} counts it
 * @param touchedAt when it was last written or written again (a duplicate), by the store's clock
 */
public record NodeSummary(DataKey key, long storedSize, Instant touchedAt) {

    /** Checks the parts of a summary. */
    public NodeSummary {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(touchedAt, "touchedAt");
    }
}
