package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

import io.pagable.GarbageCollection.Outcome;
import io.pagable.model.Catalog;
import io.pagable.model.Item;
import io.pagable.store.ContentStore;
import io.pagable.store.DeletedNodes;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.NodeSummary;
import io.pagable.store.StoreStats;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * The garbage collector deletes what nothing reaches and never what something live reaches: a named
 * root, an arc of a running instance, a write or a duplicate found within the grace period, a save in
 * flight. Each test tries to make it delete something live.
 */
class GarbageCollectionTests {

    private static final int ITEMS = 1_500;

    private final InMemoryContentStore store = new InMemoryContentStore();

    /** An engine on the shared store that renews its lease every 50 ms, as a running instance does. */
    private static PagableStorage instance(ContentStore store, Duration grace) {
        return PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .gcGracePeriod(grace)
                .lease(Duration.ofSeconds(2), Duration.ofMillis(50))
                .build();
    }

    /** Saves versions 0 to {@code last} under one root name from an instance that then closes. */
    private static void saveVersions(ContentStore store, int last) {
        try (PagableStorage writer = instance(store, Duration.ZERO)) {
            for (int version = 0; version <= last; version++) {
                writer.saveRoot("catalog", Catalogs.version(writer, ITEMS, version));
            }
        }
    }

    /** What a store holding only the given version of the catalog holds. */
    private static StoreStats freshStoreOf(int version) {
        InMemoryContentStore fresh = new InMemoryContentStore();
        try (PagableStorage writer = instance(fresh, Duration.ZERO)) {
            writer.saveRoot("catalog", Catalogs.version(writer, ITEMS, version));
        }
        return fresh.stats();
    }

    private static void assertCatalogLoads(ContentStore store, String root, int version) {
        try (PagableStorage reader = instance(store, Duration.ZERO)) {
            Catalogs.assertComplete(reader.loadRoot(root, Catalog.class).orElseThrow(), ITEMS, version);
        }
    }

    @Test
    void aCollectionKeepsTheNewestVersionAndReclaimsEveryOlderOne() {
        saveVersions(store, 4);
        StoreStats before = store.stats();

        GarbageCollection collection;
        try (PagableStorage collector = instance(store, Duration.ZERO)) {
            collection = collector.collectGarbage();
        }

        StoreStats fresh = freshStoreOf(4);
        assertThat(collection.outcome()).isEqualTo(Outcome.COMPLETED);
        assertThat(store.stats())
                .as("the same nodes as a store of version 4 alone")
                .isEqualTo(fresh);
        assertThat(collection.nodesDeleted()).isEqualTo(before.entries() - fresh.entries());
        assertThat(collection.bytesDeleted()).isEqualTo(before.bytes() - fresh.bytes());
        assertThat(collection.nodesMarked()).isEqualTo(fresh.entries());
        assertThat(collection.roots()).isEqualTo(1);
        assertCatalogLoads(store, "catalog", 4);
    }

    @Test
    void arcsThatARunningInstanceHoldsKeepAnOldVersionUntilTheInstanceCloses() {
        saveVersions(store, 0);
        PagableStorage reader = instance(store, Duration.ZERO);
        Catalog held = reader.loadRoot("catalog", Catalog.class).orElseThrow(); // its items paged out, unread
        saveVersions(store, 3); // versions 0 to 3 again; the root now names version 3

        try (PagableStorage collector = instance(store, Duration.ZERO)) {
            GarbageCollection first = collector.collectGarbage();
            assertThat(first.nodesDeleted()).as("versions 1 and 2 go").isPositive();

            Catalogs.assertComplete(held, ITEMS, 0); // every item of version 0 pages in from the store
            reader.close();

            collector.collectGarbage();
        }
        assertThat(store.stats()).isEqualTo(freshStoreOf(3));
    }

    @Test
    void anArcMadeFromTheKeyOfAnOldVersionKeepsItWhileReachable() {
        saveVersions(store, 0);
        DataKey oldItem;
        try (PagableStorage reader = instance(store, Duration.ZERO)) {
            oldItem = reader.loadRoot("catalog", Catalog.class)
                    .orElseThrow()
                    .items()
                    .get(7)
                    .key()
                    .orElseThrow();
        }
        saveVersions(store, 1);

        try (PagableStorage holder = instance(store, Duration.ZERO);
                PagableStorage collector = instance(store, Duration.ZERO)) {
            PagableArc<Item> arc = holder.arc(oldItem, Item.class);
            assertThat(collector.collectGarbage().nodesDeleted()).isPositive();
            assertThat(arc.get()).isEqualTo(Catalogs.item(7, 0));
        }
    }

