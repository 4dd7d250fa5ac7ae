package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * How the store's classes use a connection: each call takes one from the data source and returns it
 * before it ends, with the auto-commit it came with. {@link #inTransaction} runs work as one
 * transaction, committed when the work returns and rolled back when it fails; {@link #autoCommitted}
 * runs each statement of the work as its own transaction, also on a data source whose connections
 * come without auto-commit (so that no statement sees the clock of an older transaction, which is
 * what H2's {@code CURRENT_TIMESTAMP} is), and {@link #update} one such statement. {@link #retrying} repeats work that failed as
 * {@linkplain JdbcDialect#isTransient transient}, after short random pauses that grow with each
 * attempt, up to {@value #MAX_ATTEMPTS} attempts.
 */
final class JdbcTransactions {

    /** How often work is tried before its transient failure is reported. */
    static final int MAX_ATTEMPTS = 5;

    private JdbcTransactions() {}

    /** Work on a connection. */
    @FunctionalInterface
    interface Work<T> {

        T run(Connection connection) throws SQLException;
    }

    /** Work that takes its own connection. */
    @FunctionalInterface
    interface Attempt<T> {

        T run() throws SQLException;
    }

    /** Binds a statement's parameters. */
    @FunctionalInterface
    interface Parameters {

        void bind(PreparedStatement statement) throws SQLException;
    }

    /** Runs one statement that changes rows, committed on its own, and returns its update count. */
    static int update(DataSource dataSource, String sql, Parameters parameters) throws SQLException {
        return autoCommitted(dataSource, (connection) -> {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                parameters.bind(statement);
                return statement.executeUpdate();
            }
        });
    }

    /** Runs a query of one row and one number on a connection of the caller's, and returns the number. */
    static long queryLong(Connection connection, String sql, Parameters parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            parameters.bind(statement);
            try (ResultSet row = statement.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    /**
     * Runs an insert that adds nothing if its key is present ({@link JdbcDialect#insertIfAbsent}),
     * on a connection of the caller's, in its transaction.
     *
     * @param template the insert, with the placeholders of {@link JdbcNodeTable#sql}
     * @return true if it inserted a row, false if the key was present
     */
    static boolean insertIfAbsent(Connection connection, JdbcNodeTable table, String template, Parameters parameters)
            throws SQLException {
        try (PreparedStatement statement =
                connection.prepareStatement(table.sql(table.dialect().insertIfAbsent(template)))) {
            parameters.bind(statement);
            return statement.executeUpdate() == 1;
        } catch (SQLException ex) {
            if (table.dialect().isDuplicateKey(ex)) {
                return false;
            }
            throw ex;
        }
    }

    /** Runs work in one transaction: committed if it returns, rolled back if it throws. */
    static <T> T inTransaction(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (autoCommit) {
                connection.setAutoCommit(false);
            }
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException ex) {
                try {
                    connection.rollback();
                } catch (SQLException rollbackFailure) {
                    ex.addSuppressed(rollbackFailure);
                }
                throw ex;
            } finally {
                if (autoCommit) {
                    restoreAutoCommit(connection, true);
                }
            }
        }
    }

    /** Runs work with each of its statements committed on its own. */
    static <T> T autoCommitted(DataSource dataSource, Work<T> work) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            boolean autoCommit = connection.getAutoCommit();
            if (!autoCommit) {
                connection.setAutoCommit(true);
            }
            try {
                return work.run(connection);
            } finally {
                if (!autoCommit) {
                    restoreAutoCommit(connection, false);
                }
            }
        }
    }

    /**
     * Runs an attempt until it succeeds or fails for good.
     *
     * @param operation what is tried, for the failure message, completed by "table NAME"
     * @throws StoreException if it fails otherwise than transiently, or {@value #MAX_ATTEMPTS} times
     */
    static <T> T retrying(JdbcNodeTable table, String operation, Attempt<T> attempt) {
        return retrying(table, operation, table.name(), attempt);
    }

    /**
     * Runs an attempt on a table, the node table or one beside it, until it succeeds or fails for good.
     *
     * @param operation what is tried, for the failure message, completed by "table NAME"
     * @param tableName the table named in the failure message
     * @throws StoreException if it fails otherwise than transiently, or {@value #MAX_ATTEMPTS} times
     */
    static <T> T retrying(JdbcNodeTable table, String operation, String tableName, Attempt<T> attempt) {
        for (int attempts = 1; ; attempts++) {
            try {
                return attempt.run();
            } catch (SQLException ex) {
                if (attempts == MAX_ATTEMPTS || !table.dialect().isTransient(ex)) {
                    throw table.failure(operation, tableName, ex);
                }
                pause(table, operation, tableName, attempts, ex);
            }
        }
    }

    /** Hands the connection back as it came; if that fails, the pool resets or discards it. */
    private static void restoreAutoCommit(Connection connection, boolean autoCommit) {
        try {
            connection.setAutoCommit(autoCommit);
        } catch (SQLException ex) {
            // The work's own outcome is what the caller needs to know.
        }
    }

    private static void pause(
            JdbcNodeTable table, String operation, String tableName, int attempt, SQLException cause) {
        try {
            Thread.sleep((long) (10 * attempt * (1 + Math.random())));
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw table.failure(operation + " (interrupted while retrying)", tableName, cause);
        }
    }
}
