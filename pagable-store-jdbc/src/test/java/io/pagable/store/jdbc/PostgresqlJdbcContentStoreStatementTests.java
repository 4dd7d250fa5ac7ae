package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How {@link JdbcContentStore} talks to PostgreSQL: a batch of inserts is one statement over arrays,
 * a read binds up to 10,000 keys as one array, and reclaiming space vacuums the table.
 */
class PostgresqlJdbcContentStoreStatementTests {

    @RegisterExtension
    static final PooledDatabase database = PooledDatabase.postgresql();

    private CountingDataSource counting;

    private String tableName;

    @BeforeEach
    void createTable() throws SQLException {
        counting = new CountingDataSource(database.dataSource());
        tableName = StoreTables.uniqueTableName();
        StoreTables.create(database.dataSource(), tableName);
    }

    @AfterEach
    void dropTable() throws SQLException {
        StoreTables.drop(database.dataSource(), tableName);
    }

    @Test
    void putAllInsertsEachBatchWithOneStatement() {
        JdbcContentStore store = new JdbcContentStore(counting.dataSource(), tableName, 500);
        List<StoredNode> nodes = TestNodes.nodes(1, 1_200, 100);
        counting.reset();
        store.putAll(nodes);
        assertThat(counting.updates).hasValue(3);
        assertThat(counting.batches).hasValue(0);
        assertThat(store.getAll(TestNodes.keys(nodes))).hasSize(1_200).containsValues(nodes.get(1_199));
    }

    @Test
    void putAllOfStoredAndNewNodesAddsOnlyTheNewOnes() {
        JdbcContentStore store = new JdbcContentStore(database.dataSource(), tableName, 500);
        List<StoredNode> stored = leaves(1, 700);
        store.putAll(stored);
        List<StoredNode> mixed = new ArrayList<>(leaves(501, 1_200));
        mixed.addAll(stored.subList(0, 10));
        store.putAll(mixed);
        assertThat(store.stats().entries()).isEqualTo(1_200);
        assertThat(store.stats().bytes()).isEqualTo(TestNodes.storedSize(leaves(1, 1_200)));
    }

    @Test
    void getAllBindsUpToTenThousandKeysAsOneArray() {
        JdbcContentStore store = new JdbcContentStore(counting.dataSource(), tableName, 500);
        List<StoredNode> nodes = TestNodes.nodes(1, 12_000, 20);
        store.putAll(nodes);
        List<DataKey> keys = new ArrayList<>(TestNodes.keys(nodes));
        keys.add(TestNodes.node(20_000, 20).key());
        keys.add(keys.get(0));
        counting.reset();
        assertThat(store.getAll(keys)).hasSize(12_000).containsKeys(keys.get(11_999), keys.get(0));
        assertThat(counting.queries).hasValue(2);
        assertThat(counting.connectionsTaken).hasValue(1);
    }

    /** Nodes without children from the seeds {@code first} to {@code last}. */
    private static List<StoredNode> leaves(long first, long last) {
        List<StoredNode> leaves = new ArrayList<>();
        for (long seed = first; seed <= last; seed++) {
            leaves.add(TestNodes.node(seed, 100));
        }
        return leaves;
    }

    @Test
    void reclaimSpaceVacuumsTheTableAndReportsTheBytesItShrankBy() throws Exception {
        JdbcContentStore store = new JdbcContentStore(database.dataSource(), tableName, 500);
        List<StoredNode> nodes = leaves(1, 3_000);
        store.putAll(nodes);
        Thread.sleep(5);
        store.deleteUntouched(TestNodes.keys(nodes), store.now());

        assertThat(store.reclaimSpace()).as("empty pages cut off the end").isPositive();
        assertThat(store.reclaimSpace()).as("nothing left to give back").isZero();
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void getOfMissingKeyReturnsEmpty() {
        JdbcContentStore store = new JdbcContentStore(database.dataSource(), tableName);
        assertThat(store.get(TestNodes.node(1, 10).key())).isEmpty();
    }
}
