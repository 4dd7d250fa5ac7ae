package io.pagable.store.jdbc;

import org.junit.jupiter.api.extension.RegisterExtension;

class MariadbJdbcContentStoreContractTests extends AbstractJdbcContentStoreContractTests {

    @RegisterExtension
    static final PooledDatabase database = PooledDatabase.mariadb();

    @Override
    protected StoreDatabase database() {
        return database;
    }
}
