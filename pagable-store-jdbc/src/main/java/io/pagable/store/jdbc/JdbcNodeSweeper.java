package io.pagable.store.jdbc;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.DeletedNodes;
import io.pagable.store.NodeSummary;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * What the collector reads and deletes in the node table. A scan lists keys, sizes and touched times
 * in key order a page at a time (keyset paging on the primary key: the 16-byte keys compare as
 * unsigned bytes on every database, which is {@link DataKey#compareTo}'s order). A deletion goes in
 * batches of at most {@value #DELETE_BATCH} keys, each one statement in a transaction of its own,
 * that deletes a row only if its touched time, read under the row's lock, is before the cutoff, and
 * returns the sizes of the rows it deleted ({@code RETURNING} on PostgreSQL and MariaDB, H2's
 * {@code OLD TABLE} of the delete): a put that touches a row first keeps it, one that comes after
 * the delete stores it again, and no batch locks more than its rows. On MariaDB the deletion reads
 * committed rows, which takes no gap locks that would block inserts of new keys between them. A
 * batch that fails transiently (a deadlock with a put) deleted nothing and is tried again.
 */
final class JdbcNodeSweeper {

    /** The most keys one delete statement names. */
    static final int DELETE_BATCH = 1_000;

    private static final String COLUMNS = "SELECT NODE_KEY, STORED_SIZE, TOUCHED_AT FROM %TABLE_NAME%";

    private static final String FIRST_PAGE = COLUMNS + " ORDER BY NODE_KEY %LIMIT%";

    private static final String NEXT_PAGE = COLUMNS + " WHERE NODE_KEY > ? ORDER BY NODE_KEY %LIMIT%";

    private static final String DELETE_IN_ARRAY = "DELETE FROM %TABLE_NAME% WHERE NODE_KEY = ANY(?) AND TOUCHED_AT < ?";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final String deleteSql;

    JdbcNodeSweeper(DataSource dataSource, JdbcNodeTable table) {
        this.dataSource = dataSource;
        this.table = table;
        this.deleteSql = table.sql(
                switch (table.dialect()) {
                    case H2 -> "SELECT STORED_SIZE FROM OLD TABLE (" + DELETE_IN_ARRAY + ")";
                    case POSTGRESQL -> DELETE_IN_ARRAY + " RETURNING STORED_SIZE";
                    case MARIADB -> """
                            DELETE FROM %TABLE_NAME% WHERE NODE_KEY IN (%KEYS%) AND TOUCHED_AT < ?
                            RETURNING STORED_SIZE""";
                });
    }

    /**
     * Lists the nodes whose keys follow {@code after}, in key order, without their bytes.
     *
     * @throws StoreException if the database fails
     */
    List<NodeSummary> scan(@Nullable DataKey after, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(table.sql((after == null) ? FIRST_PAGE : NEXT_PAGE))) {
            int parameter = 1;
            if (after != null) {
                statement.setBytes(parameter++, after.toBytes());
            }
            statement.setInt(parameter, limit);
            List<NodeSummary> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(new NodeSummary(
                            JdbcRows.key(rows, 1), rows.getLong(2), Instant.ofEpochMilli(rows.getLong(3))));
                }
            }
            return page;
        } catch (SQLException ex) {
            throw table.failure("scan", ex);
        }
    }

    /**
     * Deletes the given nodes touched before the cutoff, batch by batch.
     *
     * @return how many rows were deleted and the sum of their stored sizes
     * @throws StoreException if a batch fails for good; the batches before it stay deleted
     */
    DeletedNodes deleteUntouched(Collection<DataKey> keys, Instant touchedBefore) {
        List<DataKey> unique = new ArrayList<>(new LinkedHashSet<>(keys));
        unique.sort(null); // in key order, as the writer locks rows
        DeletedNodes deleted = DeletedNodes.NONE;
        for (int from = 0; from < unique.size(); from += DELETE_BATCH) {
            List<DataKey> batch = unique.subList(from, Math.min(unique.size(), from + DELETE_BATCH));
            deleted = deleted.plus(JdbcTransactions.retrying(
                    table,
                    "delete " + batch.size() + " nodes from",
                    () -> JdbcTransactions.autoCommitted(
                            dataSource, (connection) -> delete(connection, batch, touchedBefore))));
        }
        return deleted;
    }

    private DeletedNodes delete(Connection connection, List<DataKey> batch, Instant touchedBefore) throws SQLException {
        boolean readCommitted = table.dialect() == JdbcDialect.MARIADB
                && connection.getTransactionIsolation() != Connection.TRANSACTION_READ_COMMITTED;
        int isolation = connection.getTransactionIsolation();
        if (readCommitted) {
            connection.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
        }
        try (PreparedStatement statement = JdbcKeys.prepare(connection, table.dialect(), deleteSql, batch)) {
            statement.setLong(JdbcKeys.nextParameter(table.dialect(), batch.size()), touchedBefore.toEpochMilli());
            long nodes = 0;
            long bytes = 0;
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    nodes++;
                    bytes += rows.getLong(1);
                }
            }
            return new DeletedNodes(nodes, bytes);
        } finally {
            if (readCommitted) {
                connection.setTransactionIsolation(isolation);
            }
        }
    }
}
