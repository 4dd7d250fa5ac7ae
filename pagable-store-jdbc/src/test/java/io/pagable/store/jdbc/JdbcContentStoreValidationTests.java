package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What {@link JdbcContentStore} checks and how it uses its data source, on an H2 database. */
class JdbcContentStoreValidationTests {

    private static HikariDataSource h2;

    private final CountingDataSource counting = new CountingDataSource(h2);

    private String tableName;

    @BeforeAll
    static void openDatabase() {
        h2 = Pools.pool("jdbc:h2:mem:validation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    @AfterAll
    static void closeDatabase() {
        h2.close();
    }

    @BeforeEach
    void createTable() throws SQLException {
        tableName = StoreTables.uniqueTableName();
        StoreTables.create(h2, tableName);
    }

    @AfterEach
    void dropTable() throws SQLException {
        StoreTables.drop(h2, tableName);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PAGABLE_NODES; DROP TABLE USERS",
                "PAGABLE_NODES--",
                "PAGABLE_NODES/**/",
                "nodes WHERE 1=1",
                "\"PAGABLE_NODES\"",
                "`nodes`",
                "x'y",
                "a.b.c",
                ".nodes",
                "nodes.",
                "1NODES",
                "",
                " ",
                "nodes\n",
                "nöde",
                "t(NODE_KEY)"
            })
    void tableNameThatIsNotAPlainIdentifierIsRejectedBeforeAnySql(String tableName) {
        DataSource unusable = CountingDataSource.proxy(DataSource.class, (proxy, method, args) -> {
            throw new AssertionError("the store used the data source before validating the table name");
        });
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JdbcContentStore(unusable, tableName))
                .withMessageContaining("tableName '" + tableName + "'");
    }