    @Test
    void nodesWrittenWithinTheGracePeriodAreKeptAndDeletedAfterIt() {
        MutableClock clock = new MutableClock();
        InMemoryContentStore timed = new InMemoryContentStore(clock);
        saveVersions(timed, 0);
        DataKey unnamed;
        try (PagableStorage writer = instance(timed, Duration.ZERO)) {
            unnamed = writer.save(new Item("kept by nothing but its age", 1, "text"));
        }

        try (PagableStorage collector = instance(timed, Duration.ofMinutes(10))) {
            clock.advance(Duration.ofMinutes(9));
            assertThat(collector.collectGarbage().nodesDeleted()).isZero();
            assertThat(timed.contains(unnamed)).isTrue();

            clock.advance(Duration.ofMinutes(2));
            GarbageCollection late = collector.collectGarbage();
            assertThat(late.nodesDeleted()).isEqualTo(1);
            assertThat(timed.contains(unnamed)).isFalse();
        }
        assertCatalogLoads(timed, "catalog", 0);
    }

    @Test
    void aDuplicateWrittenWhileTheCollectorDeletesTheSameNodeIsKept() throws Exception {
        saveVersions(store, 0);
        saveVersions(store, 1); // version 0 is garbage now
        CountDownLatch deleting = new CountDownLatch(1);
        CountDownLatch written = new CountDownLatch(1);
        ContentStore pausing = new ForwardingContentStore(store) {
            private final AtomicBoolean first = new AtomicBoolean(true);

            @Override
            public DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
                if (first.getAndSet(false)) {
                    deleting.countDown(); // the garbage is chosen: version 0 among it
                    awaitLatch(written);
                }
                return super.deleteUntouched(keys, touchedBefore);
            }
        };
        CompletableFuture<GarbageCollection> collection;
        try (PagableStorage collector = instance(pausing, Duration.ZERO)) {
            collection = CompletableFuture.supplyAsync(collector::collectGarbage);
            assertThat(deleting.await(30, TimeUnit.SECONDS)).isTrue();
            try (PagableStorage writer = instance(store, Duration.ZERO)) {
                writer.saveRoot("again", Catalogs.version(writer, ITEMS, 0)); // every node of version 0, again
            }
            written.countDown();
            collection.get(30, TimeUnit.SECONDS);
        }

