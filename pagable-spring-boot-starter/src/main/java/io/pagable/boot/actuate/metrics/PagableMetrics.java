package io.pagable.boot.actuate.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import io.pagable.PagableStats;
import io.pagable.PagableStorage;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import org.jspecify.annotations.Nullable;

/**
 * Micrometer meters of a {@link PagableStorage}, all under {@code pagable.}:
 *
 * <ul>
 *   <li>gauges {@code pagable.pending}, {@code pagable.resident}, {@code pagable.paged.out} (arcs),
 *       {@code pagable.store.entries}, {@code pagable.store.bytes}, {@code pagable.cache.size} and
 *       {@code pagable.cache.hit.ratio};
 *   <li>counters {@code pagable.page.ins}, {@code pagable.page.outs}, {@code pagable.nodes.written},
 *       {@code pagable.bytes.written}, {@code pagable.bytes.read}, {@code pagable.dedup.hits},
 *       {@code pagable.drains} (calls of {@code pageOutPending}), {@code pagable.drain.failures} and
 *       {@code pagable.arcs.unwritable} (arcs a drain gave up on because they can never be written);
 *   <li>the timer {@code pagable.drainer.runs}: runs of the scheduled drainer (each drains until
 *       nothing is pending) and their duration;
 *   <li>the counter {@code pagable.gc.collections}, the gauges {@code pagable.gc.last.nodes.deleted},
 *       {@code pagable.gc.last.nodes.marked} and {@code pagable.gc.last.bytes.reclaimed} (what the last
 *       garbage collection did), and the timer {@code pagable.gc.runs} of the scheduled collector.
 * </ul>
 *
 * <p>The storage's bounded arc cache ({@link PagableStorage#arcCache()}), when it has one, is also bound with Micrometer's Caffeine binder, as the cache
 * named {@value #CACHE_NAME} ({@code cache.gets}, {@code cache.size}, {@code cache.evictions}, …
 * tagged {@code cache=pagable.arc}). Statistics are read at most once per second, however many
 * meters are polled.
 */
public class PagableMetrics implements MeterBinder {

    /** Name of the arc cache in Micrometer's cache meters. */
    public static final String CACHE_NAME = "pagable.arc";

    private static final long MAX_AGE_NANOS = Duration.ofSeconds(1).toNanos();

    private final PagableStorage storage;

    private final @Nullable PagableDrainer drainer;

    private final @Nullable PagableGarbageCollector collector;

    private final Iterable<Tag> tags;

    private volatile @Nullable PagableStats stats;

    private volatile long statsTakenAt;

    /**
     * Creates the binder.
     *
     * @param storage the storage to measure
     * @param drainer its drainer, or {@code null} when scheduled draining is off
     * @param tags tags added to every meter
     */
    public PagableMetrics(PagableStorage storage, @Nullable PagableDrainer drainer, Iterable<Tag> tags) {
        this(storage, drainer, null, tags);
    }

