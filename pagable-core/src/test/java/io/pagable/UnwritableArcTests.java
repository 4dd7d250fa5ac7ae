package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Circle;
import io.pagable.model.Drawing;
import io.pagable.model.Linked;
import io.pagable.model.Payload;
import io.pagable.model.Triangle;
import io.pagable.store.InMemoryContentStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An arc whose value can never be written leaves the page-out queue, stays resident and is reported,
 * while every other arc pages out; failures of the store are still retried.
 */
class UnwritableArcTests {

    private final InMemoryContentStore store = new InMemoryContentStore();

    private final PagableStorage storage = PagableStorage.builder()
            .contentStore(new SharedStore(store))
            .registerTypes(Circle.class) // Triangle is not registered: a Drawing holding one is poison
            .maxNodeBytes(10_000)
            .build();

    private static Drawing poison() {
        return new Drawing("poison", new Triangle(3, 4), List.of(), Map.of());
    }

    private static Payload payload(int i) {
        return new Payload("good " + i, ("payload " + i).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void drainWritesEveryOtherArcAndTakesTheUnwritableOneOutOfTheQueue() {
        List<PagableArc<Payload>> good = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            good.add(storage.arc(payload(i)));
        }
        PagableArc<Drawing> bad = storage.arc(poison());
        for (int i = 500; i < 1_000; i++) {
            good.add(storage.arc(payload(i)));
        }

        assertThat(storage.pageOutPending()).isEqualTo(1_000);

        assertThat(good).allSatisfy((arc) -> assertThat(arc.isPagedOut()).isTrue());
        assertThat(storage.pendingCount()).isZero();
        assertThat(bad.isPagedOut()).isFalse();
        assertThat(bad.key()).isEmpty();
        assertThat(bad.get().title()).isEqualTo("poison");
        assertThat(storage.pageOutPending())
                .as("the next drain does not meet it again")
                .isZero();
        PagableStats stats = storage.stats();
        assertThat(stats.unwritableArcs()).isEqualTo(1);
        assertThat(stats.failedDrains()).isZero();
        assertThat(stats.lastError()).isNull();
        assertThat(stats.resident()).isEqualTo(1);
    }

    @Test
    void reportNamesTheValuesTypeAndTheReason() {
        storage.arc(poison());
        storage.pageOutPending();

        assertThat(storage.stats().recentUnwritable()).singleElement().satisfies((UnwritableArc arc) -> {
            assertThat(arc.type()).isEqualTo(Drawing.class.getName());
            assertThat(arc.reason()).startsWith("UnregisteredTypeException: ").contains(Triangle.class.getName());
            assertThat(arc.at()).isNotNull();
        });
    }

    @Test
    void saveOfAGraphHoldingTheUnwritableArcStillThrowsNamingIt() {
        record Holder(String name, PagableArc<Drawing> drawing) {}
        PagableArc<Drawing> bad = storage.arc(poison());
        storage.pageOutPending();

        assertThatExceptionOfType(UnregisteredTypeException.class)
                .isThrownBy(() -> storage.save(new Holder("h", bad)))
                .satisfies((ex) -> assertThat(ex.getType()).isEqualTo(Triangle.class));
        assertThatExceptionOfType(UnregisteredTypeException.class).isThrownBy(() -> storage.save(poison()));
        assertThat(storage.stats().unwritableArcs())
                .as("save reports by throwing")
                .isEqualTo(1);
    }

    @Test
    void arcHoldingAnUnwritableArcIsUnwritableTooAndTheOthersPageOut() {
        record Holder(String name, PagableArc<Drawing> drawing) {}
        PagableArc<Drawing> bad = storage.arc(poison());
        PagableArc<Holder> holder = storage.arc(new Holder("h", bad));
        PagableArc<Payload> good = storage.arc(payload(1));

        assertThat(storage.pageOutPending()).isEqualTo(1);

        assertThat(good.isPagedOut()).isTrue();
        assertThat(holder.isPagedOut()).isFalse();
        assertThat(holder.get().drawing().get().title()).isEqualTo("poison");
        assertThat(storage.pendingCount()).isZero();
        assertThat(storage.stats().unwritableArcs()).isEqualTo(2);
        assertThat(storage.stats().recentUnwritable())
                .extracting(UnwritableArc::type)
                .containsExactlyInAnyOrder(Drawing.class.getName(), Holder.class.getName());
    }

    @Test
    void arcOnACycleAndArcOverTheSizeLimitAreUnwritable() {
        Linked a = new Linked("a");
        a.next = new Linked("b");
        a.next.next = a;
        PagableArc<Linked> cycle = storage.arc(a);
        PagableArc<Payload> big = storage.arc(new Payload("big", new byte[20_000]));

        assertThat(storage.pageOutPending()).isZero();

        assertThat(cycle.get()).isSameAs(a);
        assertThat(big.get().data()).hasSize(20_000);
        assertThat(storage.pendingCount()).isZero();
        assertThat(storage.stats().recentUnwritable())
                .extracting(UnwritableArc::reason)
                .anySatisfy((reason) -> assertThat(reason).startsWith(CycleException.class.getSimpleName()))
                .anySatisfy(
                        (reason) -> assertThat(reason).startsWith(DataLimitExceededException.class.getSimpleName()));
    }

    @Test
    void recentListKeepsTheNewestTenAndTheCountKeepsAll() {
        for (int i = 0; i < 25; i++) {
            storage.arc(new Drawing("poison " + i, new Triangle(i, 1), List.of(), Map.of()));
        }
        storage.pageOutPending();

        assertThat(storage.stats().unwritableArcs()).isEqualTo(25);
        assertThat(storage.stats().recentUnwritable()).hasSize(UnwritableArcs.RECENT);
    }

    @Test
    void unwritableArcMetInADrainTheStoreFailsIsReportedOnceAndNotQueuedAgain() {
        CountingContentStore failing = new CountingContentStore();
        failing.failEveryNthPut = 1;
        PagableStorage onFailingStore =
                PagableStorage.builder().contentStore(failing).build();
        onFailingStore.arc(poison());
        PagableArc<Payload> good = onFailingStore.arc(payload(1));

        assertThatExceptionOfType(StoreException.class).isThrownBy(onFailingStore::pageOutPending);
        assertThat(onFailingStore.pendingCount()).isEqualTo(1);
        failing.failEveryNthPut = 0;

        assertThat(onFailingStore.pageOutPending()).isEqualTo(1);
        assertThat(good.isPagedOut()).isTrue();
        assertThat(onFailingStore.pendingCount()).isZero();
        assertThat(onFailingStore.stats().unwritableArcs()).isEqualTo(1);
    }

    @Test
    void storeFailureIsNotUnwritableTheArcsStayQueuedAndAreRetried() {
        CountingContentStore failing = new CountingContentStore();
        failing.failEveryNthPut = 1;
        PagableStorage onFailingStore =
                PagableStorage.builder().contentStore(failing).build();
        PagableArc<Payload> arc = onFailingStore.arc(payload(1));

        assertThatExceptionOfType(StoreException.class).isThrownBy(onFailingStore::pageOutPending);
        assertThat(onFailingStore.pendingCount()).isEqualTo(1);
        assertThat(onFailingStore.stats().unwritableArcs()).isZero();

        failing.failEveryNthPut = 0;
        assertThat(onFailingStore.pageOutPending()).isEqualTo(1);
        assertThat(arc.isPagedOut()).isTrue();
    }
}
