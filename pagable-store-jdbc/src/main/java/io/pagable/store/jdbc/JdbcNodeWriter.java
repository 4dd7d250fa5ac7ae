package io.pagable.store.jdbc;

import io.pagable.DataKey;
import io.pagable.StoreException;
import io.pagable.store.StoredNode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.TreeMap;
import javax.sql.DataSource;

/**
 * Inserts nodes into the node table, leaving rows already there as they are. The nodes go in batches
 * of at most {@code batchSize}, in the order given; each batch holds a key once, is sorted by key (so
 * that concurrent writers lock rows in one order) and is one transaction, committed before the next
 * starts, with the dialect's insert-unless-present statement. A batch that fails as
 * {@linkplain JdbcDialect#isTransient transient} (a deadlock, a lock timeout, a concurrent insert of
 * a key) is rolled back and tried again after a short random pause that grows with each attempt, up
 * to {@value #MAX_ATTEMPTS} attempts. Each batch takes its own connection and hands it back with the
 * auto-commit it came with.
 */
final class JdbcNodeWriter {

    private static final int MAX_ATTEMPTS = 5;

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
     * Inserts the nodes whose keys are not in the table yet, batch by batch.
     *
     * @throws StoreException if a batch fails for good; the batches before it stay committed
     */
    void insertAll(List<StoredNode> nodes) {
        for (int from = 0; from < nodes.size(); from += batchSize) {
            TreeMap<DataKey, StoredNode> batch = new TreeMap<>();
            for (StoredNode node : nodes.subList(from, Math.min(nodes.size(), from + batchSize))) {
                batch.putIfAbsent(node.key(), node);
            }
            insertWithRetries(batch.values());
        }
    }

    private void insertWithRetries(Collection<StoredNode> batch) {
        for (int attempt = 1; ; attempt++) {
            try {
                insert(batch);
                return;
            } catch (SQLException ex) {
                if (attempt == MAX_ATTEMPTS || !table.dialect().isTransient(ex)) {
                    throw table.failure("insert " + batch.size() + " nodes into", ex);
                }
                pause(attempt, ex);
            }
        }
    }

    private void insert(Collection<StoredNode> batch) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
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
                connection.commit();
            } catch (SQLException | RuntimeException ex) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    ex.addSuppressed(rollbackFailure);
                }
                throw ex;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(connection);
                }
            }
        }
    }

    /** Hands the connection back as it came; if that fails, the pool resets or discards it. */
    private static void restoreAutoCommit(Connection connection) {
        try {
            connection.setAutoCommit(true);
        } catch (SQLException ex) {
            // The batch's own outcome is what the caller needs to know.
        }
    }

    private void pause(int attempt, SQLException cause) {
        try {
            Thread.sleep((long) (10 * attempt * (1 + Math.random())));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw table.failure("insert into (interrupted while retrying)", cause);
        }
    }
}
