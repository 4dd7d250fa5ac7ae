package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Payload;
import io.pagable.model.Target;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ConcurrencyTests {

    private final CountingContentStore store = new CountingContentStore();

    private static Payload payload(String text) {
        return new Payload(text, text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void parallelLoadsOfValuesSharingOneNodeReadThatNodeOnce() throws Exception {
        Target shared = storeParentsSharing();
        CountingByKey counting = new CountingByKey(store);
        // read-ahead may read the shared node in several threads at once (it reads, never decodes);
        // this test is about the single-flight load, which reads it once
        PagableStorage reader =
                PagableStorage.builder().contentStore(counting).readAhead(0).build();

        List<Target> loaded = loadInParallel(reader);

        assertThat(counting.readsOf(sharedKey)).isEqualTo(1);
        Target first = loaded.get(0).deps().get(0);
        assertThat(loaded)
                .allSatisfy((parent) -> assertThat(parent.deps().get(0)).isSameAs(first));
        assertThat(first.name()).isEqualTo(shared.name());
    }

    @Test
    void parallelLoadsReadingAheadStillGiveOneInstanceOfTheSharedNode() throws Exception {
        storeParentsSharing();
        PagableStorage reader = PagableStorage.builder().contentStore(store).build();

        List<Target> loaded = loadInParallel(reader);

        Target first = loaded.get(0).deps().get(0);
        assertThat(loaded)
                .allSatisfy((parent) -> assertThat(parent.deps().get(0)).isSameAs(first));
        assertThat(first.payload().get().description()).isEqualTo("shared");
    }

    private final List<DataKey> parents = new ArrayList<>();

    private DataKey sharedKey;

    /** Stores 100 parents sharing one node; returns that node. */
    private Target storeParentsSharing() {
        PagableStorage writer =
                PagableStorage.builder().contentStore(new SharedStore(store)).build();
        Target shared = new Target("shared", List.of(), writer.arc(payload("shared")));
        for (int i = 0; i < 100; i++) {
            parents.add(writer.save(new Target("parent" + i, List.of(shared), writer.arc(payload("p" + i)))));
        }
        sharedKey = writer.save(shared);
        return shared;
    }

    /** Loads every parent at once from 8 threads. */
    private List<Target> loadInParallel(PagableStorage reader) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Target>> loads = new ArrayList<>();
            for (DataKey parent : parents) {
                loads.add(pool.submit(() -> {
                    start.await();
                    return reader.load(parent, Target.class);
                }));
            }
            start.countDown();
            List<Target> loaded = new ArrayList<>();
            for (Future<Target> load : loads) {
                loaded.add(load.get(30, TimeUnit.SECONDS));
            }
            return loaded;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void threadsCreatingGettingPinningAndDrainingLoseNothing() throws Exception {
        PagableStorage storage = PagableStorage.builder()
                .contentStore(store)
                .cacheMaximumSize(100)
                .build();
        ConcurrentLinkedQueue<PagableArc<Payload>> arcs = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        ExecutorService pool = Executors.newFixedThreadPool(5);
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            int worker = w;
            workers.add(pool.submit(() -> {
                int n = 0;
                while (System.nanoTime() < deadline) {
                    try {
                        String text = "w" + worker + "-" + n++;
                        PagableArc<Payload> arc = storage.arc(payload(text));
                        arcs.add(arc);
                        PagableArc<Payload> other = pick(arcs);
                        if (n % 2 == 0) {
                            try (Pinned<Payload> pin = other.pin()) {
                                checkConsistent(pin.get());
                            }
                        } else {
                            checkConsistent(other.get());
                        }
                        if (n % 50 == 0) {
                            storage.pageOutPending();
                        }
                    } catch (Throwable ex) {
                        errors.add(ex);
                    }
                }
            }));
        }
        workers.add(pool.submit(() -> {
            while (System.nanoTime() < deadline) {
                storage.pageOutPending(100);
            }
        }));
        for (Future<?> worker : workers) {
            worker.get(30, TimeUnit.SECONDS);
        }
        pool.shutdown();
        storage.pageOutPending();

        assertThat(errors).isEmpty();
        assertThat(storage.pendingCount()).isZero();
        assertThat(arcs).hasSizeGreaterThan(100).allSatisfy((arc) -> {
            assertThat(arc.key()).isPresent();
            checkConsistent(arc.get());
        });
        PagableStorage fresh =
                PagableStorage.builder().contentStore(new SharedStore(store)).build();
        for (PagableArc<Payload> arc : arcs) {
            checkConsistent(fresh.load(arc.key().orElseThrow(), Payload.class));
        }
    }

    @Test
    void storeFailingEveryThirdWriteLosesNothing() {
        store.failEveryNthPut = 3;
        PagableStorage storage =
                PagableStorage.builder().contentStore(store).writeBatchSize(5).build();
        List<PagableArc<Payload>> arcs = new ArrayList<>();
        int failures = 0;
        for (int round = 0; round < 30; round++) {
            for (int i = 0; i < 7; i++) {
                arcs.add(storage.arc(payload("r" + round + "-" + i)));
            }
            try {
                storage.pageOutPending();
            } catch (StoreException ex) {
                failures++;
                assertThat(ex).hasMessageContaining("Injected failure");
            }
        }
        assertThat(failures).isPositive();
        assertThat(storage.stats().lastError()).contains("Injected failure");
        assertThat(storage.stats().failedDrains()).isEqualTo(failures);

        store.failEveryNthPut = 0;
        storage.pageOutPending();

        assertThat(storage.pendingCount()).isZero();
        PagableStorage fresh =
                PagableStorage.builder().contentStore(new SharedStore(store)).build();
        for (int i = 0; i < arcs.size(); i++) {
            PagableArc<Payload> arc = arcs.get(i);
            assertThat(fresh.load(arc.key().orElseThrow(), Payload.class).description())
                    .isEqualTo(arc.get().description());
        }
    }

    @Test
    void failedWriteLeavesArcsResidentAndQueued() {
        store.failEveryNthPut = 1;
        PagableStorage storage = PagableStorage.builder().contentStore(store).build();
        PagableArc<Payload> arc = storage.arc(payload("keep me"));

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(storage::pageOutPending)
                .withMessageContaining("stay resident and queued");

        assertThat(arc.isPagedOut()).isFalse();
        assertThat(arc.key()).isEmpty();
        assertThat(storage.pendingCount()).isEqualTo(1);
        store.failEveryNthPut = 0;
        assertThat(storage.pageOutPending()).isEqualTo(1);
        assertThat(arc.isPagedOut()).isTrue();
    }

    @Test
    void concurrentDrainsOfGraphsSharingNodesNeverWriteANodeTwice() throws Exception {
        PagableStorage storage = PagableStorage.builder().contentStore(store).build();
        List<Target> shared = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            shared.add(new Target(
                    "shared" + i, List.copyOf(shared.subList(Math.max(0, i - 3), i)), storage.arc(payload("s" + i))));
        }
        for (int i = 0; i < 400; i++) {
            storage.arc(new Target(
                    "root" + i, List.of(shared.get(i % 50), shared.get((i * 7) % 50)), storage.arc(payload("r" + i))));
        }
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<Integer>> drains = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                drains.add(pool.submit(() -> storage.pageOutPending(37)));
            }
            for (Future<Integer> drain : drains) {
                drain.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        storage.pageOutPending();

        assertThat(storage.pendingCount()).isZero();
        assertThat(store.nodesPut.get()).isEqualTo(store.stats().entries());
    }

    private static PagableArc<Payload> pick(ConcurrentLinkedQueue<PagableArc<Payload>> arcs) {
        List<PagableArc<Payload>> snapshot = new ArrayList<>(arcs);
        return snapshot.get(ThreadLocalRandom.current().nextInt(snapshot.size()));
    }

    private static void checkConsistent(Payload payload) {
        assertThat(new String(payload.data(), StandardCharsets.UTF_8)).isEqualTo(payload.description());
    }
}
