package io.pagable.store.jdbc;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Inserts nodes into the node table; a row already there keeps its bytes and has its touched time
 * raised to the database's clock at the statement, never lowered. The nodes go in batches of at most
 * {@code batchSize}, in the order given; each batch holds a key once, is sorted by key (so that
 * concurrent writers, and the sweeper's deletes, lock rows in one order) and is one transaction,
 * committed before the next starts, with the dialect's insert-or-touch statement. A batch that fails
 * as {@linkplain JdbcDialect#isTransient transient} (a deadlock, a lock timeout, a concurrent insert
 * of a key) is rolled back and tried again ({@link JdbcTransactions#retrying}). Each batch takes its
 * own connection and hands it back with the auto-commit it came with.
 */
final class JdbcNodeWriter {

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final int batchSize;

    private final String insertSql;

    JdbcNodeWriter(DataSource dataSource, JdbcNodeTable table, int batchSize) {
        this.dataSource = dataSource;
        this.table = table;
        this.batchSize = batchSize;
        this.insertSql = table.sql(table.dialect().insert());
    }

    /**
     * Inserts the nodes whose keys are not in the table yet, and touches the others, batch by batch.
     *
     * @throws StoreException if a batch fails for good; the batches before it stay committed
     */
    void insertAll(List<StoredNode> nodes) {
        for (int from = 0; from < nodes.size(); from += batchSize) {
            TreeMap<DataKey, StoredNode> batch = new TreeMap<>();
            for (StoredNode node : nodes.subList(from, Math.min(nodes.size(), from + batchSize))) {
                batch.putIfAbsent(node.key(), node);
            }
            JdbcTransactions.retrying(table, "insert " + batch.size() + " nodes into", () -> insert(batch.values()));
        }
    }

    private Void insert(Collection<StoredNode> batch) throws SQLException {
        return JdbcTransactions.inTransaction(dataSource, (connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(insertSql)) {
                if (table.dialect().bindsArrays()) {
                    JdbcRows.bindArrays(connection, statement, batch);
                    statement.executeUpdate();
                } else {
                    for (StoredNode node : batch) {
                        JdbcRows.bind(statement, node);
                        statement.addBatch();
                    }
                    statement.executeBatch();
                }
            }
            return null;
        });
    }
}
