package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@link JdbcContentStore#checkTable()} and {@link JdbcContentStore#createTableIfMissing()}. */
class JdbcContentStoreTableTests {

    @Test
    void checkTableOnAnEmptyDatabaseNamesTableDatabaseAndScript() {
        try (HikariDataSource h2 = Pools.h2Memory()) {
            JdbcContentStore store = new JdbcContentStore(h2, "PAGABLE_ABSENT");
            assertThatExceptionOfType(MissingTableException.class)
                    .isThrownBy(store::checkTable)
                    .withMessageStartingWith(
                            "The table PAGABLE_ABSENT of the JDBC content store does not exist in the H2 database")
                    .withMessageContaining("io/pagable/store/jdbc/schema-h2.sql from the pagable-store-jdbc jar")
                    .withMessageContaining("JdbcContentStore.createTableIfMissing()")
                    .satisfies((missing) -> {
                        assertThat(missing.getTableName()).isEqualTo("PAGABLE_ABSENT");
                        assertThat(missing.getDatabase()).startsWith("H2 database");
                        assertThat(missing.getScript()).isEqualTo("io/pagable/store/jdbc/schema-h2.sql");
                        assertThat(missing.getMissingColumns()).isEmpty();
                    });
        }
    }

    @Test
    void checkTableNamesTheColumnsATableLacks() throws SQLException {
        try (HikariDataSource h2 = Pools.h2Memory()) {
            try (Connection connection = h2.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("CREATE TABLE PAGABLE_OLD (NODE_KEY BINARY(16) PRIMARY KEY, NODE_DATA BLOB)");
            }
            JdbcContentStore store = new JdbcContentStore(h2, "PAGABLE_OLD");
            assertThatExceptionOfType(MissingTableException.class)
                    .isThrownBy(store::checkTable)
                    .withMessageContaining("lacks the columns CHILD_KEYS, STORED_SIZE, CREATED_AT, TOUCHED_AT")
                    .satisfies((missing) -> {
                        assertThat(missing.getMissingColumns())
                                .containsExactly("CHILD_KEYS", "STORED_SIZE", "CREATED_AT", "TOUCHED_AT");
                        assertThat(missing.getUpgradeScript()).isNull();
                    });
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagable.store.jdbc.Pools#databases")
    void createTableIfMissingCreatesTheTableUnderItsConfiguredName(String name, Supplier<HikariDataSource> database)
            throws SQLException {
        String tableName = StoreTables.uniqueTableName();
        try (HikariDataSource dataSource = database.get()) {
            try {
                JdbcContentStore store = new JdbcContentStore(dataSource, tableName);
                assertThatExceptionOfType(MissingTableException.class).isThrownBy(store::checkTable);
                store.createTableIfMissing();
                store.checkTable();
                StoredNode node = TestNodes.node(1, 100);
                store.put(node);
                store.createTableIfMissing();
                assertThat(store.get(node.key())).contains(node);
            } finally {
                StoreTables.drop(dataSource, tableName);
            }
        }
    }
}
