package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.tck.AbstractCollectableContentStoreContractTests.Shelf;
import io.pagable.store.tck.Values;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Versions of a graph that share most of their nodes, saved and checked through the engine: a shelf
 * of {@value #ITEMS} items of about 1 KiB, of which every tenth changes from one version to the next,
 * so that a collection after some versions deletes the old items and the old shelves and keeps most
 * of the first version's items. Every item's text follows from its id, so a child process's store
 * can be checked without a copy.
 */
final class ShelfVersions {

    static final int ITEMS = 1_200;

    static final int TEXT_LENGTH = 1_000;

    static final String ROOT = "shelf";

    private ShelfVersions() {}

    /** An engine on the store, without a grace period, that does not close the store when it closes. */
    static PagableStorage engine(ContentStore store) {
        return PagableStorage.builder()
                .contentStore(new Unclosed(store))
                .gcGracePeriod(Duration.ZERO)
                .lease(Duration.ofSeconds(5), Duration.ofMillis(100))
                .build();
    }

    /** Saves versions {@code first} to {@code last} under the root, one after another. */
    static void save(ContentStore store, int first, int last) {
        try (PagableStorage engine = engine(store)) {
            for (int version = first; version <= last; version++) {
                engine.saveRoot(ROOT, version(engine, version));
            }
        }
    }

    /** Loads the root and checks that it is the given version, every item read and intact. */
    static void assertLoads(ContentStore store, int version) {
        try (PagableStorage engine = engine(store)) {
            Shelf shelf = engine.loadRoot(ROOT, Shelf.class).orElseThrow();
            assertThat(shelf.version()).isEqualTo(version);
            assertThat(shelf.items()).hasSize(ITEMS);
            for (int i = 0; i < ITEMS; i++) {
                assertThat(shelf.items().get(i).get().checked().id()).isEqualTo(itemId(i, version));
            }
        }
    }

    /** Version {@code v} of the shelf. */
    static Shelf version(PagableStorage storage, int version) {
        List<PagableArc<Values.Item>> items = new ArrayList<>(ITEMS);
        for (int i = 0; i < ITEMS; i++) {
            items.add(storage.arc(Values.Item.of(itemId(i, version), TEXT_LENGTH)));
        }
        return new Shelf(version, items);
    }

    /** The id of item {@code i} in version {@code v}: it changes at every version {@code v} with {@code v = i} modulo 10. */
    static long itemId(int i, int version) {
        return i * 1_000L + Math.max(0, version - Math.floorMod(version - i, 10));
    }

    /** The bytes of every file in a directory. */
    static long directoryBytes(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(Files::isRegularFile)
                    .mapToLong((file) -> {
                        try {
                            return Files.size(file);
                        } catch (IOException ex) {
                            throw new UncheckedIOException(ex);
                        }
                    })
                    .sum();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** A store shared by several engines: closing them does not close it. */
    private static final class Unclosed extends ForwardingContentStore {

        Unclosed(ContentStore delegate) {
            super(delegate);
        }

        @Override
        public void close() {}
    }
}
