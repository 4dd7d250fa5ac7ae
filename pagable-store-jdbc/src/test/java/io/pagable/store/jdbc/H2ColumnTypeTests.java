package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The column types of the H2 table: the shipped script's {@code BINARY VARYING} columns, and tables
 * that earlier versions created with {@code BLOB} columns, which the store still reads and writes
 * once upgraded for collection, also after they are altered to the new type in place.
 */
class H2ColumnTypeTests {

    private static final String BLOB_TABLE = """
            CREATE TABLE %s (
                NODE_KEY BINARY(16) NOT NULL PRIMARY KEY,
                NODE_DATA BLOB NOT NULL,
                CHILD_KEYS BLOB NOT NULL,
                STORED_SIZE BIGINT NOT NULL,
                CREATED_AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL
            )""";

    @TempDir
    Path directory;

    private HikariDataSource h2;

    private String tableName;

    @BeforeEach
    void openDatabase() {
        h2 = Pools.pool("jdbc:h2:file:" + directory.resolve("pagable"), "sa", "");
        tableName = StoreTables.uniqueTableName();
    }

    @AfterEach
    void closeDatabase() {
        h2.close();
    }

    @Test
    void shippedScriptKeepsNodeBytesInRowsAsBinaryVarying() throws SQLException {
        StoreTables.create(h2, tableName);
        assertThat(columnTypes())
                .containsEntry("NODE_DATA", "BINARY VARYING")
                .containsEntry("CHILD_KEYS", "BINARY VARYING");
        assertRoundTrips(new JdbcContentStore(h2, tableName));
    }

    @Test
    void tableWithBlobColumnsOfEarlierVersionsStillStoresAndReads() throws SQLException {
        execute(BLOB_TABLE.formatted(tableName));
        StoreTables.upgrade(h2, tableName);
        assertThat(columnTypes()).containsEntry("NODE_DATA", "BINARY LARGE OBJECT");
        assertRoundTrips(new JdbcContentStore(h2, tableName));
    }

    @Test
    void blobTableAlteredToBinaryVaryingKeepsItsRows() throws SQLException {
        execute(BLOB_TABLE.formatted(tableName));
        StoreTables.upgrade(h2, tableName);
        JdbcContentStore store = new JdbcContentStore(h2, tableName);
        List<StoredNode> before = nodes(1);
        store.putAll(before);

        execute("ALTER TABLE " + tableName + " ALTER COLUMN NODE_DATA SET DATA TYPE BINARY VARYING");
        execute("ALTER TABLE " + tableName + " ALTER COLUMN CHILD_KEYS SET DATA TYPE BINARY VARYING");

        assertThat(columnTypes()).containsEntry("NODE_DATA", "BINARY VARYING");
        assertThat(store.getAll(TestNodes.keys(before))).containsExactlyEntriesOf(byKey(before));
        assertRoundTrips(store);
    }

    /** Stores small nodes with children and an 8 MiB node, twice, and reads them back. */
    private static void assertRoundTrips(JdbcContentStore store) {
        List<StoredNode> nodes = nodes(1_000);
        store.putAll(nodes);
        store.putAll(nodes);
        store.flush();
        assertThat(store.getAll(TestNodes.keys(nodes))).containsExactlyEntriesOf(byKey(nodes));
        assertThat(store.stats().entries()).isGreaterThanOrEqualTo(nodes.size());
    }

    private static List<StoredNode> nodes(long firstSeed) {
        List<StoredNode> nodes = new ArrayList<>(TestNodes.nodes(firstSeed, 300, 260));
        nodes.add(TestNodes.node(firstSeed + 300, 8 * 1024 * 1024, TestNodes.keys(nodes.subList(0, 3))));
        nodes.add(TestNodes.node(firstSeed + 301, 0, TestNodes.keys(nodes.subList(0, 1_000 / 4))));
        return nodes;
    }

    private static Map<DataKey, StoredNode> byKey(List<StoredNode> nodes) {
        Map<DataKey, StoredNode> byKey = new LinkedHashMap<>();
        nodes.forEach((node) -> byKey.put(node.key(), node));
        return byKey;
    }

    private Map<String, String> columnTypes() throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection connection = h2.getConnection();
                PreparedStatement statement = connection.prepareStatement(
                        "SELECT COLUMN_NAME, DATA_TYPE FROM INFORMATION_SCHEMA.COLUMNS WHERE TABLE_NAME = ?")) {
            statement.setString(1, tableName);
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    types.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return types;
    }

    private void execute(String sql) throws SQLException {
        try (Connection connection = h2.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
