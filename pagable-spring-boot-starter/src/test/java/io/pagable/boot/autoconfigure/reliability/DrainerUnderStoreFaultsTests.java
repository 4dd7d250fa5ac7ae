package io.pagable.boot.autoconfigure.reliability;

import static io.pagable.store.tck.FaultInjectingContentStore.Operation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.StoreException;
import io.pagable.boot.actuate.endpoint.PagableEndpoint;
import io.pagable.boot.actuate.endpoint.PagableEndpoint.PagableDescriptor;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.autoconfigure.endpoint.PagableEndpointAutoConfiguration;
import io.pagable.boot.autoconfigure.health.PagableHealthContributorAutoConfiguration;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.boot.autoconfigure.model.Shape;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.FaultInjectingContentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter's drainer, health indicator and endpoint on a store that fails: every 3rd write, or
 * every write for a while. No arc's value is lost, the drainer keeps retrying with back-off, health
 * goes DOWN while the last drain failed and UP again after one succeeds, the endpoint counts the
 * failures and shows the last error, and when the store recovers everything pending is written.
 */
class DrainerUnderStoreFaultsTests {

    private final InMemoryContentStore backing = new InMemoryContentStore();

    private final FaultInjectingContentStore store = new FaultInjectingContentStore(backing);

    private final ApplicationContextRunner withoutStore = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PagableAutoConfiguration.class,
                    PagableEndpointAutoConfiguration.class,
                    PagableHealthContributorAutoConfiguration.class))
            .withPropertyValues(
                    "management.endpoints.web.exposure.include=pagable",
                    "pagable.types.packages=io.pagable.boot.autoconfigure.model",
                    "pagable.cache.maximum-size=0");

    private final ApplicationContextRunner contextRunner = withoutStore.withBean(ContentStore.class, () -> store);

    @Test
    void everyThirdWriteFailingTurnsHealthDownAndUpAndTheEndpointCountsItLosingNothing() {
        contextRunner
                .withPropertyValues("pagable.drainer.interval=1h", "pagable.drainer.batch-size=5")
                .run((context) -> {
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    PagableDrainer drainer = context.getBean(PagableDrainer.class);
                    List<PagableArc<Drawing>> drawings = drawings(storage, 60);
                    store.failEvery(WRITE, 3);
                    int failed = 0;
                    int upAfterFailure = 0;
                    for (int attempt = 0; storage.pendingCount() > 0; attempt++) {
                        assertThat(attempt).as("drains attempted").isLessThan(100);
                        try {
                            drainer.drain();
                            assertThat(health(context).getStatus()).isEqualTo(Status.UP);
                            assertThat(descriptor(context).drainer().lastError())
                                    .isNull();
                            upAfterFailure += (failed > 0) ? 1 : 0;
                        } catch (StoreException ex) {
                            failed++;
                            Health health = health(context);
                            assertThat(health.getStatus()).isEqualTo(Status.DOWN);
                            assertThat(health.getDetails().get("error").toString())
                                    .contains("Injected fault");
                            PagableDescriptor descriptor = descriptor(context);
                            assertThat(descriptor.drainer().failedRuns()).isEqualTo(failed);
                            assertThat(descriptor.drainer().lastError()).contains("Injected fault");
                            assertValuesKept(drawings);
                        }
                    }
                    assertThat(failed).isPositive();
                    assertThat(upAfterFailure + (health(context).getStatus() == Status.UP ? 1 : 0))
                            .isPositive();
                    assertThat(descriptor(context).pending()).isZero();
                    assertAllStored(drawings);
                });
    }

    @Test
    void scheduledDrainerKeepsRetryingWhileEveryThirdWriteFailsUntilEverythingIsWritten() {
        contextRunner
                .withPropertyValues("pagable.drainer.interval=20ms", "pagable.drainer.batch-size=5")
                .run((context) -> {
                    store.failEvery(WRITE, 3);
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    List<PagableArc<Drawing>> drawings = drawings(storage, 60);

                    await().atMost(Duration.ofSeconds(30)).until(() -> storage.pendingCount() == 0);

                    assertThat(store.failures(WRITE)).isPositive();
                    assertThat(descriptor(context).drainer().failedRuns()).isPositive();
                    assertAllStored(drawings);
                });
    }

    @Test
    void storeDownForAWhileIsRetriedWithGrowingBackOffAndEverythingPendingIsWrittenWhenItRecovers() {
        List<Long> attempts = new CopyOnWriteArrayList<>();
        ContentStore timed = new ForwardingContentStore(store) {
            @Override
            public void putAll(List<StoredNode> nodes) {
                attempts.add(System.nanoTime());
                super.putAll(nodes);
            }
        };
        withoutStore
                .withBean(ContentStore.class, () -> timed)
                .withPropertyValues("pagable.drainer.interval=40ms")
                .run((context) -> {
                    store.failAlways(WRITE);
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    List<PagableArc<Drawing>> drawings = drawings(storage, 20);

                    await().atMost(Duration.ofSeconds(30)).until(() -> store.failures(WRITE) >= 4);

                    assertThat(health(context).getStatus()).isEqualTo(Status.DOWN);
                    PagableDescriptor descriptor = descriptor(context);
                    assertThat(descriptor.drainer().failedRuns()).isGreaterThanOrEqualTo(4);
                    assertThat(descriptor.drainer().lastError()).contains("Injected fault");
                    assertThat(descriptor.pending()).isEqualTo(20L);
                    assertValuesKept(drawings);
                    // After the k-th failure in a row the drainer waits at least interval * 2^(k-1).
                    for (int k = 1; k < 4; k++) {
                        long gap = attempts.get(k) - attempts.get(k - 1);
                        assertThat(Duration.ofNanos(gap))
                                .as("wait before attempt %d", k + 1)
                                .isGreaterThanOrEqualTo(Duration.ofMillis(40L << (k - 1)));
                    }

                    store.heal();

                    await().atMost(Duration.ofMinutes(2)).until(() -> storage.pendingCount() == 0);
                    assertThat(health(context).getStatus()).isEqualTo(Status.UP);
                    assertThat(descriptor(context).drainer().lastError()).isNull();
                    assertAllStored(drawings);
                });
    }

    @Test
    void onDemandDrainOfTheEndpointReportsTheStoreFailureAndLeavesEverythingPending() {
        contextRunner.withPropertyValues("pagable.drainer.interval=1h").run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            List<PagableArc<Drawing>> drawings = drawings(storage, 10);
            store.failAlways(WRITE);

            assertThatExceptionOfType(StoreException.class)
                    .isThrownBy(() -> context.getBean(PagableEndpoint.class).drain())
                    .withMessageContaining("Injected fault");

            assertThat(storage.pendingCount()).isEqualTo(10);
            assertValuesKept(drawings);
            store.heal();
            assertThat(context.getBean(PagableEndpoint.class).drain().pending()).isZero();
            assertAllStored(drawings);
        });
    }

    private static List<PagableArc<Drawing>> drawings(PagableStorage storage, int count) {
        List<PagableArc<Drawing>> drawings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            drawings.add(storage.arc(drawing(i)));
        }
        return drawings;
    }

    private static Drawing drawing(int i) {
        List<Shape> shapes = new ArrayList<>();
        for (int j = 0; j <= i % 7; j++) {
            shapes.add(new Circle(i * 10 + j));
        }
        return new Drawing("drawing " + i, shapes);
    }

    private static void assertValuesKept(List<PagableArc<Drawing>> drawings) {
        for (int i = 0; i < drawings.size(); i++) {
            PagableArc<Drawing> arc = drawings.get(i);
            if (arc.key().isEmpty()) {
                assertThat(arc.isPagedOut()).isFalse();
            }
            assertThat(arc.get()).isEqualTo(drawing(i));
        }
    }

    /** Every drawing is in the store and reads back right through a new engine (a restarted application). */
    private void assertAllStored(List<PagableArc<Drawing>> drawings) {
        PagableStorage restarted = PagableStorage.builder()
                .contentStore(backing)
                .registerTypes(Circle.class)
                .build();
        for (int i = 0; i < drawings.size(); i++) {
            DataKey key = drawings.get(i).key().orElseThrow();
            assertThat(restarted.load(key, Drawing.class)).isEqualTo(drawing(i));
        }
    }

    private static Health health(AssertableApplicationContext context) {
        return context.getBean(PagableHealthIndicator.class).health(true);
    }

    private static PagableDescriptor descriptor(AssertableApplicationContext context) {
        return context.getBean(PagableEndpoint.class).pagable();
    }
}
