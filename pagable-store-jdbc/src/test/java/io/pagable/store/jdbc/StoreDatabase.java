package io.pagable.store.jdbc;

import javax.sql.DataSource;

/**
 * Where a contract suite's stores live: a data source, and what a reopen of the store and the end
 * of a test do to the database. A server's or an in-memory database's stay as they are; a file
 * database closes to be reopened from its file.
 */
interface StoreDatabase {

    /** Returns the database, open. */
    DataSource dataSource();

    /** Called before a store is opened again over the last one's tables; the default does nothing. */
    default void beforeReopen() {}

    /** Called at the end of a test, once its tables are dropped; the default does nothing. */
    default void afterTest() {}
}
