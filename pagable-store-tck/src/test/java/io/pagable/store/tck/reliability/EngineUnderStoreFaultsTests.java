package io.pagable.store.tck.reliability;

import static io.pagable.store.tck.FaultInjectingContentStore.Operation.FLUSH;
import static io.pagable.store.tck.FaultInjectingContentStore.Operation.READ;
import static io.pagable.store.tck.FaultInjectingContentStore.Operation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableException;
import io.pagable.PagableStorage;
import io.pagable.Pinned;
import io.pagable.StoreException;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.tck.FaultInjectingContentStore;
import io.pagable.store.tck.Values;
import io.pagable.store.tck.Values.Doc;
import io.pagable.store.tck.Values.Item;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The engine on a store that fails: writes that fail every few calls or half-way through a batch,
 * failing flushes and reads, latency, all while other threads create, read and pin. No arc's value
 * is ever lost or wrong, and once the store works again everything pending is written.
 */
class EngineUnderStoreFaultsTests {

    private static final int ITEMS = 5;

    private static final int ITEM_LENGTH = 200;

    private final InMemoryContentStore backing = new InMemoryContentStore();

    private final FaultInjectingContentStore store = new FaultInjectingContentStore(backing);

    private PagableStorage storage(int writeBatchSize) {
        return PagableStorage.builder()
                .contentStore(store)
                .writeBatchSize(writeBatchSize)
                .cacheMaximumSize(0)
                .build();
    }

    /** A second engine on the same data, with nothing cached: what a restarted application would read. */
    private PagableStorage reader() {
        return PagableStorage.builder().contentStore(backing).build();
    }

