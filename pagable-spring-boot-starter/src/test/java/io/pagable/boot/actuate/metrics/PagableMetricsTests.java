package io.pagable.boot.actuate.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class PagableMetricsTests {

    private final PagableStorage storage = PagableStorage.builder().build();

    private final MeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void gaugesAndCountersFollowTheStorage() {
        PagableDrainer drainer = new PagableDrainer(storage, Duration.ofHours(1), 10, 1);
        new PagableMetrics(storage, drainer, Tags.of("app", "test")).bindTo(registry);
        storage.arc(new Circle(1));
        storage.arc(new Circle(2));
        assertThat(registry.get("pagable.pending").tag("app", "test").gauge().value())
                .isEqualTo(2);

        drainer.drain();
        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(registry.get("pagable.pending").gauge().value()).isZero();
            assertThat(registry.get("pagable.page.outs").functionCounter().count())
                    .isEqualTo(2);
        });
        assertThat(registry.get("pagable.paged.out").gauge().value()).isEqualTo(2);
        assertThat(registry.get("pagable.nodes.written").functionCounter().count())
                .isEqualTo(2);
        assertThat(registry.get("pagable.bytes.written").functionCounter().count())
                .isPositive();
        assertThat(registry.get("pagable.store.entries").gauge().value()).isEqualTo(2);
        assertThat(registry.get("pagable.store.bytes").gauge().value()).isPositive();
        assertThat(registry.get("pagable.resident").gauge().value()).isZero();
        assertThat(registry.get("pagable.page.ins").functionCounter().count()).isZero();
        assertThat(registry.get("pagable.bytes.read").functionCounter().count()).isZero();
        assertThat(registry.get("pagable.dedup.hits").functionCounter().count()).isZero();
        assertThat(registry.get("pagable.cache.size").gauge().value()).isZero();
        assertThat(registry.get("pagable.cache.hit.ratio").gauge().value()).isBetween(0.0, 1.0);
        assertThat(registry.get("pagable.drain.failures").functionCounter().count())
                .isZero();
        FunctionTimer timer = registry.get("pagable.drainer.runs").functionTimer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void garbageCollectionsAreCountedTimedAndTheirLastFiguresShown() {
        PagableGarbageCollector collector = new PagableGarbageCollector(storage, Duration.ofHours(1));
        new PagableMetrics(storage, null, collector, Tags.empty()).bindTo(registry);
        storage.saveRoot("kept", new Circle(4));
        assertThat(registry.get("pagable.gc.collections").functionCounter().count())
                .isZero();
        assertThat(registry.get("pagable.gc.last.nodes.marked").gauge().value()).isZero();

        collector.collect();

        await().atMost(Duration.ofSeconds(3)).untilAsserted(() -> {
            assertThat(registry.get("pagable.gc.collections").functionCounter().count())
                    .isEqualTo(1);
            assertThat(registry.get("pagable.gc.last.nodes.marked").gauge().value())
                    .isEqualTo(1);
        });
        assertThat(registry.get("pagable.gc.last.nodes.deleted").gauge().value())
                .isZero();
        assertThat(registry.get("pagable.gc.last.bytes.reclaimed").gauge().value())
                .isZero();
        FunctionTimer timer = registry.get("pagable.gc.runs").functionTimer();
        assertThat(timer.count()).isEqualTo(1);
        assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isPositive();
    }

    @Test
    void withoutDrainerThereIsNoDrainTimer() {
        new PagableMetrics(storage, null, Tags.empty()).bindTo(registry);
        assertThat(registry.find("pagable.drainer.runs").functionTimer()).isNull();
        assertThat(registry.find("pagable.gc.runs").functionTimer()).isNull();
        assertThat(registry.find("pagable.pending").gauge()).isNotNull();
    }

    @Test
    void arcCacheIsBoundWithCaffeinesBinder() {
        new PagableMetrics(storage, null, Tags.of("app", "test")).bindTo(registry);
        var arc = storage.arc(new Circle(3));
        storage.pageOutPending();
        var key = arc.key().orElseThrow();
        storage.load(key, Circle.class);
        storage.load(key, Circle.class);

        assertThat(registry.get("cache.size")
                        .tag("cache", PagableMetrics.CACHE_NAME)
                        .tag("app", "test")
                        .gauge())
                .isNotNull();
        assertThat(registry.get("cache.gets")
                        .tag("cache", PagableMetrics.CACHE_NAME)
                        .tag("result", "miss")
                        .functionCounter()
                        .count())
                .isGreaterThanOrEqualTo(1);
    }

    @Test
    void withoutArcCacheNoCacheMetersAreBound() {
        PagableStorage uncached = PagableStorage.builder().cacheMaximumSize(0).build();
        new PagableMetrics(uncached, null, Tags.empty()).bindTo(registry);

        assertThat(registry.find("cache.size").gauge()).isNull();
        assertThat(registry.find("pagable.cache.size").gauge()).isNotNull();
    }
}
