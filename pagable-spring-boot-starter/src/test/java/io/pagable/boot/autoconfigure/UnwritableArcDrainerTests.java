package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.endpoint.PagableEndpoint;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.actuate.metrics.PagableMetrics;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.boot.autoconfigure.model.Shape;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.store.ContentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * One value that can never be written (a shape without a type tag) among many good ones: the drainer
 * pages out every good arc without backing off, and the bad one is reported, not retried.
 */
@ExtendWith(OutputCaptureExtension.class)
class UnwritableArcDrainerTests {

    /** A shape whose class has no {@code @PagableType}: a drawing holding one cannot be written. */
    record Untagged(int sides) implements Shape {}

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class))
            .withPropertyValues(
                    "pagable.store.type=memory",
                    "pagable.types.packages=io.pagable.boot.autoconfigure.model",
                    "pagable.drainer.interval=1h");

    @Test
    void everyGoodArcAmongFiftyThousandPagesOutWithinTwoDrainerRuns(CapturedOutput output) {
        contextRunner.run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            PagableDrainer drainer = context.getBean(PagableDrainer.class);
            List<PagableArc<Circle>> good = new ArrayList<>();
            for (int i = 0; i < 25_000; i++) {
                good.add(storage.arc(new Circle(i)));
            }
            PagableArc<Drawing> bad = storage.arc(new Drawing("bad", List.of(new Untagged(5))));
            for (int i = 25_000; i < 50_000; i++) {
                good.add(storage.arc(new Circle(i)));
            }

            drainer.drain();
            drainer.drain();

            assertThat(drainer.stats().runs()).isEqualTo(2);
            assertThat(good).allSatisfy((arc) -> assertThat(arc.isPagedOut()).isTrue());
            assertThat(storage.pendingCount()).isZero();
            assertThat(drainer.stats().failedRuns()).isZero();
            assertThat(drainer.stats().consecutiveFailures()).isZero();
            assertThat(bad.isPagedOut()).isFalse();
            assertThat(bad.get().title()).isEqualTo("bad");
            assertThat(output).contains("An arc of " + Drawing.class.getName() + " can never be written");
        });
    }

    @Test
    void scheduledDrainerKeepsDrainingAtItsPaceAfterMeetingAnUnwritableArc() {
        contextRunner
                .withPropertyValues("pagable.drainer.interval=20ms", "pagable.drainer.batch-size=100")
                .run((context) -> {
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    PagableDrainer drainer = context.getBean(PagableDrainer.class);
                    for (int i = 0; i < 150; i++) {
                        storage.arc(new Drawing("bad " + i, List.of(new Untagged(i))));
                    }
                    List<PagableArc<Circle>> good = new ArrayList<>();
                    for (int i = 0; i < 5_000; i++) {
                        good.add(storage.arc(new Circle(i)));
                    }
                    // one run takes every batch: a batch of only bad arcs must not end the run
                    await().atMost(Duration.ofSeconds(10))
                            .until(() -> drainer.stats().runs() >= 1);
                    await().atMost(Duration.ofSeconds(10)).until(() -> storage.pendingCount() == 0);
                    assertThat(good).allSatisfy((arc) -> assertThat(arc.key()).isPresent());
                    assertThat(drainer.stats().failedRuns()).isZero();
                    assertThat(storage.stats().unwritableArcs()).isEqualTo(150);
                });
    }

    @Test
    void healthStaysUpNamingTheUnwritableArcsAndEndpointAndMetricsCountThem() {
        contextRunner.run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            PagableDrainer drainer = context.getBean(PagableDrainer.class);
            storage.arc(new Drawing("bad", List.of(new Untagged(3))));
            storage.arc(new Circle(1));
            drainer.drain();

            Health health = new PagableHealthIndicator(storage, context.getBean(ContentStore.class), drainer).health();
            assertThat(health.getStatus()).isEqualTo(Status.UP);
            assertThat(health.getDetails()).containsEntry("degraded", true).containsEntry("unwritableArcs", 1L);
            assertThat(health.getDetails().get("unwritable"))
                    .asString()
                    .contains(Drawing.class.getName())
                    .contains("UnregisteredTypeException")
                    .contains(Untagged.class.getName());

            PagableEndpoint.PagableDescriptor descriptor = new PagableEndpoint(storage, null, drainer, null).pagable();
            assertThat(descriptor.unwritable().count()).isEqualTo(1);
            assertThat(descriptor.unwritable().recent())
                    .singleElement()
                    .satisfies((arc) -> assertThat(arc.type()).isEqualTo(Drawing.class.getName()));
            assertThat(descriptor.drainer().lastError()).isNull();

            SimpleMeterRegistry registry = new SimpleMeterRegistry();
            new PagableMetrics(storage, drainer, Tags.empty()).bindTo(registry);
            assertThat(registry.get("pagable.arcs.unwritable").functionCounter().count())
                    .isEqualTo(1);
        });
    }
}
