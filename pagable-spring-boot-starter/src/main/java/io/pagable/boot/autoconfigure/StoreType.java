package io.pagable.boot.autoconfigure;

import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.file.FileContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Where the auto-configured {@link io.pagable.PagableStorage} keeps paged-out data. */
public enum StoreType {

    /** A database table, through the application's {@link javax.sql.DataSource}. */
    JDBC,

    /** Files in a local directory. */
    FILE,

    /** A map on the heap; nothing survives a restart. For tests. */
    MEMORY;

    /**
     * Returns the name used in properties and in the actuator.
     *
     * @return the lower-case name, e.g. {@code "jdbc"}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Names the kind of a store for reports: {@code jdbc}, {@code file} or {@code memory} for the
     * stores pagable ships, the class's simple name for any other.
     *
     * @param store the store
     * @return the store's kind
     */
    public static String describe(ContentStore store) {
        if (store instanceof JdbcContentStore) {
            return JDBC.id();
        }
        if (store instanceof FileContentStore) {
            return FILE.id();
        }
        if (store instanceof InMemoryContentStore) {
            return MEMORY.id();
        }
        return store.getClass().getSimpleName();
    }

    static String ids() {
        return Arrays.stream(values()).map(StoreType::id).collect(Collectors.joining(", "));
    }
}
