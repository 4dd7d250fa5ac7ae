package io.pagable.store.tck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every {@link ContentStore} must meet, as JUnit 5 tests. To test a store, extend this
 * class (or {@link AbstractPersistentContentStoreContractTests} for a store that keeps its data
 * across instances) and implement {@link #createStore()} and {@link #corrupt}:
 *
 * <pre>{@code
 * class MyContentStoreContractTests extends AbstractContentStoreContractTests {
 *
 *     protected ContentStore createStore() {
 *         return new MyContentStore(...);    // empty
 *     }
 *
 *     protected void corrupt(DataKey key, Corruption corruption) {
 *         ...                                // damage the stored bytes behind the store's back
 *     }
 * }
 * }</pre>
 *
 * Each test gets a new, empty store, closes it afterwards and then calls {@link #destroyStore()}.
 * The tests check round trips, idempotent writes (the first bytes stored under a key win), large
 * batches and nodes, concurrent writers and readers, exact {@link ContentStore#stats()}, that
 * damaged data is reported as {@link CorruptDataException} naming the key rather than returned, and
 * that closing twice is harmless.
 */
public abstract class AbstractContentStoreContractTests {

    private ContentStore store;

    /**
     * Creates the store under test, empty. Called before each test.
     *
     * @return a new store
     * @throws Exception if the store cannot be created
     */
    protected abstract ContentStore createStore() throws Exception;

    /**
     * Damages the stored data of one node behind the store's back, as a failing disk or a broken
     * writer would. Called while the store is open. A store that keeps no stored form of its nodes
     * (such as one holding the caller's objects) can abort the test with
     * {@link org.junit.jupiter.api.Assumptions#abort(String)}, saying why.
     *
     * @param key the key of the node to damage
     * @param corruption what to do to its data
     * @throws Exception if the damage cannot be done
     */
    protected abstract void corrupt(DataKey key, Corruption corruption) throws Exception;

    /**
     * Removes what the store left behind (a table, a directory). Called after each test, once the
     * store is closed. Does nothing by default.
     *
     * @throws Exception if cleaning up fails
     */
    protected void destroyStore() throws Exception {}

    /**
     * Returns the store under test.
     *
     * @return the store the current test uses
     */
    protected final ContentStore store() {
        return store;
    }

    /**
     * Replaces the store under test, for subclasses that reopen it.
     *
     * @param store the store the rest of the test uses; it is closed after the test
     */
    protected final void useStore(ContentStore store) {
        this.store = store;
    }

    @BeforeEach
    final void createStoreUnderTest() throws Exception {
        store = createStore();
    }

    @AfterEach
    final void closeStoreUnderTest() throws Exception {
        try {
            if (store != null) {
                store.close();
            }
        } finally {
            destroyStore();
        }
    }

    @Test
    void putThenGetReturnsEqualNode() {
        StoredNode child = TestNodes.node(1, 100);
        StoredNode parent = TestNodes.node(
                2, 300, List.of(child.key(), TestNodes.node(3, 10).key()));
        store.putAll(List.of(child, parent));
        assertThat(store.get(parent.key())).contains(parent);
        assertThat(store.get(child.key())).contains(child);
    }

    @Test
    void getReturnsEmptyForMissingKey() {
        store.put(TestNodes.node(1, 100));
        assertThat(store.get(TestNodes.node(2, 100).key())).isEmpty();
    }

    @Test
    void containsTellsStoredKeysFromMissingOnes() {
        StoredNode stored = TestNodes.node(1, 100);
        store.put(stored);
        assertThat(store.contains(stored.key())).isTrue();
        assertThat(store.contains(TestNodes.node(2, 100).key())).isFalse();
    }

    @Test
    void putKeepsFirstBytesForExistingKey() {
        StoredNode first = TestNodes.node(1, 100);
        store.put(first);
        store.put(new StoredNode(first.key(), TestNodes.node(2, 100).data(), List.of()));
        assertThat(store.get(first.key())).contains(first);
        assertThat(store.stats()).isEqualTo(new StoreStats(1, first.storedSize()));
    }

    @Test
    void putOfSameNodeTwiceKeepsOneEntry() {
        StoredNode node = TestNodes.node(1, 100);
        store.put(node);
        store.putAll(List.of(node, node));
        assertThat(store.get(node.key())).contains(node);
        assertThat(store.stats()).isEqualTo(new StoreStats(1, node.storedSize()));
    }

    @Test
    void putAllStoresTenThousandNodesInOneBatch() {
        List<StoredNode> nodes = TestNodes.nodes(1, 10_000, 64);
        store.putAll(nodes);
        assertThat(store.getAll(TestNodes.keys(nodes)))
                .hasSize(10_000)
                .containsValues(nodes.toArray(StoredNode[]::new));
        assertThat(store.stats()).isEqualTo(new StoreStats(10_000, TestNodes.storedSize(nodes)));
    }

    @Test
    void putAllOfEmptyListStoresNothing() {
        store.putAll(List.of());
        assertThat(store.stats()).isEqualTo(new StoreStats(0, 0));
    }

    @Test
    void getAllReturnsFoundNodesInOrderAndOmitsMissingKeys() {
        List<StoredNode> nodes = TestNodes.nodes(1, 2_500, 32);
        store.putAll(nodes);
        List<DataKey> asked = new ArrayList<>(TestNodes.keys(nodes));
        List<DataKey> missing = TestNodes.keys(TestNodes.nodes(100_000, 100, 32));
        asked.addAll(missing);
        Collections.shuffle(asked, new Random(7));
        Map<DataKey, StoredNode> found = store.getAll(asked);
        assertThat(found).hasSize(2_500).doesNotContainKeys(missing.toArray(DataKey[]::new));
        nodes.forEach((node) -> assertThat(found).containsEntry(node.key(), node));
        List<DataKey> expectedOrder = new ArrayList<>(asked);
        expectedOrder.removeAll(missing);
        assertThat(found.keySet()).containsExactlyElementsOf(expectedOrder);
    }

    @Test
    void getAllOfNoKeysReturnsEmptyMap() {
        store.put(TestNodes.node(1, 10));
        assertThat(store.getAll(List.of())).isEmpty();
    }

    @Test
    void nodeWithEmptyDataAndThousandChildrenRoundTrips() {
        List<DataKey> children = TestNodes.keys(TestNodes.nodes(1, 1_000, 8));
        StoredNode node = TestNodes.node(2, 0, children);
        store.put(node);
        assertThat(store.get(node.key())).contains(node);
    }

    @Test
    void eightMebibyteNodeRoundTrips() {
        StoredNode large = TestNodes.node(1, 8 * 1024 * 1024);
        StoredNode small = TestNodes.node(2, 10);
        store.putAll(List.of(large, small));
        assertThat(store.get(large.key())).contains(large);
        assertThat(store.get(small.key())).contains(small);
    }

    @Test
    void statsCountEntriesAndStoredBytes() {
        assertThat(store.stats()).isEqualTo(new StoreStats(0, 0));
        List<StoredNode> nodes = TestNodes.nodes(1, 50, 1000);
        store.putAll(nodes);
        store.putAll(nodes.subList(0, 10));
        assertThat(store.stats()).isEqualTo(new StoreStats(50, TestNodes.storedSize(nodes)));
    }

    @Test
    void concurrentPutsOfOverlappingKeySetsStoreEachNodeOnce() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 2_000, 200);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> writers = new ArrayList<>();
        ExecutorService executor = Executors.newFixedThreadPool(4);
        try {
            for (int thread = 0; thread < 4; thread++) {
                List<StoredNode> mine = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    mine.add(nodes.get((thread * 500 + i) % nodes.size()));
                }
                Collections.shuffle(mine, new Random(thread));
                writers.add(executor.submit(() -> {
                    start.await();
                    for (int from = 0; from < mine.size(); from += 50) {
                        store.putAll(mine.subList(from, from + 50));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> writer : writers) {
                writer.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(2_000).containsValues(nodes.toArray(StoredNode[]::new));
        assertThat(store.stats()).isEqualTo(new StoreStats(2_000, TestNodes.storedSize(nodes)));
    }

    @Test
    void readersDuringWritesSeeEitherNothingOrTheWholeNode() throws Exception {
        List<StoredNode> nodes = TestNodes.nodes(1, 1_000, 500);
        ExecutorService executor = Executors.newFixedThreadPool(3);
        try {
            Future<?> writer = executor.submit(() -> {
                for (int from = 0; from < nodes.size(); from += 20) {
                    store.putAll(nodes.subList(from, from + 20));
                }
            });
            List<Future<Integer>> readers = new ArrayList<>();
            for (int thread = 0; thread < 2; thread++) {
                Random random = new Random(thread);
                readers.add(executor.submit(() -> {
                    int seen = 0;
                    while (!writer.isDone()) {
                        StoredNode expected = nodes.get(random.nextInt(nodes.size()));
                        StoredNode read = store.get(expected.key()).orElse(null);
                        if (read != null) {
                            assertThat(read).isEqualTo(expected);
                            seen++;
                        }
                    }
                    return seen;
                }));
            }
            writer.get(2, TimeUnit.MINUTES);
            for (Future<Integer> reader : readers) {
                reader.get(2, TimeUnit.MINUTES);
            }
        } finally {
            executor.shutdownNow();
        }
        assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(nodes.size());
    }

    @Test
    void flippedByteIsReportedAsCorruptNamingTheKey() throws Exception {
        assertDamageIsReported(Corruption.FLIP_BYTE);
    }

    @Test
    void cutShortDataIsReportedAsCorruptNamingTheKey() throws Exception {
        assertDamageIsReported(Corruption.CUT_SHORT);
    }

    @Test
    void closeTwiceIsHarmless() {
        store.put(TestNodes.node(1, 10));
        store.close();
        assertThatNoException().isThrownBy(store::close);
    }

    private void assertDamageIsReported(Corruption corruption) throws Exception {
        StoredNode intact = TestNodes.node(1, 1000);
        StoredNode damaged = TestNodes.node(2, 1000);
        store.put(intact);
        store.put(damaged);
        store.flush();
        corrupt(damaged.key(), corruption);
        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> store.get(damaged.key()))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(damaged.key()))
                .withMessageContaining(damaged.key().toHex());
        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> store.getAll(List.of(intact.key(), damaged.key())))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(damaged.key()));
        assertThat(store.get(intact.key())).contains(intact);
    }
}
