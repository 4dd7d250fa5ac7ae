package io.pagable.docs.readme;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableNode;
import io.pagable.PagableStorage;
import io.pagable.store.file.FileContentStore;
import java.nio.file.Path;
import java.util.List;

/** The usage example of the README, compiled and run by {@link ReadmeTests}. */
final class ReadmeExample {

    // tag::model[]
    @PagableNode // stored once, however many chapters share it; one instance again on load
    record Author(String name) {}

    record Chapter(String title, Author author, PagableArc<String> text) {} // the text can leave the heap

    record Book(String title, List<Chapter> chapters) {}
    // end::model[]

    private ReadmeExample() {}

    static String run(Path directory, String noteA, String noteG) {
        // tag::use[]
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(new FileContentStore(directory)) // or JdbcContentStore, InMemoryContentStore
                .build()) {
            Author ada = new Author("Ada Lovelace");
            Book book = new Book(
                    "Notes",
                    List.of(new Chapter("A", ada, storage.arc(noteA)), new Chapter("G", ada, storage.arc(noteG))));
            DataKey key = storage.save(book); // durable now; the texts are paged out
            Book again = storage.load(key, Book.class); // chapters back, texts not read yet
            return again.chapters().get(1).text().get(); // read from the store on demand
        }
        // end::use[]
    }
}
