package io.pagable.store;

import java.time.Instant;
import java.util.Objects;

/**
 * An instance's lease on a store: while it has not expired, the garbage collector keeps every node
 * that the lease's live keys name, and everything those nodes reach. An engine renews its lease on a
 * schedule of its own and releases it when it closes; a lease whose instance died expires.
 *
 * @param holder the instance holding the lease, unique per engine
 * @param renewedAt when the holder last renewed it, by the store's clock
 * @param expiresAt when it lapses unless renewed again, by the store's clock
 * @param liveKeys the holder's live keys, in the engine's own encoding; a store keeps the bytes as
 *     they are
 */
public record StoreLease(String holder, Instant renewedAt, Instant expiresAt, byte[] liveKeys) {

    /** Checks the parts of a lease. */
    public StoreLease {
        Objects.requireNonNull(holder, "holder");
        Objects.requireNonNull(renewedAt, "renewedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        Objects.requireNonNull(liveKeys, "liveKeys");
    }
}
