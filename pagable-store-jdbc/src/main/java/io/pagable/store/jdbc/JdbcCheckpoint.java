package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the rows committed to the node table's database durable where a commit alone does not: runs
 * the dialect's {@linkplain JdbcDialect#flushStatement() flush statement} ({@code CHECKPOINT SYNC} on
 * H2) and nothing on the other databases. If the database refuses it for want of admin rights, it
 * logs one warning (under {@link JdbcContentStore}'s logger) and from then on runs nothing, relying on
 * the database's own setting.
 */
final class JdbcCheckpoint {

    /** H2's error code for "admin rights are required for this operation". */
    private static final int H2_ADMIN_RIGHTS_REQUIRED = 90040;

    private static final Logger logger = LoggerFactory.getLogger(JdbcContentStore.class);

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private volatile boolean allowed = true;

    JdbcCheckpoint(DataSource dataSource, JdbcNodeTable table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * Runs the flush statement, if the database has one and the user may run it.
     *
     * @throws StoreException if the database fails otherwise than by refusing the rights
     */
    void run() {
        String statement = table.dialect().flushStatement();
        if (statement == null || !allowed) {
            return;
        }
        try (Connection connection = dataSource.getConnection();
                Statement checkpoint = connection.createStatement()) {
            checkpoint.execute(statement);
        } catch (SQLException ex) {
            if (ex.getErrorCode() == H2_ADMIN_RIGHTS_REQUIRED) {
                allowed = false;
                logger.warn(
                        "The H2 user of table {} may not run CHECKPOINT, so flush() cannot force its commits "
                                + "to disk; add ;WRITE_DELAY=0 to the JDBC URL to make every commit durable",
                        table.name());
                return;
            }
            throw table.failure("checkpoint the database of", ex);
        }
    }
}
