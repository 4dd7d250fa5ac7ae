package io.pagable.store.jdbc;

import io.pagable.StoreException;
import io.pagable.store.StoreStats;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The node table's row count and the sum of its rows' stored sizes, counted at most once per
 * {@code maxAgeNanos}: an answer younger than that is given again without a query, since counting
 * reads the whole table's key and size columns. {@link #forget()} drops the kept answer, so that the
 * next call counts anew: the store calls it after each of its own writes, which so show at once.
 */
final class JdbcNodeStats {

    private static final String STATS = "SELECT COUNT(*), COALESCE(SUM(STORED_SIZE), 0) FROM %TABLE_NAME%";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final long maxAgeNanos;

    private volatile @Nullable TakenStats lastStats;

    JdbcNodeStats(DataSource dataSource, JdbcNodeTable table, long maxAgeNanos) {
        this.dataSource = dataSource;
        this.table = table;
        this.maxAgeNanos = maxAgeNanos;
    }

    /**
     * Returns the kept answer if it is younger than {@code maxAgeNanos}, else counts the table.
     *
     * @throws StoreException if the database fails
     */
    StoreStats current() {
        TakenStats taken = lastStats;
        long now = System.nanoTime();
        if (taken != null && now - taken.at() < maxAgeNanos) {
            return taken.stats();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(table.sql(STATS));
                ResultSet rows = statement.executeQuery()) {
            rows.next();
            StoreStats stats = new StoreStats(rows.getLong(1), rows.getLong(2));
            lastStats = new TakenStats(stats, now);
            return stats;
        } catch (SQLException ex) {
            throw table.failure("count the nodes in", ex);
        }
    }

    /** Drops the kept answer: call it after a write has ended, so that a count racing with it is not kept. */
    void forget() {
        lastStats = null;
    }

    /** A stats answer and when it was taken ({@link System#nanoTime()}). */
    private record TakenStats(StoreStats stats, long at) {}
}
