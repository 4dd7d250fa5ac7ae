package io.pagable.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresqlJdbcContentStoreContractTests extends AbstractJdbcContentStoreContractTests {

    @RegisterExtension
    static final PooledDatabase database = PooledDatabase.postgresql();

    @Override
    protected StoreDatabase database() {
        return database;
    }
}
