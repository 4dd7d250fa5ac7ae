package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pagable.model.Catalog;
import io.pagable.model.Counter;
import io.pagable.model.Item;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Named roots: a name in the store points at a saved graph, updated atomically. */
class NamedRootsTests {

    private final InMemoryContentStore store = new InMemoryContentStore();

    private final PagableStorage storage =
            PagableStorage.builder().contentStore(store).build();

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void saveRootPointsTheNameAtTheSavedGraphAndLoadRootReadsItBack() {
        Instant before = store.now();
        DataKey key = storage.saveRoot("catalogs/main", Catalogs.version(storage, 20, 3));

        PagableRoot root = storage.root("catalogs/main").orElseThrow();
        assertThat(root.key()).isEqualTo(key);
        assertThat(root.name()).isEqualTo("catalogs/main");
        assertThat(root.updatedAt()).isAfterOrEqualTo(before);
        try (PagableStorage other =
                PagableStorage.builder().contentStore(new SharedStore(store)).build()) {
            Catalog loaded = other.loadRoot("catalogs/main", Catalog.class).orElseThrow();
            Catalogs.assertComplete(loaded, 20, 3);
        }
    }

    @Test
    void saveRootAgainMovesTheNameToTheNewGraph() {
        storage.saveRoot("main", new Item("a", 1, "first"));
        DataKey second = storage.saveRoot("main", new Item("a", 2, "second"));

        assertThat(storage.root("main").orElseThrow().key()).isEqualTo(second);
        assertThat(storage.loadRoot("main", Item.class)).contains(new Item("a", 2, "second"));
    }

    @Test
    void anUnknownNameHasNoRootAndLoadsNothing() {
        assertThat(storage.root("missing")).isEmpty();
        assertThat(storage.loadRoot("missing", Item.class)).isEmpty();
        assertThat(storage.deleteRoot("missing")).isFalse();
    }

    @Test
    void replaceRootChangesTheNameOnlyWhenItPointsAtTheExpectedKey() {
        assertThat(storage.replaceRoot("main", null, new Item("a", 1, "one")))
                .as("absent, and expected absent")
                .isTrue();
        DataKey first = storage.root("main").orElseThrow().key();
        assertThat(storage.replaceRoot("main", null, new Item("a", 2, "two")))
                .as("present, but expected absent")
                .isFalse();
        DataKey stale = DataKey.compute(new byte[] {1}, List.of());
        assertThat(storage.replaceRoot("main", stale, new Item("a", 2, "two")))
                .as("present, but pointing elsewhere than expected")
                .isFalse();
        assertThat(storage.root("main").orElseThrow().key()).isEqualTo(first);

        assertThat(storage.replaceRoot("main", first, new Item("a", 3, "three")))
                .isTrue();
        assertThat(storage.loadRoot("main", Item.class)).contains(new Item("a", 3, "three"));
    }

    @Test
    void deleteRootRemovesTheNameAndNotTheGraph() {
        DataKey key = storage.saveRoot("main", new Item("a", 1, "one"));

        assertThat(storage.deleteRoot("main")).isTrue();

        assertThat(storage.root("main")).isEmpty();
        assertThat(storage.roots(null, 10)).isEmpty();
        assertThat(store.contains(key)).as("collected later, not now").isTrue();
    }

    @Test
    void rootsAreListedInNameOrderAPageAtATime() {
        List<String> names = List.of("b", "a", "a/b", "A", "a.b", "z:9", "a-b", "a_b", "0", "a/b/c", "Z");
        for (String name : names) {
            storage.saveRoot(name, new Item(name, 1, name));
        }

        List<String> listed = new ArrayList<>();
        String after = null;
        List<PagableRoot> page;
        do {
            page = storage.roots(after, 3);
            assertThat(page.size()).isLessThanOrEqualTo(3);
            page.forEach((root) -> listed.add(root.name()));
            after = page.isEmpty() ? after : page.get(page.size() - 1).name();
        } while (page.size() == 3);

        assertThat(listed).isEqualTo(names.stream().sorted().toList());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "two words", "caf\u00e9", "line\nbreak", "star*", "back\\slash", "quote\""})
    void anInvalidRootNameIsRejectedNamingItAndTheRule(String name) {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> storage.saveRoot(name, new Item("a", 1, "one")))
                .withMessageContaining("The root name \"")
                .withMessageContaining("1 to 200 characters: ASCII letters, digits and . _ - / :");
        assertThat(store.stats().entries()).as("nothing was written").isZero();
    }

    @Test
    void aRootNameOfMoreThan200CharactersIsRejected() {
        String longest = "n".repeat(200);
        storage.saveRoot(longest, new Item("a", 1, "one"));
        assertThat(storage.root(longest)).isPresent();

        assertThatIllegalArgumentException()
                .isThrownBy(() -> storage.root(longest + "n"))
                .withMessageContaining("it has 201 characters");
    }

    @Test
    void aPageOfRootsHoldsOneToTenThousand() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> storage.roots(null, 0))
                .withMessage("limit must be between 1 and 10000, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> storage.roots(null, 10_001));
    }

    @Test
    void compareAndSetUnderContentionLosesNoUpdate() throws Exception {
        storage.saveRoot("counter", new Counter(0));
        int threads = 8;
        int updatesEach = 50;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    int conflicts = 0;
                    for (int i = 0; i < updatesEach; ) {
                        PagableRoot root = storage.root("counter").orElseThrow();
                        Counter current = storage.load(root.key(), Counter.class);
                        if (storage.replaceRoot("counter", root.key(), new Counter(current.value() + 1))) {
                            i++;
                        } else {
                            conflicts++;
                        }
                    }
                    return conflicts;
                }));
            }
            for (Future<Integer> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(storage.loadRoot("counter", Counter.class)).contains(new Counter((long) threads * updatesEach));
    }

    @Test
    void aStoreWithoutNamedRootsSaysSoNamingTheStore() {
        try (PagableStorage plain =
                PagableStorage.builder().contentStore(new MapStore()).build()) {
            assertThatExceptionOfType(UnsupportedStoreOperationException.class)
                    .isThrownBy(() -> plain.saveRoot("main", new Item("a", 1, "one")))
                    .withMessageContaining("The content store MapStore does not support named roots")
                    .withMessageContaining(
                            "implement the ContentStore methods for named roots in " + MapStore.class.getName());
            assertThatExceptionOfType(UnsupportedStoreOperationException.class)
                    .isThrownBy(plain::collectGarbage)
                    .withMessageContaining("does not support garbage collection");
        }
    }

    /** A user's store written before roots existed: only the node methods. */
    static final class MapStore implements ContentStore {

        private final Map<DataKey, StoredNode> nodes = new ConcurrentHashMap<>();

        @Override
        public void putAll(List<StoredNode> batch) {
            batch.forEach((node) -> nodes.putIfAbsent(node.key(), node));
        }

        @Override
        public Optional<StoredNode> get(DataKey key) {
            return Optional.ofNullable(nodes.get(key));
        }

        @Override
        public boolean contains(DataKey key) {
            return nodes.containsKey(key);
        }

        @Override
        public StoreStats stats() {
            return new StoreStats(nodes.size(), 0);
        }

        @Override
        public String toString() {
            return "MapStore";
        }
    }
}
