package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresqlJdbcContentStoreContractTests extends AbstractJdbcContentStoreContractTests {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void openDatabase() {
        dataSource = Pools.pool(TestDatabases.postgresql());
    }

    @AfterAll
    static void closeDatabase() {
        if (dataSource != null) {
            dataSource.close();
        }
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
