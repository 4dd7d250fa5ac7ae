package io.pagable.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.GarbageCollection;
import io.pagable.PagableArc;
import io.pagable.PagableRoot;
import io.pagable.PagableStorage;
import io.pagable.store.ContentStore;
import io.pagable.store.DeletedNodes;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.NodeSummary;
import io.pagable.store.StoreLease;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ContentStore} that keeps named roots and lets the garbage collector
 * delete: roots (compare-and-set under contention from many threads, listing in name order, retired
 * roots), touched times, scans, conditional deletes racing with writes, leases and the collection
 * lock; and, through {@link PagableStorage}, a collection that reclaims old versions and keeps what a
 * second instance's arcs hold. Extend it (or {@link AbstractPersistentCollectableContentStoreContractTests}
 * for a store that keeps its data across instances) beside {@link AbstractContentStoreContractTests}:
 *
 * <pre>{@code
 * class MyStoreCollectionContractTests extends AbstractCollectableContentStoreContractTests {
 *
 *     protected ContentStore createStore() {
 *         return new MyContentStore(...);    // empty
 *     }
 * }
 * }</pre>
 */
public abstract class AbstractCollectableContentStoreContractTests {

    private static final int ITEMS = 1_200;

    private ContentStore store;

    /**
     * Creates the store under test, empty: no nodes, no roots, no leases. Called before each test.
     *
     * @return a new store
     * @throws Exception if the store cannot be created
     */
    protected abstract ContentStore createStore() throws Exception;

    /**
     * Removes what the store left behind. Called after each test, once the store is closed.
     *
     * @throws Exception if cleaning up fails
     */
    protected void destroyStore() throws Exception {}

    @BeforeEach
    void openStore() throws Exception {
        store = createStore();
    }

    @AfterEach
    void closeStore() throws Exception {
        try {
            store.close();
        } finally {
            destroyStore();
        }
    }

    /** The store of the current test. */
    protected final ContentStore store() {
        return store;
    }

    /** Makes {@code replacement} the store of the current test (after a reopen). */
    protected final void useStore(ContentStore replacement) {
        store = replacement;
    }

    private static DataKey key(long n) {
        return DataKey.of(0x5eed, n);
    }

    @Test
    void supportsCollection() {
        assertThat(store.supportsCollection()).isTrue();
    }

    @Test
    void aRootIsCreatedReplacedAndDeletedByCompareAndSet() {
        Instant before = store.now().truncatedTo(ChronoUnit.MILLIS);
        assertThat(store.root("main")).isEmpty();
        assertThat(store.replaceRoot("main", key(1), key(2)))
                .as("absent, expected present")
                .isFalse();
        assertThat(store.replaceRoot("main", null, key(1))).isTrue();

        PagableRoot root = store.root("main").orElseThrow();
        assertThat(root.key()).isEqualTo(key(1));
        assertThat(root.updatedAt())
                .isAfterOrEqualTo(before)
                .isBeforeOrEqualTo(store.now().plusMillis(1));

        assertThat(store.replaceRoot("main", null, key(3)))
                .as("present, expected absent")
                .isFalse();
        assertThat(store.replaceRoot("main", key(9), key(3)))
                .as("present elsewhere")
                .isFalse();
        assertThat(store.root("main").orElseThrow().key()).isEqualTo(key(1));
        assertThat(store.replaceRoot("main", key(1), key(3))).isTrue();
        assertThat(store.root("main").orElseThrow().key()).isEqualTo(key(3));
        assertThat(store.replaceRoot("main", key(3), null)).isTrue();
        assertThat(store.root("main")).isEmpty();
        assertThat(store.replaceRoot("main", key(3), null))
                .as("already deleted")
                .isFalse();
    }

    @Test
    void rootsAreListedInNameOrderAPageAtATime() {
        List<String> names = new ArrayList<>(List.of(
                "b",
                "a",
                "a/b",
                "A",
                "a.b",
                "z:9",
                "a-b",
                "a_b",
                "0",
                "a/b/c",
                "Z",
                "aa",
                "a:",
                "_",
                "-x",
                "y".repeat(200)));
        for (int i = 0; i < names.size(); i++) {
            assertThat(store.replaceRoot(names.get(i), null, key(i))).isTrue();
        }
        List<String> listed = new ArrayList<>();
        String after = null;
        List<PagableRoot> page;
        do {
            page = store.roots(after, 4);
            assertThat(page.size()).isLessThanOrEqualTo(4);
            page.forEach((root) -> listed.add(root.name()));
            if (!page.isEmpty()) {
                after = page.get(page.size() - 1).name();
            }
        } while (page.size() == 4);

        Collections.sort(names);
        assertThat(listed)
                .as("String.compareTo order: code units, not a locale's collation")
                .isEqualTo(names);
        assertThat(store.roots("a/b", 2)).extracting(PagableRoot::name).containsExactly("a/b/c", "a:");
    }

