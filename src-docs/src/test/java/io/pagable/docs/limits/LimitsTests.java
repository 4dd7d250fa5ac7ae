package io.pagable.docs.limits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.CorruptDataException;
import io.pagable.CycleException;
import io.pagable.DataKey;
import io.pagable.DataLimitExceededException;
import io.pagable.MissingDataException;
import io.pagable.MutatedValueException;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The examples of the limits-and-guarantees page. */
class LimitsTests {

    @Test
    void aCycleIsRefusedWithItsPath() {
        try (PagableStorage storage = PagableStorage.builder().build()) {
            // tag::cycle[]
            Module a = new Module("a", new ArrayList<>());
            Module b = new Module("b", List.of(a));
            a.uses().add(b); // a -> b -> a
            assertThatExceptionOfType(CycleException.class)
                    .isThrownBy(() -> storage.save(a))
                    .satisfies((ex) -> assertThat(ex.getPath()).containsExactly("Module", "Module", "Module"))
                    .withMessageContaining("replace one reference on the cycle by an identifier");
            // end::cycle[]
        }
    }

    @Test
    void aValueChangedAfterSaveFailsLoudlyWhenVerified() {
        try (PagableStorage storage =
                PagableStorage.builder().verifyImmutability(true).build()) {
            // tag::mutation[]
            List<Module> uses = new ArrayList<>();
            PagableArc<Module> arc = storage.arc(new Module("app", uses));
            DataKey key = storage.save(arc); // written and paged out; the caller still holds the list
            uses.add(new Module("late", List.of())); // the bug: the value changes after it was handed over
            assertThatExceptionOfType(MutatedValueException.class)
                    .isThrownBy(arc::get)
                    .withMessageContaining(Module.class.getName())
                    .withMessageContaining(key.toHex());
            assertThat(arc.get().uses()).isEmpty(); // the arc reads what was stored
            // end::mutation[]
        }
    }

    @Test
    void mapAndSetOrderDoNotChangeTheKey() {
        try (PagableStorage storage = PagableStorage.builder().build()) {
            // tag::determinism[]
            Map<String, Integer> inserted = new LinkedHashMap<>();
            inserted.put("b", 2);
            inserted.put("a", 1);
            Set<String> flags = new HashSet<>(List.of("x", "y", "z"));
            DataKey first = storage.save(new Settings(inserted, flags));
            DataKey second = storage.save(new Settings(new TreeMap<>(Map.of("a", 1, "b", 2)), Set.of("z", "y", "x")));
            assertThat(second).isEqualTo(first); // entries are written in a canonical order
            // end::determinism[]
        }
    }

    @Test
    void damagedDataIsNeverReturned() {
        DamagingStore store = new DamagingStore();
        try (PagableStorage storage =
                PagableStorage.builder().contentStore(store).build()) {
            DataKey key = storage.save(new Settings(Map.of("a", 1), Set.of()));
            store.damage = true;
            try (PagableStorage reader =
                    PagableStorage.builder().contentStore(store).build()) {
                // tag::verify[]
                assertThatExceptionOfType(CorruptDataException.class) // the bytes do not hash to the key
                        .isThrownBy(() -> reader.load(key, Settings.class))
                        .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key));
                // end::verify[]
            }
        }
    }

    @Test
    void oversizedNodesAreRefused() {
        // tag::limits[]
        try (PagableStorage storage =
                PagableStorage.builder().maxNodeBytes(1024).build()) { // pagable.store.max-node-size
            Settings big = new Settings(Map.of("x".repeat(4096), 1), Set.of());
            assertThatExceptionOfType(DataLimitExceededException.class)
                    .isThrownBy(() -> storage.save(big))
                    .satisfies((ex) -> assertThat(ex.getMaximum()).isEqualTo(1024));
        }
        // end::limits[]
    }

    @Test
    void aMissingKeyNamesTheKey() {
        try (PagableStorage storage = PagableStorage.builder().build()) {
            DataKey key = DataKey.fromHex("00112233445566778899aabbccddeeff");
            assertThatExceptionOfType(MissingDataException.class)
                    .isThrownBy(() -> storage.load(key, Settings.class))
                    .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key));
        }
    }

    /** A store that flips a byte of every node it returns once told to, as a failing disk would. */
    static final class DamagingStore implements ContentStore {

        private final InMemoryContentStore delegate = new InMemoryContentStore();

        volatile boolean damage;

        @Override
        public void putAll(List<StoredNode> nodes) {
            delegate.putAll(nodes);
        }

        @Override
        public Optional<StoredNode> get(DataKey key) {
            return delegate.get(key).map((node) -> damage ? damaged(node) : node);
        }

        @Override
        public boolean contains(DataKey key) {
            return delegate.contains(key);
        }

        @Override
        public StoreStats stats() {
            return delegate.stats();
        }

        private static StoredNode damaged(StoredNode node) {
            byte[] data = node.data().clone();
            data[data.length - 1] ^= 1;
            return new StoredNode(node.key(), data, node.children());
        }
    }
}
