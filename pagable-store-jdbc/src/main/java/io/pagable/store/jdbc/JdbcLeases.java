package io.pagable.store.jdbc;

import io.pagable.StoreException;
import io.pagable.store.StoreLease;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * The engines' leases ({@code <table>_LEASES}), one row per holder, with times by the database's
 * clock: a renewal writes the row in one statement, inserting it or replacing its times and live
 * keys (the dialect's upsert), so a renewal racing with a deletion of the expired row either
 * re-creates it or keeps it. Listing returns the rows that have not expired and deletes those that
 * have, so the rows of instances that died do not pile up. The live keys are kept as the bytes given
 * (up to the filter's 256 MiB; MariaDB takes a statement of at most {@code max_allowed_packet}, 16 MiB
 * by default). Each statement commits on its own.
 */
final class JdbcLeases {

    private static final String H2_RENEW = """
            MERGE INTO %TABLE_NAME%_LEASES (HOLDER, RENEWED_AT, EXPIRES_AT, LIVE_KEYS) KEY (HOLDER)
            VALUES (?, %NOW%, %NOW% + ?, ?)""";

    private static final String POSTGRESQL_RENEW = """
            INSERT INTO %TABLE_NAME%_LEASES (HOLDER, RENEWED_AT, EXPIRES_AT, LIVE_KEYS)
            VALUES (?, %NOW%, %NOW% + ?, ?)
            ON CONFLICT (HOLDER) DO UPDATE SET RENEWED_AT = EXCLUDED.RENEWED_AT, EXPIRES_AT = EXCLUDED.EXPIRES_AT,
                LIVE_KEYS = EXCLUDED.LIVE_KEYS""";

    private static final String MARIADB_RENEW = """
            INSERT INTO %TABLE_NAME%_LEASES (HOLDER, RENEWED_AT, EXPIRES_AT, LIVE_KEYS)
            VALUES (?, %NOW%, %NOW% + ?, ?)
            ON DUPLICATE KEY UPDATE RENEWED_AT = VALUES(RENEWED_AT), EXPIRES_AT = VALUES(EXPIRES_AT),
                LIVE_KEYS = VALUES(LIVE_KEYS)""";

    private static final String LIVE =
            "SELECT HOLDER, RENEWED_AT, EXPIRES_AT, LIVE_KEYS FROM %TABLE_NAME%_LEASES WHERE EXPIRES_AT > %NOW%";

    private static final String DELETE_EXPIRED = "DELETE FROM %TABLE_NAME%_LEASES WHERE EXPIRES_AT <= %NOW%";

    private static final String RELEASE = "DELETE FROM %TABLE_NAME%_LEASES WHERE HOLDER = ?";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final String leasesTable;

    private final String renewSql;

    JdbcLeases(DataSource dataSource, JdbcNodeTable table) {
        this.dataSource = dataSource;
        this.table = table;
        this.leasesTable = table.sideTable("_LEASES");
        this.renewSql = table.sql(
                switch (table.dialect()) {
                    case H2 -> H2_RENEW;
                    case POSTGRESQL -> POSTGRESQL_RENEW;
                    case MARIADB -> MARIADB_RENEW;
                });
    }

    /**
     * Creates or renews a lease until the database's now plus the duration.
     *
     * @throws StoreException if the database fails
     */
    void renew(String holder, Duration duration, byte[] liveKeys) {
        try {
            JdbcTransactions.update(dataSource, renewSql, (statement) -> {
                statement.setString(1, holder);
                statement.setLong(2, duration.toMillis());
                statement.setBytes(3, liveKeys);
            });
        } catch (SQLException ex) {
            throw table.failure("renew the lease of " + holder + " in", leasesTable, ex);
        }
    }

    /**
     * Deletes a lease, if there is one.
     *
     * @throws StoreException if the database fails
     */
    void release(String holder) {
        try {
            JdbcTransactions.update(dataSource, table.sql(RELEASE), (statement) -> statement.setString(1, holder));
        } catch (SQLException ex) {
            throw table.failure("release the lease of " + holder + " in", leasesTable, ex);
        }
    }

    /**
     * Deletes the expired leases and returns the others.
     *
     * @throws StoreException if the database fails
     */
    List<StoreLease> live() {
        try {
            return JdbcTransactions.autoCommitted(dataSource, (connection) -> {
                try (PreparedStatement delete = connection.prepareStatement(table.sql(DELETE_EXPIRED))) {
                    delete.executeUpdate();
                }
                List<StoreLease> leases = new ArrayList<>();
                try (PreparedStatement select = connection.prepareStatement(table.sql(LIVE));
                        ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        leases.add(new StoreLease(
                                rows.getString(1),
                                Instant.ofEpochMilli(rows.getLong(2)),
                                Instant.ofEpochMilli(rows.getLong(3)),
                                rows.getBytes(4)));
                    }
                }
                return leases;
            });
        } catch (SQLException ex) {
            throw table.failure("list the leases in", leasesTable, ex);
        }
    }
}
