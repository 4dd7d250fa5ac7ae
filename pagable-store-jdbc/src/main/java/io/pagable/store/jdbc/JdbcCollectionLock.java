package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;

/**
 * The store's one collection lock: at most one row ({@code LOCK_ID} 1) in {@code <table>_GC_LOCK},
 * naming its holder and when it lapses by the database's clock. Taking it is one conditional update
 * (the holder's own row, or a lapsed one, becomes the holder's until now plus the duration), and if
 * no row was there, one insert, which a concurrent insert makes fail as a duplicate: under the
 * database's row lock, two holders can never both get it. Each statement commits on its own.
 */
final class JdbcCollectionLock {

    private static final String EXTEND = """
            UPDATE %TABLE_NAME%_GC_LOCK SET HOLDER = ?, EXPIRES_AT = %NOW% + ?
            WHERE LOCK_ID = 1 AND (HOLDER = ? OR EXPIRES_AT <= %NOW%)""";

    private static final String TAKE =
            "INSERT INTO %TABLE_NAME%_GC_LOCK (LOCK_ID, HOLDER, EXPIRES_AT) VALUES (1, ?, %NOW% + ?)";

    private static final String HELD =
            "SELECT 1 FROM %TABLE_NAME%_GC_LOCK WHERE LOCK_ID = 1 AND HOLDER = ? AND EXPIRES_AT > %NOW%";

    private static final String RELEASE = "DELETE FROM %TABLE_NAME%_GC_LOCK WHERE LOCK_ID = 1 AND HOLDER = ?";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final String lockTable;

    JdbcCollectionLock(DataSource dataSource, JdbcNodeTable table) {
        this.dataSource = dataSource;
        this.table = table;
        this.lockTable = table.sideTable("_GC_LOCK");
    }

    /**
     * Takes or extends the lock for a holder.
     *
     * @return true if the holder holds it now
     * @throws StoreException if the database fails
     */
    boolean tryLock(String holder, Duration duration) {
        try {
            return JdbcTransactions.autoCommitted(
                    dataSource,
                    (connection) -> extend(connection, holder, duration)
                            || take(connection, holder, duration)
                            // an update that changed nothing counts 0 on a MariaDB connection with useAffectedRows
                            || held(connection, holder));
        } catch (SQLException ex) {
            throw table.failure("take the collection lock for " + holder + " in", lockTable, ex);
        }
    }

    private boolean extend(Connection connection, String holder, Duration duration) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.sql(EXTEND))) {
            statement.setString(1, holder);
            statement.setLong(2, duration.toMillis());
            statement.setString(3, holder);
            return statement.executeUpdate() == 1;
        }
    }

    private boolean take(Connection connection, String holder, Duration duration) throws SQLException {
        return JdbcTransactions.insertIfAbsent(connection, table, TAKE, (statement) -> {
            statement.setString(1, holder);
            statement.setLong(2, duration.toMillis());
        });
    }

    private boolean held(Connection connection, String holder) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.sql(HELD))) {
            statement.setString(1, holder);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next();
            }
        }
    }

    /**
     * Releases the lock if the holder holds it.
     *
     * @throws StoreException if the database fails
     */
    void unlock(String holder) {
        try {
            JdbcTransactions.update(dataSource, table.sql(RELEASE), (statement) -> statement.setString(1, holder));
        } catch (SQLException ex) {
            throw table.failure("release the collection lock of " + holder + " in", lockTable, ex);
        }
    }
}