    @Test
    void tableNamesAreShortEnoughForTheTablesBesideThemToFitPostgresql() {
        int longestSuffix = JdbcNodeTable.SIDE_TABLES.keySet().stream()
                .mapToInt(String::length)
                .max()
                .orElseThrow();
        assertThat(JdbcContentStore.MAX_TABLE_NAME_LENGTH + longestSuffix).isEqualTo(JdbcNodeTable.MAX_IDENTIFIER);
        String longest = "T".repeat(JdbcContentStore.MAX_TABLE_NAME_LENGTH);
        assertThat(JdbcNodeTable.validName("S".repeat(63) + "." + longest)).endsWith(longest);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> JdbcNodeTable.validName(longest + "T"))
                .withMessageContaining("at most 55 characters (the store names the tables beside it by adding "
                        + "_ROOTS, _RETIRED, _LEASES, _GC_LOCK, and PostgreSQL cuts names at 63)");
    }

    @Test
    void tableNameWithSchemaPrefixIsAccepted() throws SQLException {
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE SCHEMA IF NOT EXISTS PAGABLE_APP");
        }
        String qualified = "PAGABLE_APP." + tableName;
        StoreTables.create(h2, qualified);
        try {
            JdbcContentStore store = new JdbcContentStore(h2, qualified);
            StoredNode node = TestNodes.node(1, 10);
            store.put(node);
            assertThat(store.get(node.key())).contains(node);
        } finally {
            StoreTables.drop(h2, qualified);
        }
    }

    @Test
    void batchSizeOutOfRangeIsRejectedNamingTheValue() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JdbcContentStore(h2, tableName, 0))
                .withMessage("batchSize must be between 1 and 10000, but was 0");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JdbcContentStore(h2, tableName, 10_001))
                .withMessageContaining("but was 10001");
    }

    @Test
    void unsupportedDatabaseFailsAtConstructionListingTheSupportedOnes() {
        DatabaseMetaData oracle =
                CountingDataSource.proxy(DatabaseMetaData.class, (proxy, method, args) -> switch (method.getName()) {
                    case "getDatabaseProductName" -> "Oracle";
                    case "getDatabaseProductVersion" -> "23ai";
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        Connection connection =
                CountingDataSource.proxy(Connection.class, (proxy, method, args) -> switch (method.getName()) {
                    case "getMetaData" -> oracle;
                    case "close" -> null;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
        DataSource dataSource = CountingDataSource.proxy(DataSource.class, (proxy, method, args) -> connection);
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new JdbcContentStore(dataSource, tableName))
                .withMessageContaining("Oracle 23ai")
                .withMessageContaining("Supported databases: H2, PostgreSQL, MariaDB");
    }

    @Test
    void unreachableDatabaseFailsAtConstructionSayingWhatToCheck() {
        DataSource down = CountingDataSource.proxy(DataSource.class, (proxy, method, args) -> {
            throw new SQLException("Connection refused");
        });
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> new JdbcContentStore(down, tableName))
                .withMessageContaining("Connection refused")
                .withMessageContaining("Check the database URL");
    }

    @Test
    void everyCallReturnsItsConnectionBeforeItEnds() {
        JdbcContentStore store = new JdbcContentStore(counting.dataSource(), tableName);
        List<StoredNode> nodes = TestNodes.nodes(1, 1_200, 100);
        store.putAll(nodes);
        store.put(nodes.get(0));
        store.get(nodes.get(1).key());
        store.getAll(TestNodes.keys(nodes));
        store.contains(nodes.get(2).key());
        store.stats();
        assertThat(counting.connectionsTaken).hasValueGreaterThanOrEqualTo(8);
        assertThat(counting.connectionsOpen).hasValue(0);
    }

    @Test
    void getAllOnH2BindsUpToTenThousandKeysAsOneArrayPerQueryWhateverTheBatchSize() {
        JdbcContentStore store = new JdbcContentStore(counting.dataSource(), tableName, 500);
        List<StoredNode> nodes = TestNodes.nodes(1, JdbcContentStore.MAX_BATCH_SIZE + 200, 10);
        store.putAll(nodes);
        counting.reset();
        assertThat(store.getAll(TestNodes.keys(nodes).subList(0, 1_200)))
                .containsOnlyKeys(TestNodes.keys(nodes).subList(0, 1_200));
        assertThat(counting.queries).hasValue(1);
        counting.reset();
        assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(nodes.size());
        assertThat(counting.queries).hasValue(2);
        assertThat(counting.connectionsTaken).hasValue(1);
    }

    @Test
    void putAllInsertsWithOneBatchPerBatchSize() {
        JdbcContentStore store = new JdbcContentStore(counting.dataSource(), tableName, 500);
        counting.reset();
        store.putAll(TestNodes.nodes(1, 1_200, 100));
        assertThat(counting.batches).hasValue(3);
        assertThat(store.stats().entries()).isEqualTo(1_200);
    }

    @Test
    void statsScansTheTableOnceForRepeatedPollsAndAgainAfterOwnWrites() {
        JdbcContentStore store = new JdbcContentStore(counting.dataSource(), tableName);
        JdbcContentStore other = new JdbcContentStore(h2, tableName);
        store.put(TestNodes.node(1, 10));
        counting.reset();

        assertThat(store.stats().entries()).isEqualTo(1);
        assertThat(store.stats().entries()).isEqualTo(1);
        assertThat(counting.queries).hasValue(1);

        other.put(TestNodes.node(2, 10));
        assertThat(store.stats().entries())
                .as("another instance's write shows within the reuse window")
                .isEqualTo(1);

        store.put(TestNodes.node(3, 10));
        assertThat(store.stats().entries())
                .as("its own write discards the kept answer")
                .isEqualTo(3);
    }

    @Test
    void missingTableIsReportedWithTableOperationAndScript() {
        JdbcContentStore store = new JdbcContentStore(h2, "PAGABLE_MISSING_TABLE");
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> store.get(TestNodes.node(1, 1).key()))
                .withMessageContaining("could not read 1 nodes from table PAGABLE_MISSING_TABLE on H2")
                .withMessageContaining("io/pagable/store/jdbc/schema-h2.sql");
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> store.put(TestNodes.node(1, 1)))
                .withMessageContaining("could not insert 1 nodes into table PAGABLE_MISSING_TABLE");
    }

    @Test
    void flushCheckpointsH2() throws SQLException {
        JdbcContentStore store = new JdbcContentStore(h2, tableName);
        store.put(TestNodes.node(1, 10));
        store.flush();
        assertThat(store.stats().entries()).isEqualTo(1);
    }

    @Test
    void flushByUserWithoutAdminRightsStillSucceeds() throws SQLException {
        // The URL without its settings: only an admin may change DB_CLOSE_DELAY.
        String user = "PAGABLE_WRITER_" + tableName.substring(tableName.length() - 6);
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE USER " + user + " PASSWORD 'secret'");
            statement.execute("GRANT SELECT, INSERT, UPDATE ON " + tableName + " TO " + user);
        }
        try (HikariDataSource writer = Pools.pool(h2.getJdbcUrl().split(";")[0], user, "secret")) {
            JdbcContentStore store = new JdbcContentStore(writer, tableName);
            StoredNode node = TestNodes.node(1, 10);
            store.put(node);
            store.flush();
            store.flush();
            assertThat(store.get(node.key())).contains(node);
        } finally {
            try (Connection connection = h2.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP USER " + user);
            }
        }
    }

    @Test
    void closedStoreRefusesCallsAndLeavesTheDataSourceOpen() {
        JdbcContentStore store = new JdbcContentStore(h2, tableName);
        store.close();
        assertThatIllegalStateException().isThrownBy(() -> store.put(TestNodes.node(1, 1)));
        assertThat(h2.isClosed()).isFalse();
    }
}
