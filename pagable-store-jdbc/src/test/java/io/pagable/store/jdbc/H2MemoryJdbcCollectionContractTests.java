package io.pagable.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

/** H2 in memory; the database outlives the stores, so reopening finds the tables as they were. */
class H2MemoryJdbcCollectionContractTests extends AbstractJdbcCollectionContractTests {

    @RegisterExtension
    static final PooledDatabase database = PooledDatabase.h2Memory();

    @Override
    protected StoreDatabase database() {
        return database;
    }
}
