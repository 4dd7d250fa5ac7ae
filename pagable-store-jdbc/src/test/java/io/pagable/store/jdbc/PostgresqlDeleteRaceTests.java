package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.store.DeletedNodes;
import io.pagable.store.NodeSummary;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A deletion of the collector and a put of the same node on two PostgreSQL connections, each holding
 * the row's lock while the other waits for it: whichever commits first, the node a put touched after
 * the cutoff is there at the end, with its first bytes.
 */
class PostgresqlDeleteRaceTests {

    @RegisterExtension
    static final PooledDatabase database = PooledDatabase.postgresql();

    private String tableName;

    private JdbcContentStore store;

    private final StoredNode node = TestNodes.node(42, 300);

    @BeforeEach
    void createTable() throws Exception {
        tableName = StoreTables.uniqueTableName();
        StoreTables.create(database.dataSource(), tableName);
        store = new JdbcContentStore(database.dataSource(), tableName);
        store.put(node);
        Thread.sleep(20);
    }

    @AfterEach
    void dropTable() throws SQLException {
        StoreTables.drop(database.dataSource(), tableName);
    }

    @Test
    void aDeleteWaitingForAnUncommittedPutThatTouchedTheNodeKeepsIt() throws Exception {
        Instant cutoff = store.now();
        Thread.sleep(5);
        try (Connection putting = database.dataSource().getConnection()) {
            putting.setAutoCommit(false);
            put(putting, node); // touched after the cutoff, not committed: the row stays locked

            CompletableFuture<DeletedNodes> deleting =
                    CompletableFuture.supplyAsync(() -> store.deleteUntouched(List.of(node.key()), cutoff));
            awaitWaitingForALock();
            assertThat(deleting).isNotDone();

            putting.commit();
            assertThat(deleting.get(10, TimeUnit.SECONDS)).isEqualTo(DeletedNodes.NONE);
        }
        assertThat(store.get(node.key())).contains(node);
        assertThat(touchedAt(node.key())).isAfterOrEqualTo(cutoff);
    }

    @Test
    void aPutWaitingForAnUncommittedDeleteStoresTheNodeAgain() throws Exception {
        Instant cutoff = store.now();
        Thread.sleep(5);
        try (Connection deleting = database.dataSource().getConnection()) {
            deleting.setAutoCommit(false);
            try (PreparedStatement delete =
                    deleting.prepareStatement("DELETE FROM " + tableName + " WHERE NODE_KEY = ? AND TOUCHED_AT < ?")) {
                delete.setBytes(1, node.key().toBytes());
                delete.setLong(2, cutoff.toEpochMilli());
                assertThat(delete.executeUpdate()).isOne(); // deleted, not committed: the row stays locked
            }

            CompletableFuture<Void> putting = CompletableFuture.runAsync(() -> store.put(node));
            awaitWaitingForALock();
            assertThat(putting).isNotDone();

            deleting.commit();
            putting.get(10, TimeUnit.SECONDS);
        }
        assertThat(store.get(node.key())).contains(node);
        assertThat(touchedAt(node.key())).isAfterOrEqualTo(cutoff);
    }

    /** Runs the store's own insert-or-touch statement for one node on a connection. */
    private void put(Connection connection, StoredNode stored) throws SQLException {
        JdbcNodeTable table = new JdbcNodeTable(tableName, JdbcDialect.POSTGRESQL);
        try (PreparedStatement insert = connection.prepareStatement(table.sql(JdbcDialect.POSTGRESQL.insert()))) {
            JdbcRows.bindArrays(connection, insert, List.of(stored));
            assertThat(insert.executeUpdate()).isOne();
        }
    }

    /** Waits until a session of the database waits for a row lock. */
    private static void awaitWaitingForALock() throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (Connection connection = database.dataSource().getConnection();
                    PreparedStatement waiting = connection.prepareStatement(
                            "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock'");
                    ResultSet rows = waiting.executeQuery()) {
                rows.next();
                if (rows.getInt(1) > 0) {
                    return;
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError("no session waited for the row's lock");
    }

    private Instant touchedAt(DataKey key) {
        return store.scan(null, 10).stream()
                .filter((summary) -> summary.key().equals(key))
                .map(NodeSummary::touchedAt)
                .findFirst()
                .orElseThrow();
    }
}