    @Test
    void compareAndSetUnderContentionFromManyThreadsLosesNoUpdateAndLetsNoTwoWin() throws Exception {
        store.replaceRoot("counter", null, key(0));
        int threads = 8;
        int updatesEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        List<Future<List<Long>>> results = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                results.add(pool.submit(() -> {
                    List<Long> won = new ArrayList<>();
                    while (won.size() < updatesEach) {
                        long current = store.root("counter").orElseThrow().key().low();
                        if (store.replaceRoot("counter", key(current), key(current + 1))) {
                            won.add(current);
                        }
                    }
                    return won;
                }));
            }
            Set<Long> from = new HashSet<>();
            for (Future<List<Long>> result : results) {
                for (long n : result.get(120, TimeUnit.SECONDS)) {
                    assertThat(from.add(n))
                            .as("two threads moved the root from %d", n)
                            .isTrue();
                }
            }
            assertThat(from).hasSize(threads * updatesEach);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.root("counter").orElseThrow().key()).isEqualTo(key((long) threads * updatesEach));
    }

    @Test
    void replacedAndDeletedRootsAreRetiredAtThatMomentUntilForgotten() throws Exception {
        store.replaceRoot("main", null, key(1));
        Thread.sleep(20);
        Instant beforeReplace = store.now().minusMillis(1);
        store.replaceRoot("main", key(1), key(2));
        store.replaceRoot("other", null, key(7));
        Thread.sleep(20);
        Instant beforeDelete = store.now().minusMillis(1);
        store.replaceRoot("main", key(2), null);

        assertThat(store.retiredRoots(beforeReplace)).containsExactlyInAnyOrder(key(1), key(2));
        assertThat(store.retiredRoots(beforeDelete)).containsExactly(key(2));
        assertThat(store.retiredRoots(store.now().plusSeconds(1))).isEmpty();

        store.forgetRetiredRoots(beforeDelete);
        assertThat(store.retiredRoots(beforeReplace)).containsExactly(key(2));
    }

    @Test
    void aPutTouchesNewNodesAndNodesAlreadyPresent() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 10, 50);
        Instant beforeFirst = store.now().truncatedTo(ChronoUnit.MILLIS);
        store.putAll(nodes);
        store.flush();
        assertThat(summaries())
                .allSatisfy((node) -> assertThat(node.touchedAt()).isAfterOrEqualTo(beforeFirst));

        Thread.sleep(30);
        Instant beforeSecond = store.now().truncatedTo(ChronoUnit.MILLIS);
        store.putAll(nodes.subList(0, 5));
        store.flush();
        Map<DataKey, NodeSummary> byKey = new java.util.HashMap<>();
        summaries().forEach((node) -> byKey.put(node.key(), node));
        for (int i = 0; i < nodes.size(); i++) {
            Instant touched = byKey.get(nodes.get(i).key()).touchedAt();
            if (i < 5) {
                assertThat(touched).as("node %d, put again", i).isAfterOrEqualTo(beforeSecond);
            } else {
                assertThat(touched).as("node %d, not put again", i).isBefore(beforeSecond);
            }
        }
    }

    @Test
    void aScanListsEveryNodeInKeyOrderAPageAtATime() {
        List<StoredNode> nodes = TestNodes.nodes(100, 2_500, 40);
        store.putAll(nodes);
        store.flush();

        List<NodeSummary> scanned = summaries();

        List<DataKey> expected = new ArrayList<>(TestNodes.keys(nodes));
        Collections.sort(expected);
        assertThat(scanned).extracting(NodeSummary::key).isEqualTo(expected);
        Map<DataKey, Long> sizes = new java.util.HashMap<>();
        nodes.forEach((node) -> sizes.put(node.key(), node.storedSize()));
        assertThat(scanned).allSatisfy((node) -> assertThat(node.storedSize()).isEqualTo(sizes.get(node.key())));
        assertThat(store.scan(expected.get(2_497), 10))
                .extracting(NodeSummary::key)
                .containsExactly(expected.get(2_498), expected.get(2_499));
    }

    @Test
    void childrenAreReadForThePresentNodesOnly() {
        List<StoredNode> nodes = TestNodes.nodes(200, 8, 30); // node 3 and node 7 have a child
        store.putAll(nodes);
        store.flush();
        DataKey absent = TestNodes.node(999, 30).key();

        Map<DataKey, List<DataKey>> children =
                store.children(List.of(nodes.get(3).key(), nodes.get(0).key(), absent));

        assertThat(children).containsOnlyKeys(nodes.get(3).key(), nodes.get(0).key());
        assertThat(children.get(nodes.get(3).key()))
                .containsExactly(nodes.get(2).key());
        assertThat(children.get(nodes.get(0).key())).isEmpty();
    }

    @Test
    void deleteUntouchedDeletesOnlyNodesLastTouchedBeforeTheCutoff() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(300, 4, 100);
        store.putAll(nodes);
        store.flush();
        Thread.sleep(30);
        Instant cutoff = store.now();
        Thread.sleep(30);
        store.put(nodes.get(1)); // a duplicate found present: touched again, so kept
        store.flush();
        StoredNode absent = TestNodes.node(998, 10);

        DeletedNodes deleted = store.deleteUntouched(
                List.of(nodes.get(0).key(), nodes.get(1).key(), nodes.get(2).key(), absent.key()), cutoff);

        assertThat(deleted)
                .isEqualTo(new DeletedNodes(
                        2, nodes.get(0).storedSize() + nodes.get(2).storedSize()));
        assertThat(store.contains(nodes.get(0).key())).isFalse();
        assertThat(store.get(nodes.get(2).key())).isEmpty();
        assertThat(store.get(nodes.get(1).key())).contains(nodes.get(1));
        assertThat(store.stats())
                .isEqualTo(new StoreStats(
                        2, nodes.get(1).storedSize() + nodes.get(3).storedSize()));

        store.put(nodes.get(0)); // stored again after the deletion
        store.flush();
        assertThat(store.get(nodes.get(0).key())).contains(nodes.get(0));
    }

    @Test
    void deletesRacingWithPutsOfTheSameNodesKeepEveryNodePutAfterTheCutoff() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(400, 3_000, 20);
        store.putAll(nodes);
        store.flush();
        Thread.sleep(30);
        Instant cutoff = store.now();
        Thread.sleep(5);
        List<DataKey> keys = TestNodes.keys(nodes);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> putting = pool.submit(() -> {
                for (int from = 0; from < nodes.size(); from += 100) {
                    store.putAll(nodes.subList(from, from + 100));
                }
                store.flush();
            });
            Future<?> deleting = pool.submit(() -> {
                for (int from = 0; from < keys.size(); from += 250) {
                    store.deleteUntouched(keys.subList(from, from + 250), cutoff);
                }
            });
            putting.get(120, TimeUnit.SECONDS);
            deleting.get(120, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        assertThat(store.getAll(keys))
                .as("each put came before its delete (kept) or after it (stored again)")
                .hasSize(nodes.size());
    }

    @Test
    void aLeaseIsListedUntilReleasedOrExpired() throws Exception {
        store.renewLease("one", Duration.ofMinutes(1), new byte[] {1, 2});
        store.renewLease("two", Duration.ofMillis(300), new byte[] {3});
        store.renewLease("one", Duration.ofMinutes(1), new byte[] {4, 5, 6}); // renewed with other keys

        assertThat(store.leases()).extracting(StoreLease::holder).containsExactlyInAnyOrder("one", "two");
        StoreLease one = store.leases().stream()
                .filter((lease) -> lease.holder().equals("one"))
                .findFirst()
                .orElseThrow();
        assertThat(one.liveKeys()).containsExactly(4, 5, 6);
        assertThat(one.expiresAt()).isAfter(one.renewedAt().plusSeconds(50));

        Thread.sleep(600);
        assertThat(store.leases()).extracting(StoreLease::holder).containsExactly("one");
        store.releaseLease("one");
        store.releaseLease("never held");
        assertThat(store.leases()).isEmpty();
    }

    @Test
    void theCollectionLockIsHeldByOneHolderUntilReleasedOrLapsed() throws Exception {
        assertThat(store.tryLockCollection("one", Duration.ofMinutes(1))).isTrue();
        assertThat(store.tryLockCollection("two", Duration.ofMinutes(1))).isFalse();
        assertThat(store.tryLockCollection("one", Duration.ofMinutes(1)))
                .as("extended by its holder")
                .isTrue();
        store.unlockCollection("two"); // not the holder: nothing happens
        assertThat(store.tryLockCollection("two", Duration.ofMinutes(1))).isFalse();
        store.unlockCollection("one");
        assertThat(store.tryLockCollection("two", Duration.ofMillis(300))).isTrue();

        Thread.sleep(600);
        assertThat(store.tryLockCollection("three", Duration.ofMinutes(1)))
                .as("lapsed")
                .isTrue();
        store.unlockCollection("three");
    }

    @Test
    void aCollectionReclaimsOldVersionsAndKeepsWhatASecondInstanceHolds() {
        ContentStore shared = new Unclosed(store);
        try (PagableStorage writer = instance(shared)) {
            writer.saveRoot("shelf", version(writer, 0));
        }
        PagableStorage reader = instance(shared);
        try {
            Shelf held = reader.loadRoot("shelf", Shelf.class).orElseThrow(); // its items paged out, unread
            try (PagableStorage writer = instance(shared)) {
                for (int version = 1; version <= 4; version++) {
                    writer.saveRoot("shelf", version(writer, version));
                }
            }
            StoreStats before = store.stats();
            try (PagableStorage collector = instance(shared)) {
                GarbageCollection first = collector.collectGarbage();
                assertThat(first.nodesDeleted())
                        .as("versions 1 to 3 go, version 0 stays")
                        .isPositive();
                assertThat(store.stats().bytes()).isLessThan(before.bytes());
                check(held, 0);

                reader.close();
                collector.collectGarbage();
                check(collector.loadRoot("shelf", Shelf.class).orElseThrow(), 4);
            }
        } finally {
            reader.close();
        }
        assertThat(store.stats()).as("no more than a store of version 4 alone").isEqualTo(freshStats(4));
    }

    private static PagableStorage instance(ContentStore store) {
        return PagableStorage.builder()
                .contentStore(store)
                .gcGracePeriod(Duration.ZERO)
                .lease(Duration.ofSeconds(5), Duration.ofMillis(100))
                .build();
    }

    /** What a store that holds only the given version holds, measured on the in-memory store. */
    private static StoreStats freshStats(int version) {
        io.pagable.store.InMemoryContentStore fresh = new io.pagable.store.InMemoryContentStore();
        try (PagableStorage writer = instance(fresh)) {
            writer.saveRoot("shelf", version(writer, version));
        }
        return fresh.stats();
    }

    /** Version {@code v} of a shelf: every tenth item changes from one version to the next. */
    private static Shelf version(PagableStorage storage, int version) {
        List<PagableArc<Values.Item>> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            items.add(storage.arc(Values.Item.of(itemId(i, version), 40)));
        }
        return new Shelf(version, items);
    }

    private static long itemId(int i, int version) {
        return i * 1_000L + Math.max(0, version - Math.floorMod(version - i, 10));
    }

    private static void check(Shelf shelf, int version) {
        assertThat(shelf.version()).isEqualTo(version);
        assertThat(shelf.items()).hasSize(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            assertThat(shelf.items().get(i).get().checked().id()).isEqualTo(itemId(i, version));
        }
    }

    private List<NodeSummary> summaries() {
        List<NodeSummary> all = new ArrayList<>();
        DataKey after = null;
        while (true) {
            List<NodeSummary> page = store.scan(after, 1_000);
            all.addAll(page);
            if (page.size() < 1_000) {
                return all;
            }
            after = page.get(page.size() - 1).key();
        }
    }

    /**
     * A version of a shelf of items, the graph the collection tests save.
     *
     * @param version the version
     * @param items the items, each paged out on its own
     */
    public record Shelf(int version, List<PagableArc<Values.Item>> items) {}

    /** The store under test, shared by several engines: closing them does not close it. */
    private static final class Unclosed extends ForwardingContentStore {

        Unclosed(ContentStore delegate) {
            super(delegate);
        }

        @Override
        public void close() {}
    }
}
