package io.pagable.store.jdbc;

import io.pagable.store.ContentStore;
import java.sql.SQLException;
import java.util.function.Supplier;

/**
 * The tables and store of one contract test: new tables under a name no other run uses, created
 * from the shipped schema script; stores on them with batches of {@value #BATCH_SIZE}, which makes
 * the suites' larger batches span several insert batches and read queries; the tables dropped at
 * the end.
 */
final class JdbcStoreFixture {

    static final int BATCH_SIZE = 200;

    private final Supplier<StoreDatabase> database;

    private String tableName;

    JdbcStoreFixture(Supplier<StoreDatabase> database) {
        this.database = database;
    }

    ContentStore create() throws SQLException {
        tableName = StoreTables.uniqueTableName();
        StoreTables.create(database.get().dataSource(), tableName);
        return open();
    }

    ContentStore reopen() {
        database.get().beforeReopen();
        return open();
    }

    void destroy() throws SQLException {
        try {
            StoreTables.drop(database.get().dataSource(), tableName);
        } finally {
            database.get().afterTest();
        }
    }

    String tableName() {
        return tableName;
    }

    private ContentStore open() {
        return new JdbcContentStore(database.get().dataSource(), tableName, BATCH_SIZE);
    }
}
