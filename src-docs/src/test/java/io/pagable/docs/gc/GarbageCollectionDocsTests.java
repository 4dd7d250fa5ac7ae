package io.pagable.docs.gc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.GarbageCollection;
import io.pagable.PagableArc;
import io.pagable.PagableRoot;
import io.pagable.PagableStorage;
import io.pagable.store.InMemoryContentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The examples of the named roots and garbage collection page. */
class GarbageCollectionDocsTests {

    private static Catalog catalog(PagableStorage storage, int version) {
        List<PagableArc<String>> entries = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            entries.add(storage.arc("entry " + i + (i % 10 == version % 10 ? " of version " + version : "")));
        }
        return new Catalog(version, entries);
    }

    @Test
    void namedRootsAndACollection() {
        InMemoryContentStore store = new InMemoryContentStore();
        try (PagableStorage writer =
                PagableStorage.builder().contentStore(store).build()) {
            for (int version = 1; version <= 3; version++) {
                writer.saveRoot("catalogs/main", catalog(writer, version));
            }
        }
        // tag::roots[]
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(store)
                .gcGracePeriod(Duration.ZERO) // nothing else writes this store: no need to wait
                .build()) {
            Catalog current = storage.loadRoot("catalogs/main", Catalog.class).orElseThrow();
            PagableRoot root = storage.root("catalogs/main").orElseThrow();

            boolean replaced =
                    storage.replaceRoot("catalogs/main", root.key(), catalog(storage, current.version() + 1));

            List<PagableRoot> firstPage = storage.roots(null, 100); // in name order; pass the last name for the next
            GarbageCollection collection = storage.collectGarbage(); // versions 1 and 2 go; current holds version 3
            // end::roots[]
            assertThat(replaced).isTrue();
            assertThat(firstPage).extracting(PagableRoot::name).containsExactly("catalogs/main");
            assertThat(collection.outcome()).isEqualTo(GarbageCollection.Outcome.COMPLETED);
            assertThat(collection.nodesDeleted())
                    .as("the catalogs of versions 1 and 2 and their 10 entries each that changed")
                    .isEqualTo(2 + 2 * 10);
            // tag::compare-and-set[]
            while (true) {
                Optional<PagableRoot> before = storage.root("catalogs/main");
                DataKey expected = before.map(PagableRoot::key).orElse(null);
                int version = before.map((found) ->
                                storage.load(found.key(), Catalog.class).version())
                        .orElse(0);
                if (storage.replaceRoot("catalogs/main", expected, catalog(storage, version + 1))) {
                    break; // no other instance moved the name meanwhile
                }
            }
            // end::compare-and-set[]
            assertThat(storage.loadRoot("catalogs/main", Catalog.class)
                            .orElseThrow()
                            .version())
                    .isEqualTo(5);
        }
    }
}
