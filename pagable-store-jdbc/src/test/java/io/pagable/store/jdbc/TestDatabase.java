package io.pagable.store.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Where a test database is: its JDBC URL and credentials, as found by {@link TestDatabases}.
 *
 * @param name the database's name for messages, e.g. {@code PostgreSQL}
 * @param jdbcUrl the JDBC URL
 * @param username the user name, empty for none
 * @param password the password, empty for none
 */
public record TestDatabase(String name, String jdbcUrl, String username, String password) {

    /**
     * Opens a new connection.
     *
     * @return a connection the caller closes
     * @throws SQLException if the database cannot be reached
     */
    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl, username, password);
    }

    /**
     * Returns a data source that opens a new connection on each call (no pool), for tests that want
     * nothing between them and the driver. Use a pool such as HikariCP for anything else.
     *
     * @return an unpooled data source
     */
    public DataSource dataSource() {
        return new UnpooledDataSource(this);
    }

    @Override
    public String toString() {
        return name + " at " + jdbcUrl + " as '" + username + "'";
    }

    private record UnpooledDataSource(TestDatabase database) implements DataSource {

        @Override
        public Connection getConnection() throws SQLException {
            return database.connect();
        }

        @Override
        public Connection getConnection(String username, String password) throws SQLException {
            return DriverManager.getConnection(database.jdbcUrl, username, password);
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {}

        @Override
        public void setLoginTimeout(int seconds) {}

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() throws SQLFeatureNotSupportedException {
            throw new SQLFeatureNotSupportedException();
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("Not a wrapper of " + type);
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
