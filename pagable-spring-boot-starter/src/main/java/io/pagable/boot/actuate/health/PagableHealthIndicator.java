package io.pagable.boot.actuate.health;

import io.pagable.DataKey;
import io.pagable.PagableStats;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.ContentStoreType;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.store.ContentStore;
import java.util.Objects;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * Health of pagable, shown as {@code pagable} under {@code /actuator/health}: DOWN when the store
 * cannot be reached (a lookup of a key fails) or when the drainer's most recent run failed, with
 * the error in the details; UP otherwise, with the store's type and size and the pending count.
 *
 * <p>Arcs that can never be written (see {@link io.pagable.UnwritableArc}) do not take the store
 * down, since every other arc still pages out: the status stays UP with {@code degraded: true}, the
 * count {@code unwritableArcs} and the most recent ones in {@code unwritable}. (A status of its own
 * would outrank DOWN in Spring Boot's default status order and report 200 for it.)
 */
public class PagableHealthIndicator extends AbstractHealthIndicator {

    private static final DataKey PROBE = DataKey.of(0, 0);

    private final PagableStorage storage;

    private final @Nullable ContentStore contentStore;

    private final @Nullable PagableDrainer drainer;

    /**
     * Creates the indicator.
     *
     * @param storage the storage to report on
     * @param contentStore its store, probed on each check, or {@code null} if unknown
     * @param drainer its drainer, or {@code null} when scheduled draining is off
     */
    public PagableHealthIndicator(
            PagableStorage storage, @Nullable ContentStore contentStore, @Nullable PagableDrainer drainer) {
        super("Pagable health check failed");
        this.storage = Objects.requireNonNull(storage, "storage");
        this.contentStore = contentStore;
        this.drainer = drainer;
    }

    @Override
    protected void doHealthCheck(Health.Builder builder) {
        if (contentStore != null) {
            builder.withDetail("store", ContentStoreType.of(contentStore));
            try {
                contentStore.contains(PROBE);
            } catch (RuntimeException ex) {
                builder.down(ex);
                return;
            }
        }
        PagableStats stats = storage.stats();
        builder.withDetail("entries", stats.store().entries())
                .withDetail("bytes", stats.store().bytes())
                .withDetail("pending", stats.pending());
        if (stats.unwritableArcs() > 0) {
            builder.withDetail("degraded", true)
                    .withDetail("unwritableArcs", stats.unwritableArcs())
                    .withDetail(
                            "unwritable",
                            stats.recentUnwritable().stream()
                                    .map((arc) -> arc.type() + ": " + arc.reason())
                                    .toList());
        }
        if (drainer == null) {
            builder.up().withDetail("drainer", "off");
            return;
        }
        if (stats.lastDrainAt() != null) {
            builder.withDetail("lastDrainAt", stats.lastDrainAt());
        }
        int failedRunsInARow = drainer.stats().consecutiveFailures();
        if (failedRunsInARow == 0) {
            builder.up();
            return;
        }
        builder.down().withDetail("failedDrainsInARow", failedRunsInARow);
        if (stats.lastError() != null) {
            builder.withDetail("error", stats.lastError());
        }
    }
}
