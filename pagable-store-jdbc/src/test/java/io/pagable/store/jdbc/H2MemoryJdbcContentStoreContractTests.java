package io.pagable.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class H2MemoryJdbcContentStoreContractTests extends AbstractJdbcContentStoreContractTests {

    @RegisterExtension
    static final PooledDatabase database = PooledDatabase.h2Memory();

    @Override
    protected StoreDatabase database() {
        return database;
    }
}
