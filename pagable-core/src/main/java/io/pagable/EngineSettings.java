package io.pagable;

import com.github.benmanes.caffeine.cache.Caffeine;
import io.pagable.store.ContentStore;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * Everything a {@link DefaultPagableStorage} is built from; made by
 * {@link io.pagable.PagableStorageBuilder}.
 *
 * @param store where nodes are written and read
 * @param registry the type tags
 * @param cache the configured builder of the bounded arc cache, or {@code null} for none
 * @param verifyReads whether every node read is checked against its key
 * @param maxNodeBytes the largest node written or read
 * @param maxChildren the most children of one node
 * @param maxEagerDepth how deep eager children may nest on read
 * @param writeBatchSize how many nodes go to the store in one {@code putAll}
 * @param readAheadNodes how many nodes below a node read from the store are read with it, ahead of
 *     being asked for; 0 for none
 * @param verifyImmutability whether an arc's value is encoded again when the arc lets go of it or finds
 *     it weakly held, and must give the arc's key
 * @param gcGracePeriod how recently written nodes the collector never deletes
 * @param leaseDuration how long the engine's lease on its store lasts unless renewed
 * @param leaseRenewal how often it is renewed
 */
record EngineSettings(
        ContentStore store,
        TypeRegistry registry,
        @Nullable Caffeine<Object, Object> cache,
        boolean verifyReads,
        int maxNodeBytes,
        int maxChildren,
        int maxEagerDepth,
        int writeBatchSize,
        int readAheadNodes,
        boolean verifyImmutability,
        Duration gcGracePeriod,
        Duration leaseDuration,
        Duration leaseRenewal) {}