    /**
     * Creates the binder.
     *
     * @param storage the storage to measure
     * @param drainer its drainer, or {@code null} when scheduled draining is off
     * @param collector its scheduled garbage collector, or {@code null} when it is off
     * @param tags tags added to every meter
     */
    public PagableMetrics(
            PagableStorage storage,
            @Nullable PagableDrainer drainer,
            @Nullable PagableGarbageCollector collector,
            Iterable<Tag> tags) {
        this.storage = Objects.requireNonNull(storage, "storage");
        this.drainer = drainer;
        this.collector = collector;
        this.tags = Tags.of(tags);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(
                registry,
                "pagable.pending",
                "Arcs queued for page-out and not yet written",
                "arcs",
                PagableStats::pending);
        gauge(registry, "pagable.resident", "Arcs holding their value on the heap", "arcs", PagableStats::resident);
        gauge(registry, "pagable.paged.out", "Arcs whose value is only in the store", "arcs", PagableStats::pagedOut);
        gauge(
                registry,
                "pagable.store.entries",
                "Nodes in the content store (-1 if unknown)",
                "nodes",
                (stats) -> stats.store().entries());
        gauge(
                registry,
                "pagable.store.bytes",
                "Bytes in the content store (-1 if unknown)",
                BaseUnits.BYTES,
                (stats) -> stats.store().bytes());
        gauge(registry, "pagable.cache.size", "Values held by the arc cache", "values", PagableStats::cacheSize);
        gauge(
                registry,
                "pagable.cache.hit.ratio",
                "Hits per request of the arc cache",
                null,
                PagableStats::cacheHitRate);
        counter(registry, "pagable.page.ins", "Values read back from the store", "values", PagableStats::pageIns);
        counter(registry, "pagable.page.outs", "Arcs written and released", "arcs", PagableStats::pageOuts);
        counter(registry, "pagable.nodes.written", "Nodes handed to the store", "nodes", PagableStats::nodesWritten);
        counter(
                registry,
                "pagable.bytes.written",
                "Bytes handed to the store",
                BaseUnits.BYTES,
                PagableStats::bytesWritten);
        counter(registry, "pagable.bytes.read", "Bytes read from the store", BaseUnits.BYTES, PagableStats::bytesRead);
        counter(
                registry,
                "pagable.dedup.hits",
                "Nodes not written because the store held them",
                "nodes",
                PagableStats::dedupHits);
        counter(registry, "pagable.drains", "Calls of pageOutPending", "drains", PagableStats::drains);
        counter(registry, "pagable.drain.failures", "Drains that failed", "drains", PagableStats::failedDrains);
        counter(
                registry,
                "pagable.arcs.unwritable",
                "Arcs that can never be written, left resident",
                "arcs",
                PagableStats::unwritableArcs);
        counter(
                registry,
                "pagable.gc.collections",
                "Garbage collections this instance ran, skipped ones included",
                "collections",
                PagableStats::collections);
        gauge(
                registry,
                "pagable.gc.last.nodes.deleted",
                "Nodes the last garbage collection deleted",
                "nodes",
                (stats) -> (stats.lastCollection() != null)
                        ? stats.lastCollection().nodesDeleted()
                        : 0);
        gauge(
                registry,
                "pagable.gc.last.nodes.marked",
                "Nodes the last garbage collection found live",
                "nodes",
                (stats) -> (stats.lastCollection() != null)
                        ? stats.lastCollection().nodesMarked()
                        : 0);
        gauge(
                registry,
                "pagable.gc.last.bytes.reclaimed",
                "Storage the last garbage collection gave back",
                BaseUnits.BYTES,
                (stats) -> (stats.lastCollection() != null)
                        ? stats.lastCollection().bytesReclaimed()
                        : 0);
        storage.arcCache().ifPresent((cache) -> CaffeineCacheMetrics.monitor(registry, cache, CACHE_NAME, tags));
        if (drainer != null) {
            FunctionTimer.builder(
                            "pagable.drainer.runs",
                            drainer,
                            (d) -> d.stats().runs(),
                            (d) -> d.stats().drainTime().toNanos(),
                            TimeUnit.NANOSECONDS)
                    .description("Runs of the scheduled drainer, each until nothing is pending")
                    .tags(tags)
                    .register(registry);
        }
        if (collector != null) {
            FunctionTimer.builder(
                            "pagable.gc.runs",
                            collector,
                            (c) -> c.stats().runs(),
                            (c) -> c.stats().collectTime().toNanos(),
                            TimeUnit.NANOSECONDS)
                    .description("Runs of the scheduled garbage collector")
                    .tags(tags)
                    .register(registry);
        }
    }

    private void gauge(
            MeterRegistry registry,
            String name,
            String description,
            @Nullable String baseUnit,
            ToDoubleFunction<PagableStats> value) {
        Gauge.builder(name, this, (metrics) -> value.applyAsDouble(metrics.stats()))
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .strongReference(true)
                .register(registry);
    }

    private void counter(
            MeterRegistry registry,
            String name,
            String description,
            String baseUnit,
            ToDoubleFunction<PagableStats> value) {
        FunctionCounter.builder(name, this, (metrics) -> value.applyAsDouble(metrics.stats()))
                .description(description)
                .baseUnit(baseUnit)
                .tags(tags)
                .register(registry);
    }

    private PagableStats stats() {
        PagableStats current = stats;
        long now = System.nanoTime();
        if (current == null || now - statsTakenAt > MAX_AGE_NANOS) {
            current = storage.stats();
            stats = current;
            statsTakenAt = now;
        }
        return current;
    }
}
