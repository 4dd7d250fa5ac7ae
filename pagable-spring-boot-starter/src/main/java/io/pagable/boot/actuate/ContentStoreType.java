package io.pagable.boot.actuate;

import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.file.FileContentStore;
import io.pagable.store.jdbc.JdbcContentStore;

/**
 * Names the kind of a {@link ContentStore} in the endpoint's and the health indicator's reports: the
 * value of {@code pagable.store.type} for the stores pagable ships, the class's simple name for any
 * other.
 */
public final class ContentStoreType {

    private ContentStoreType() {}

    /**
     * Returns the kind of a store.
     *
     * @param store the store
     * @return {@code jdbc}, {@code file}, {@code memory}, or the simple name of another store's class
     */
    public static String of(ContentStore store) {
        if (store instanceof JdbcContentStore) {
            return "jdbc";
        }
        if (store instanceof FileContentStore) {
            return "file";
        }
        if (store instanceof InMemoryContentStore) {
            return "memory";
        }
        return store.getClass().getSimpleName();
    }
}
