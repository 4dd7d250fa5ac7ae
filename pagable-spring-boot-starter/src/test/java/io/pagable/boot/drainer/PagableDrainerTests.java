package io.pagable.boot.drainer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.store.ContentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.config.TaskManagementConfigUtils;

@ExtendWith(OutputCaptureExtension.class)
class PagableDrainerTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class))
            .withPropertyValues("pagable.store.type=memory", "pagable.drainer.interval=20ms");

    @Test
    void drainsPendingArcsOnTheInterval() {
        contextRunner.run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            List<PagableArc<Circle>> arcs = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                arcs.add(storage.arc(new Circle(i)));
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> storage.pendingCount() == 0);
            assertThat(arcs).allSatisfy((arc) -> assertThat(arc.key()).isPresent());
            PagableDrainer drainer = context.getBean(PagableDrainer.class);
            assertThat(drainer.stats().arcsPagedOut()).isEqualTo(50);
            assertThat(drainer.stats().runs()).isPositive();
            assertThat(drainer.stats().failedRuns()).isZero();
            assertThat(storage.stats().lastDrainAt()).isNotNull();
        });
    }

    @Test
    void drainsInBatchesOnSeveralThreads() {
        contextRunner
                .withPropertyValues("pagable.drainer.batch-size=3", "pagable.drainer.threads=2")
                .run((context) -> {
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    for (int i = 0; i < 100; i++) {
                        storage.arc(new Circle(i));
                    }
                    await().atMost(Duration.ofSeconds(10)).until(() -> storage.pendingCount() == 0);
                    assertThat(context.getBean(PagableDrainer.class).stats().arcsPagedOut())
                            .isEqualTo(100);
                });
    }

    @Test
    void doesNotRunTheApplicationsScheduledMethodsWithoutEnableScheduling() {
        contextRunner.withBean(ScheduledCounter.class).run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            storage.arc(new Circle(1));
            await().atMost(Duration.ofSeconds(10)).until(() -> storage.pendingCount() == 0);
            Thread.sleep(100);
            assertThat(context.getBean(ScheduledCounter.class).runs).hasValue(0);
            assertThat(context).doesNotHaveBean(TaskManagementConfigUtils.SCHEDULED_ANNOTATION_PROCESSOR_BEAN_NAME);
        });
    }

    @Test
    void stopDrainsWhatIsPendingBeforeTheStoreCloses() {
        contextRunner.withPropertyValues("pagable.drainer.interval=1h").run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            PagableArc<Circle> arc = storage.arc(new Circle(3));
            assertThat(storage.pendingCount()).isEqualTo(1);
            context.getBean(PagableDrainer.class).stop();
            assertThat(storage.pendingCount()).isZero();
            assertThat(arc.key()).isPresent();
            assertThat(context.getBean(ContentStore.class).contains(arc.key().orElseThrow()))
                    .isTrue();
        });
    }

    @Test
    void failingStoreIsLoggedOnceCountedBackedOffAndRetriedUntilItWorks(CapturedOutput output) {
        FailingContentStore store = new FailingContentStore();
        store.failing = "disk on fire";
        contextRunner.withBean(ContentStore.class, () -> store).run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            PagableDrainer drainer = context.getBean(PagableDrainer.class);
            PagableArc<Circle> arc = storage.arc(new Circle(7));
            await().atMost(Duration.ofSeconds(10)).until(() -> drainer.stats().failedRuns() >= 3);
            assertThat(drainer.isRunning()).isTrue();
            assertThat(storage.stats().lastError()).contains("disk on fire");
            assertThat(drainer.stats().consecutiveFailures()).isGreaterThanOrEqualTo(3);
            assertThat(storage.pendingCount()).isEqualTo(1);
            // More arcs change the wrapper's node count, not the error: still logged once.
            storage.arc(new Circle(8));
            storage.arc(new Circle(9));
            Thread.sleep(1_000);
            // Without back-off a 20ms interval would make about 50 attempts in a second.
            assertThat(store.attempts).hasSizeLessThan(12);
            List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < store.attempts.size(); i++) {
                gaps.add(store.attempts.get(i) - store.attempts.get(i - 1));
            }
            assertThat(gaps.get(gaps.size() - 1)).isGreaterThan(gaps.get(0));
            assertThat(occurrences(output.toString(), WARNING)).isEqualTo(1);

            store.failing = "disk still on fire";
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> String.valueOf(storage.stats().lastError()).contains("still"));
            assertThat(occurrences(output.toString(), WARNING)).isEqualTo(2);

            store.failing = null;
            await().atMost(Duration.ofSeconds(10)).until(() -> storage.pendingCount() == 0);
            assertThat(arc.key()).isPresent();
            assertThat(drainer.stats().consecutiveFailures()).isZero();
            assertThat(output).contains("Pagable drains work again after");
        });
    }

    private static final String WARNING = "Pagable drain failed;";

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + 1)) {
            count++;
        }
        return count;
    }

    static class ScheduledCounter {

        final AtomicInteger runs = new AtomicInteger();

        @Scheduled(fixedDelay = 5)
        void count() {
            runs.incrementAndGet();
        }
    }
}
