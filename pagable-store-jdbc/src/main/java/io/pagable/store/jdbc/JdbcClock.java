package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.sql.SQLException;
import java.time.Instant;
import javax.sql.DataSource;

/**
 * The database's clock, the one every instance on the table shares and the store's statements write
 * its touched times, leases and retired roots in (the dialect's {@linkplain JdbcDialect#now() clock
 * expression}), to the millisecond. It is read in a transaction of its own, so that on H2, whose
 * clock is the start of the transaction, it is now.
 */
final class JdbcClock {

    private static final String NOW = "SELECT %NOW%";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    JdbcClock(DataSource dataSource, JdbcNodeTable table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * Returns the database's time.
     *
     * @throws StoreException if the database fails
     */
    Instant now() {
        try {
            return Instant.ofEpochMilli(JdbcTransactions.autoCommitted(
                    dataSource,
                    (connection) -> JdbcTransactions.queryLong(connection, table.sql(NOW), (statement) -> {})));
        } catch (SQLException ex) {
            throw table.failure("read the clock of the database of", ex);
        }
    }
}
