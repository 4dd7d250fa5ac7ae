package io.pagable.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class PostgresqlJdbcCollectionContractTests extends AbstractJdbcCollectionContractTests {

    @RegisterExtension
    static final PooledDatabase database = PooledDatabase.postgresql();

    @Override
    protected StoreDatabase database() {
        return database;
    }
}
