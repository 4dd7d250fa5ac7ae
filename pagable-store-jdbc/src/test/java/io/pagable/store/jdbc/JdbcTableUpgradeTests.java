package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.store.NodeSummary;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Tables of pagable 0.1 ({@code v0_1/schema-{platform}.sql} in the test resources, copies of that
 * release's scripts), which have no {@code TOUCHED_AT} and no tables beside them: {@code checkTable()}
 * names what they lack and gives the upgrade statements, and the shipped upgrade script brings them up
 * to date keeping their nodes.
 */
class JdbcTableUpgradeTests {

    @Test
    void checkTableOnATableOfPagable01NamesWhatItLacksAndGivesTheUpgradeStatements() throws Exception {
        try (HikariDataSource h2 = Pools.h2Memory()) {
            createTableOf01(h2, "PAGABLE_OLD");
            JdbcContentStore store = new JdbcContentStore(h2, "PAGABLE_OLD");

            assertThatExceptionOfType(MissingTableException.class)
                    .isThrownBy(store::checkTable)
                    .withMessageStartingWith("The table PAGABLE_OLD of the JDBC content store in the H2 database ")
                    .withMessageContaining(" is from pagable 0.1: it lacks the column TOUCHED_AT and the tables "
                            + "PAGABLE_OLD_ROOTS, PAGABLE_OLD_RETIRED, PAGABLE_OLD_LEASES, PAGABLE_OLD_GC_LOCK, which "
                            + "named roots and garbage collection need")
                    .withMessageContaining("with the script io/pagable/store/jdbc/schema-upgrade-h2.sql from the "
                            + "pagable-store-jdbc jar")
                    .withMessageContaining("which for this table is:\n"
                            + "ALTER TABLE PAGABLE_OLD ADD COLUMN IF NOT EXISTS TOUCHED_AT BIGINT DEFAULT 0 NOT NULL;\n"
                            + "CREATE TABLE IF NOT EXISTS PAGABLE_OLD_ROOTS (\n")
                    .withMessageContaining("CREATE TABLE IF NOT EXISTS PAGABLE_OLD_GC_LOCK (")
                    .withMessageEndingWith(");")
                    .satisfies((missing) -> {
                        assertThat(missing.getMissingColumns()).containsExactly("TOUCHED_AT");
                        assertThat(missing.getMissingTables())
                                .containsExactly(
                                        "PAGABLE_OLD_ROOTS",
                                        "PAGABLE_OLD_RETIRED",
                                        "PAGABLE_OLD_LEASES",
                                        "PAGABLE_OLD_GC_LOCK");
                        assertThat(missing.getUpgradeScript()).isEqualTo("io/pagable/store/jdbc/schema-upgrade-h2.sql");
                        assertThat(missing.getScript()).isEqualTo("io/pagable/store/jdbc/schema-h2.sql");
                    });
        }
    }

    @Test
    void createTableIfMissingOnATableOfPagable01AddsTheTablesBesideItAndAsksForTheUpgrade() throws Exception {
        try (HikariDataSource h2 = Pools.h2Memory()) {
            createTableOf01(h2, "PAGABLE_OLD");
            JdbcContentStore store = new JdbcContentStore(h2, "PAGABLE_OLD");

            assertThatExceptionOfType(MissingTableException.class)
                    .isThrownBy(store::createTableIfMissing)
                    .withMessageContaining("it lacks the column TOUCHED_AT, which named roots")
                    .satisfies(
                            (missing) -> assertThat(missing.getMissingTables()).isEmpty());
        }
    }

    @Test
    void checkTableNamesATableBesideItThatLacksColumns() throws Exception {
        try (HikariDataSource h2 = Pools.h2Memory()) {
            String tableName = StoreTables.uniqueTableName();
            StoreTables.create(h2, tableName);
            try (Connection connection = h2.getConnection()) {
                connection.createStatement().execute("ALTER TABLE " + tableName + "_LEASES DROP COLUMN LIVE_KEYS");
            }
            JdbcContentStore store = new JdbcContentStore(h2, tableName);

            assertThatExceptionOfType(MissingTableException.class)
                    .isThrownBy(store::checkTable)
                    .withMessageContaining("lacks the columns " + tableName + "_LEASES.LIVE_KEYS. Create it")
                    .satisfies(
                            (missing) -> assertThat(missing.getUpgradeScript()).isNull());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.pagable.store.jdbc.Pools#databases")
    void upgradeScriptKeepsTheNodesOfATableOfPagable01(String name, Supplier<HikariDataSource> database)
            throws Exception {
        String tableName = StoreTables.uniqueTableName();
        try (HikariDataSource dataSource = database.get()) {
            try {
                createTableOf01(dataSource, tableName);
                List<StoredNode> nodes = TestNodes.nodes(1, 300, 80);
                insertAs01(dataSource, tableName, nodes);
                JdbcContentStore store = new JdbcContentStore(dataSource, tableName);
                assertThatExceptionOfType(MissingTableException.class)
                        .isThrownBy(store::checkTable)
                        .satisfies((missing) ->
                                assertThat(missing.getMissingColumns()).containsExactly("TOUCHED_AT"));

                StoreTables.upgrade(dataSource, tableName);
                StoreTables.upgrade(dataSource, tableName); // again: nothing changes

                store.checkTable();
                assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(300).containsValue(nodes.get(299));
                assertThat(store.stats().entries()).isEqualTo(300);
                Map<DataKey, Instant> touched = store.scan(null, 1_000).stream()
                        .collect(Collectors.toMap(NodeSummary::key, NodeSummary::touchedAt));
                assertThat(touched.values()).containsOnly(Instant.EPOCH);

                Instant beforePut = store.now();
                store.putAll(nodes.subList(0, 10));
                assertThat(store.scan(null, 1_000))
                        .filteredOn((node) -> !node.touchedAt().isBefore(beforePut))
                        .extracting(NodeSummary::key)
                        .containsExactlyInAnyOrderElementsOf(TestNodes.keys(nodes.subList(0, 10)));
                assertThat(store.replaceRoot("upgraded", null, nodes.get(0).key()))
                        .isTrue();
                assertThat(store.root("upgraded").orElseThrow().key())
                        .isEqualTo(nodes.get(0).key());
            } finally {
                StoreTables.drop(dataSource, tableName);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(JdbcDialect.class)
    void upgradeScriptCreatesTheTablesBesideTheNodeTableAsTheSchemaScriptDoes(JdbcDialect dialect) {
        List<String> schema = JdbcNodeTable.statements(JdbcNodeTable.script("schema", dialect, "T"));
        List<String> upgrade = JdbcNodeTable.statements(JdbcNodeTable.script("schema-upgrade", dialect, "T"));

        assertThat(schema.get(0)).startsWith("CREATE TABLE IF NOT EXISTS T (");
        assertThat(upgrade.get(0))
                .isEqualTo("ALTER TABLE T ADD COLUMN IF NOT EXISTS TOUCHED_AT BIGINT DEFAULT 0 NOT NULL");
        assertThat(upgrade.subList(1, upgrade.size())).isEqualTo(schema.subList(1, schema.size()));
    }

    /** Runs the 0.1 release's schema script for the database, under a table name. */
    static void createTableOf01(DataSource dataSource, String tableName) throws SQLException, IOException {
        try (Connection connection = dataSource.getConnection()) {
            JdbcDialect dialect = JdbcDialect.of(connection.getMetaData());
            String resource = "io/pagable/store/jdbc/v0_1/schema-" + dialect.platform() + ".sql";
            try (InputStream in = JdbcTableUpgradeTests.class.getClassLoader().getResourceAsStream(resource)) {
                String script = new String(in.readAllBytes(), StandardCharsets.UTF_8)
                        .replace(JdbcContentStore.DEFAULT_TABLE_NAME, tableName);
                JdbcNodeTable.run(connection, script);
            }
        }
    }

    /** Inserts nodes into the columns the 0.1 release wrote. */
    private static void insertAs01(DataSource dataSource, String tableName, List<StoredNode> nodes)
            throws SQLException {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement insert = connection.prepareStatement("INSERT INTO " + tableName
                        + " (NODE_KEY, NODE_DATA, CHILD_KEYS, STORED_SIZE) VALUES (?, ?, ?, ?)")) {
            for (StoredNode node : nodes) {
                JdbcRows.bind(insert, node);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
