package io.pagable;

import com.github.benmanes.caffeine.cache.RemovalCause;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import com.github.benmanes.caffeine.cache.stats.StatsCounter;

/**
 * The arc cache's statistics: hits and misses are the engine's lookups of values by key, counted
 * once in {@link EngineStats} (the engine finds values in its resident map, which holds everything
 * the cache holds, and never asks the cache); evictions, loads and any lookups made on the cache
 * itself are Caffeine's own. Thread-safe.
 */
final class ArcCacheStatistics implements StatsCounter {

    private final EngineStats engine;

    private final StatsCounter cache = new ConcurrentStatsCounter();

    ArcCacheStatistics(EngineStats engine) {
        this.engine = engine;
    }

    @Override
    public void recordHits(int count) {
        cache.recordHits(count);
    }

    @Override
    public void recordMisses(int count) {
        cache.recordMisses(count);
    }

    @Override
    public void recordLoadSuccess(long loadTime) {
        cache.recordLoadSuccess(loadTime);
    }

    @Override
    public void recordLoadFailure(long loadTime) {
        cache.recordLoadFailure(loadTime);
    }

    @Override
    public void recordEviction(int weight, RemovalCause cause) {
        cache.recordEviction(weight, cause);
    }

    @Override
    public CacheStats snapshot() {
        CacheStats own = cache.snapshot();
        return CacheStats.of(
                own.hitCount() + engine.cacheHits.sum(),
                own.missCount() + engine.cacheMisses.sum(),
                own.loadSuccessCount(),
                own.loadFailureCount(),
                own.totalLoadTime(),
                own.evictionCount(),
                own.evictionWeight());
    }

    @Override
    public String toString() {
        return snapshot().toString();
    }
}
