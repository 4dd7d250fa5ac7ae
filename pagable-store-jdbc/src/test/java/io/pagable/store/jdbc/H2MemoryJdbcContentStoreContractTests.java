package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class H2MemoryJdbcContentStoreContractTests extends AbstractJdbcContentStoreContractTests {

    private static HikariDataSource dataSource;

    @BeforeAll
    static void openDatabase() {
        dataSource = Pools.pool("jdbc:h2:mem:pagable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterAll
    static void closeDatabase() {
        dataSource.close();
    }

    @Override
    protected DataSource dataSource() {
        return dataSource;
    }
}
