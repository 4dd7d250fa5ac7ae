package io.pagable.engine;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Which write batch is encoding which arc or node instance right now, so two concurrent drains never
 * write the same node at the same time. A claim is held from when a batch starts encoding an
 * instance until the batch's write has finished (or failed).
 */
final class Claims {

    /** One batch's hold on an instance; completed when released. */
    static final class Claim {

        final Object owner;

        final CompletableFuture<Void> released = new CompletableFuture<>();

        Claim(Object owner) {
            this.owner = owner;
        }
    }

    private final ConcurrentHashMap<Identity, Claim> claims = new ConcurrentHashMap<>();

    /**
     * Claims an instance for a batch.
     *
     * @return null when the batch now holds (or already held) the claim, else the other batch's claim
     */
    @Nullable
    Claim tryClaim(Identity identity, Claim mine) {
        Claim existing = claims.putIfAbsent(identity, mine);
        return (existing == null || existing.owner == mine.owner) ? null : existing;
    }

    void release(Identity identity, Claim mine) {
        claims.remove(identity, mine);
    }
}