    @Test
    void everyThirdWriteFailingLosesNoValueAndRecoveryWritesEverythingPending() {
        PagableStorage storage = storage(20);
        store.failEvery(WRITE, 3);
        List<PagableArc<Doc>> docs = new ArrayList<>();
        int failures = 0;
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < 10; i++) {
                docs.add(Values.doc(storage, round * 10L + i, ITEMS, ITEM_LENGTH));
            }
            try {
                storage.pageOutPending(25);
            } catch (StoreException ex) {
                assertThat(ex).hasMessageContaining("Injected fault").hasMessageContaining("stay resident and queued");
                failures++;
            }
            assertEveryArcWrittenOrPendingWithItsValue(storage, docs);
        }
        assertThat(failures).isPositive();
        assertThat(store.failures(WRITE)).isPositive();
        assertThat(storage.pendingCount()).isPositive();
        assertThat(storage.stats().failedDrains()).isEqualTo(failures);
        assertThat(storage.stats().lastError()).contains("Injected fault");

        store.heal();
        storage.pageOutPending();

        assertThat(storage.pendingCount()).isZero();
        assertAllWrittenAndReadableAfterRestart(docs);
        assertThat(storage.stats().resident()).isZero();
    }

    @Test
    void writesFailingHalfWayThroughTheirBatchAreRetriedWithoutDuplicates() {
        // 10 roots make at most 60 nodes: one putAll per drain, so every other drain fails half-way
        PagableStorage storage = storage(100);
        store.failEvery(WRITE, 2).failMidBatch(15);
        List<PagableArc<Doc>> docs = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            docs.add(Values.doc(storage, i, ITEMS, ITEM_LENGTH));
        }
        drainUntilEmpty(storage, 1000);
        assertThat(store.failures(WRITE)).isPositive();

        assertAllWrittenAndReadableAfterRestart(docs);
        assertThat(backing.stats()).isEqualTo(storedWithoutFaults(200));
    }

    @Test
    void failingFlushesKeepTheArcsQueuedUntilAFlushSucceeds() {
        PagableStorage storage = storage(1000);
        store.failAlways(FLUSH);
        List<PagableArc<Doc>> docs = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            docs.add(Values.doc(storage, i, ITEMS, ITEM_LENGTH));
        }

        assertThatExceptionOfType(StoreException.class).isThrownBy(storage::pageOutPending);

        // The nodes reached the store, but it did not confirm them durable: no arc counts as written.
        assertThat(storage.pendingCount()).isEqualTo(50L * (ITEMS + 1));
        assertEveryArcWrittenOrPendingWithItsValue(storage, docs);
        assertThat(docs).allSatisfy((arc) -> assertThat(arc.key()).isEmpty());
        store.heal(FLUSH);
        storage.pageOutPending();
        assertAllWrittenAndReadableAfterRestart(docs);
    }

    @Test
    void failingReadsFailThePageInAndARetryReadsTheRightValue() {
        PagableStorage storage = storage(1000);
        List<PagableArc<Doc>> docs = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            docs.add(Values.doc(storage, i, ITEMS, ITEM_LENGTH));
        }
        storage.pageOutPending();
        List<DataKey> keys = docs.stream().map((arc) -> arc.key().orElseThrow()).toList();
        docs.clear();
        System.gc();
        store.failEvery(READ, 3);
        PagableStorage restarted =
                PagableStorage.builder().contentStore(store).cacheMaximumSize(0).build();

        AtomicLong failed = new AtomicLong();
        for (int i = 0; i < keys.size(); i++) {
            PagableArc<Doc> arc = restarted.arc(keys.get(i), Doc.class);
            Doc doc = withRetries(arc::get, failed);
            assertThat(doc.id()).isEqualTo(i);
            for (PagableArc<Item> item : doc.items()) {
                withRetries(item::get, failed).checked();
            }
            doc.checked(ITEMS, ITEM_LENGTH);
        }
        assertThat(failed).hasPositiveValue();
        assertThat(store.failures(READ)).isEqualTo(failed.get());
    }

    @Test
    @Timeout(value = 2, unit = TimeUnit.MINUTES)
    void concurrentCreatorsDrainersAndReadersLoseNothingWhileTheStoreMisbehaves() throws Exception {
        PagableStorage storage = storage(16);
        store.failEvery(WRITE, 3).failMidBatch(5).failEvery(READ, 7).latency(WRITE, Duration.ofMillis(1));
        ConcurrentLinkedQueue<PagableArc<Doc>> docs = new ConcurrentLinkedQueue<>();
        List<Throwable> unexpected = new CopyOnWriteArrayList<>();
        AtomicBoolean creating = new AtomicBoolean(true);
        AtomicLong injectedSeen = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> creators = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                long first = t * 1_000L;
                creators.add(pool.submit(() -> {
                    for (int i = 0; i < 150; i++) {
                        docs.add(Values.doc(storage, first + i, ITEMS, ITEM_LENGTH));
                    }
                }));
            }
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                workers.add(pool.submit(() -> {
                    while (creating.get() || storage.pendingCount() > 0) {
                        try {
                            if (storage.pageOutPending(30) == 0) {
                                Thread.sleep(1);
                            }
                        } catch (StoreException ex) {
                            injectedSeen.incrementAndGet();
                        } catch (Throwable ex) {
                            unexpected.add(ex);
                            return;
                        }
                    }
                }));
                workers.add(pool.submit(() -> {
                    while (creating.get()) {
                        readOrPinSome(docs, unexpected, injectedSeen);
                    }
                }));
            }
            for (Future<?> creator : creators) {
                creator.get();
            }
            // Keep the faults on until drains and reads have met them a few times, then let the store recover.
            while (store.failures(WRITE) < 10 || store.failures(READ) < 10) {
                assertThat(unexpected).isEmpty();
                Thread.sleep(10);
            }
            store.heal();
            creating.set(false);
            for (Future<?> worker : workers) {
                worker.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(unexpected).isEmpty();
        assertThat(injectedSeen).hasPositiveValue();
        storage.pageOutPending();
        assertThat(storage.pendingCount()).isZero();
        assertAllWrittenAndReadableAfterRestart(new ArrayList<>(docs));
    }

    private static void readOrPinSome(
            ConcurrentLinkedQueue<PagableArc<Doc>> docs, List<Throwable> unexpected, AtomicLong injectedSeen) {
        int n = 0;
        for (PagableArc<Doc> arc : docs) {
            if (n++ > 50) {
                return;
            }
            try {
                if (ThreadLocalRandom.current().nextBoolean()) {
                    arc.get().checked(ITEMS, ITEM_LENGTH);
                } else {
                    try (Pinned<Doc> pinned = arc.pin()) {
                        pinned.get().checked(ITEMS, ITEM_LENGTH);
                        assertThat(arc.isPagedOut()).isFalse();
                    }
                }
            } catch (StoreException ex) {
                injectedSeen.incrementAndGet();
            } catch (Throwable ex) {
                unexpected.add(ex);
            }
        }
    }

    /** Each read is one store call, and every 3rd one fails: the 2nd attempt always works. */
    private static <T> T withRetries(Supplier<T> read, AtomicLong failed) {
        try {
            return read.get();
        } catch (PagableException ex) {
            assertThat(ex).isInstanceOf(StoreException.class).hasMessageContaining("Injected fault");
            failed.incrementAndGet();
            return read.get();
        }
    }

    private static void drainUntilEmpty(PagableStorage storage, int maxAttempts) {
        for (int attempt = 0; storage.pendingCount() > 0; attempt++) {
            assertThat(attempt).as("drains attempted").isLessThan(maxAttempts);
            try {
                storage.pageOutPending(10);
            } catch (StoreException ex) {
                // retried by the next call, as the Spring drainer would
            }
        }
    }

    /**
     * Every arc either has a key the store holds, or is resident with its value and counted pending;
     * and every value reads back right (from the heap or the store).
     */
    private void assertEveryArcWrittenOrPendingWithItsValue(PagableStorage storage, List<PagableArc<Doc>> docs) {
        long unwritten = 0;
        for (PagableArc<Doc> arc : docs) {
            if (arc.key().isPresent()) {
                assertThat(backing.contains(arc.key().get())).isTrue();
            } else {
                assertThat(arc.isPagedOut()).isFalse();
                unwritten++;
            }
            Doc doc = arc.get().checked(ITEMS, ITEM_LENGTH);
            for (PagableArc<Item> item : doc.items()) {
                if (item.key().isEmpty()) {
                    assertThat(item.isPagedOut()).isFalse();
                    unwritten++;
                } else {
                    assertThat(backing.contains(item.key().get())).isTrue();
                }
            }
        }
        assertThat(storage.pendingCount()).isEqualTo(unwritten);
    }

    private void assertAllWrittenAndReadableAfterRestart(List<PagableArc<Doc>> docs) {
        PagableStorage restarted = reader();
        for (PagableArc<Doc> arc : docs) {
            assertThat(arc.key()).isPresent();
            Doc original = arc.get();
            Doc reread = restarted.load(arc.key().get(), Doc.class);
            assertThat(reread.id()).isEqualTo(original.id());
            reread.checked(ITEMS, ITEM_LENGTH);
        }
    }

    /** What the same documents take in a store that never failed. */
    private static StoreStats storedWithoutFaults(int count) {
        InMemoryContentStore clean = new InMemoryContentStore();
        PagableStorage storage = PagableStorage.builder().contentStore(clean).build();
        for (int i = 0; i < count; i++) {
            Values.doc(storage, i, ITEMS, ITEM_LENGTH);
        }
        storage.pageOutPending();
        return clean.stats();
    }
}
