package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the space of deleted nodes back where the database needs a command for it and the command
 * blocks neither reads nor writes; measured with 100,000 nodes of 1,000 bytes of which 90,000 were
 * deleted:
 *
 * <ul>
 *   <li>PostgreSQL: {@code VACUUM} of the node table, outside a transaction. It takes no lock that
 *       blocks reads or writes, marks the dead rows' space free for new rows (50,000 puts after it
 *       fitted in the 117 MB heap; without it, and with autovacuum off, the heap grew to 176 MB), and
 *       cuts empty pages off the end of the file: with the survivors spread over every page by their
 *       random keys that is nothing, with all but one node deleted 117 MB became 13 MB. (For the
 *       cut it takes the table's exclusive lock in steps of at most 20 ms, letting go as soon as
 *       another session waits.) It returns the bytes the table and its indexes and TOAST shrank by.
 *       A user who does not own the table gets a warning from PostgreSQL instead, logged once; the
 *       store then relies on autovacuum. {@code VACUUM FULL}, which rewrites the table under an
 *       exclusive lock, never runs.
 *   <li>MariaDB: nothing. InnoDB's purge thread removes deleted rows within a second by itself,
 *       and new rows use their space inside the pages (50,000 puts after the deletion left the
 *       data at 162.8 MB); the {@code .ibd} file stays at its size (180 MB) until a rebuild
 *       ({@code OPTIMIZE TABLE}), which the store does not run.
 *   <li>H2: nothing. The MVStore file grows while deleting (123 MB to 143-176 MB), and neither idle
 *       time (2 minutes), {@code CHECKPOINT} nor {@code CHECKPOINT SYNC} shrinks it; new writes
 *       reuse the free space (50,000 puts left it at 157 MB). It shrinks when the database closes,
 *       for {@code MAX_COMPACT_TIME} (a URL setting, 200 ms by default, which left 177 MB; 30000
 *       left 30 MB after 0.6 s), or with {@code SHUTDOWN COMPACT} (11 MB), which closes every
 *       connection: for a maintenance window, not for the store.
 * </ul>
 */
final class JdbcSpaceReclaimer {

    private static final Logger logger = LoggerFactory.getLogger(JdbcContentStore.class);

    private static final String SIZE = "SELECT PG_TOTAL_RELATION_SIZE(CAST(? AS REGCLASS))";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private volatile boolean warned;

    JdbcSpaceReclaimer(DataSource dataSource, JdbcNodeTable table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * Runs what the database needs, if anything.
     *
     * @return the bytes the database reports given back, 0 where it runs nothing
     * @throws StoreException if the database fails
     */
    long reclaim() {
        if (table.dialect() != JdbcDialect.POSTGRESQL) {
            return 0;
        }
        try {
            return JdbcTransactions.autoCommitted(dataSource, (connection) -> {
                long before = size(connection);
                try (Statement vacuum = connection.createStatement()) {
                    vacuum.execute("VACUUM " + table.name());
                    warnOnce(vacuum.getWarnings());
                }
                return Math.max(0, before - size(connection));
            });
        } catch (SQLException ex) {
            throw table.failure("vacuum", ex);
        }
    }

    private long size(Connection connection) throws SQLException {
        return JdbcTransactions.queryLong(connection, SIZE, (statement) -> statement.setString(1, table.name()));
    }

    private void warnOnce(SQLWarning warning) {
        if (warning != null && !warned) {
            warned = true;
            logger.warn(
                    "VACUUM of table {} did not run ({}); the space of deleted nodes is left to autovacuum. "
                            + "Let the store's user own the table to have it vacuumed after each collection",
                    table.name(),
                    warning.getMessage());
        }
    }
}
