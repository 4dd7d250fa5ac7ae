package io.pagable.boot.autoconfigure;

import java.util.Locale;

/** Where the auto-configured {@link io.pagable.PagableStorage} keeps paged-out data. */
public enum StoreType {

    /** A database table, through the application's {@link javax.sql.DataSource}. */
    JDBC,

    /** Files in a local directory. */
    FILE,

    /** A map on the heap; nothing survives a restart. For tests. */
    MEMORY;

    /**
     * Returns the name used in properties.
     *
     * @return the lower-case name, e.g. {@code "jdbc"}
     */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