        assertCatalogLoads(store, "again", 0);
        assertCatalogLoads(store, "catalog", 1);
    }

    @Test
    void savesAndDrainsDuringCollectionsLoseNothing() throws Exception {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger collections = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        try (PagableStorage writer = instance(store, Duration.ZERO);
                PagableStorage collector = instance(store, Duration.ZERO)) {
            writer.saveRoot("catalog", Catalogs.version(writer, ITEMS, 0));
            Thread collecting = new Thread(() -> {
                try {
                    while (!stop.get()) {
                        collector.collectGarbage();
                        collections.incrementAndGet();
                    }
                } catch (Throwable ex) {
                    failure.set(ex);
                }
            });
            collecting.start();
            for (int version = 1; version <= 12; version++) {
                Catalog catalog = Catalogs.version(writer, ITEMS, version);
                if (version % 2 == 0) {
                    writer.pageOutPending(); // the items page out first, the catalog later
                }
                writer.saveRoot("catalog", catalog);
                try (PagableStorage reader = instance(store, Duration.ZERO)) {
                    Catalogs.assertComplete(
                            reader.loadRoot("catalog", Catalog.class).orElseThrow(), ITEMS, version);
                }
            }
            stop.set(true);
            collecting.join(30_000);
        }
        assertThat(failure.get()).isNull();
        assertThat(collections.get()).isPositive();
        assertCatalogLoads(store, "catalog", 12);
    }

    @Test
    void aCollectorThatDiesMidwayLosesNothingLiveAndTheNextCollectionFinishes() {
        saveVersions(store, 5);
        AtomicInteger deletes = new AtomicInteger();
        ContentStore dying = new ForwardingContentStore(store) {
            @Override
            public DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
                if (deletes.incrementAndGet() == 1) { // half the batch, then the process is gone
                    List<DataKey> all = new ArrayList<>(keys);
                    super.deleteUntouched(all.subList(0, all.size() / 2), touchedBefore);
                    throw new StoreException("killed in the middle of the sweep");
                }
                return super.deleteUntouched(keys, touchedBefore);
            }

            @Override
            public void unlockCollection(String holder) {
                // a killed process releases nothing: its lock has to lapse
            }

            @Override
            public void releaseLease(String holder) {
                // nor its lease
            }
        };
        try (PagableStorage collector = instance(dying, Duration.ZERO)) {
            assertThatExceptionOfType(StoreException.class).isThrownBy(collector::collectGarbage);
            assertThat(collector.stats().lastCollectionError()).contains("killed in the middle");
        }
        assertCatalogLoads(store, "catalog", 5);

        try (PagableStorage next = instance(store, Duration.ZERO)) {
            assertThat(next.collectGarbage().outcome())
                    .as("the dead collector's lock has not lapsed yet")
                    .isEqualTo(Outcome.SKIPPED_ANOTHER_RUNNING);
            await().atMost(Duration.ofSeconds(10))
                    .until(() -> next.collectGarbage().outcome() == Outcome.COMPLETED);
        }
        assertThat(store.stats()).isEqualTo(freshStoreOf(5));
        assertCatalogLoads(store, "catalog", 5);
    }

    @Test
    void aSecondCollectionWhileOneRunsIsSkipped() throws Exception {
        saveVersions(store, 1);
        CountDownLatch scanning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ContentStore pausing = new ForwardingContentStore(store) {
            @Override
            public List<NodeSummary> scan(@Nullable DataKey after, int limit) {
                scanning.countDown();
                awaitLatch(release);
                return super.scan(after, limit);
            }
        };
        try (PagableStorage first = instance(pausing, Duration.ZERO);
                PagableStorage second = instance(store, Duration.ZERO)) {
            CompletableFuture<GarbageCollection> running = CompletableFuture.supplyAsync(first::collectGarbage);
            assertThat(scanning.await(30, TimeUnit.SECONDS)).isTrue();

            assertThat(second.collectGarbage().outcome()).isEqualTo(Outcome.SKIPPED_ANOTHER_RUNNING);

            release.countDown();
            assertThat(running.get(30, TimeUnit.SECONDS).outcome()).isEqualTo(Outcome.COMPLETED);
            assertThat(second.collectGarbage().outcome()).isEqualTo(Outcome.COMPLETED);
        }
    }

    @Test
    void aStoreWithoutNamedRootsIsNotCollected() {
        DataKey key;
        try (PagableStorage writer = instance(store, Duration.ZERO)) {
            key = writer.save(Catalogs.version(writer, 10, 0)); // saved the way it was before roots
        }
        long entries = store.stats().entries();

        try (PagableStorage collector = instance(store, Duration.ZERO)) {
            GarbageCollection collection = collector.collectGarbage();
            assertThat(collection.outcome()).isEqualTo(Outcome.SKIPPED_NO_ROOTS);
            assertThat(collection.nodesDeleted()).isZero();
            assertThat(collector.stats().lastCollection()).isEqualTo(collection);
        }
        assertThat(store.stats().entries()).isEqualTo(entries);
        assertThat(store.contains(key)).isTrue();
    }

    @Test
    void aDeletedRootIsCollectedOnceNothingElseHoldsIt() throws InterruptedException {
        saveVersions(store, 2);
        try (PagableStorage collector = instance(store, Duration.ZERO)) {
            collector.saveRoot("other", new Item("other", 1, "kept"));
            assertThat(collector.deleteRoot("catalog")).isTrue();
            Thread.sleep(5); // touched times are whole milliseconds: the catalog is older than the cutoff

            collector.collectGarbage();

            assertThat(collector.loadRoot("other", Item.class)).contains(new Item("other", 1, "kept"));
        }
        assertThat(store.scan(null, 10)).as("only the other root's node").hasSize(1);
    }

    private static void awaitLatch(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out");
            }
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new AssertionError(ex);
        }
    }

    /** A clock the test moves forward. */
    private static final class MutableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
