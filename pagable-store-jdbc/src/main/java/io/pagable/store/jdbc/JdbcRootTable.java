package io.pagable.store.jdbc;

import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.StoreException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;

/**
 * The named roots ({@code <table>_ROOTS}) and the retired roots ({@code <table>_RETIRED}) beside the
 * node table. {@link #replace} is a compare-and-set in one transaction: the insert, update or delete
 * of the name takes effect only where the name points at the expected key (or does not exist), under
 * the database's row lock, and the key it moved the name away from is written as a retired root, at
 * the database's clock, in the same transaction; two instances can never both move a name away from
 * one key. Names list in the order of {@link String#compareTo}: the column compares bytes (its
 * collation is {@code "C"} on PostgreSQL and {@code ascii_bin} on MariaDB; H2 compares strings that
 * way unless the database has a {@code COLLATION} set), and root names are ASCII. Each call takes one
 * connection and returns it; on MariaDB the update's count is the rows found, the driver's default
 * ({@code useAffectedRows=false}).
 */
final class JdbcRootTable {

    private static final String COLUMNS = "SELECT ROOT_NAME, NODE_KEY, UPDATED_AT FROM %TABLE_NAME%_ROOTS";

    private static final String ROOT = COLUMNS + " WHERE ROOT_NAME = ?";

    private static final String FIRST_PAGE = COLUMNS + " ORDER BY ROOT_NAME %LIMIT%";

    private static final String NEXT_PAGE = COLUMNS + " WHERE ROOT_NAME > ? ORDER BY ROOT_NAME %LIMIT%";

    private static final String INSERT =
            "INSERT INTO %TABLE_NAME%_ROOTS (ROOT_NAME, NODE_KEY, UPDATED_AT) VALUES (?, ?, %NOW%)";

    private static final String UPDATE = """
            UPDATE %TABLE_NAME%_ROOTS SET NODE_KEY = ?, UPDATED_AT = %NOW%
            WHERE ROOT_NAME = ? AND NODE_KEY = ?""";

    private static final String DELETE = "DELETE FROM %TABLE_NAME%_ROOTS WHERE ROOT_NAME = ? AND NODE_KEY = ?";

    private static final String RETIRE = "INSERT INTO %TABLE_NAME%_RETIRED (RETIRED_AT, NODE_KEY) VALUES (%NOW%, ?)";

    private static final String RETIRED = "SELECT NODE_KEY FROM %TABLE_NAME%_RETIRED WHERE RETIRED_AT >= ?";

    private static final String FORGET = "DELETE FROM %TABLE_NAME%_RETIRED WHERE RETIRED_AT < ?";

    private final DataSource dataSource;

    private final JdbcNodeTable table;

    private final String rootsTable;

    private final String retiredTable;

    JdbcRootTable(DataSource dataSource, JdbcNodeTable table) {
        this.dataSource = dataSource;
        this.table = table;
        this.rootsTable = table.sideTable("_ROOTS");
        this.retiredTable = table.sideTable("_RETIRED");
    }

    /**
     * Reads a root.
     *
     * @throws StoreException if the database fails
     */
    Optional<PagableRoot> root(String name) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(table.sql(ROOT))) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? Optional.of(root(rows)) : Optional.empty();
            }
        } catch (SQLException ex) {
            throw table.failure("read the root " + name + " from", rootsTable, ex);
        }
    }

    /**
     * Lists the roots whose names follow {@code afterName}, in name order.
     *
     * @throws StoreException if the database fails
     */
    List<PagableRoot> roots(@Nullable String afterName, int limit) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement =
                        connection.prepareStatement(table.sql((afterName == null) ? FIRST_PAGE : NEXT_PAGE))) {
            int parameter = 1;
            if (afterName != null) {
                statement.setString(parameter++, afterName);
            }
            statement.setInt(parameter, limit);
            List<PagableRoot> page = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    page.add(root(rows));
                }
            }
            return page;
        } catch (SQLException ex) {
            throw table.failure("list the roots in", rootsTable, ex);
        }
    }

    /**
     * Points a name at a key if it points at the expected one, and retires the expected key if it
     * did; a transaction that fails transiently (a deadlock) changed nothing and is tried again.
     *
     * @return false if the name did not point at {@code expected}
     * @throws StoreException if the database fails
     */
    boolean replace(String name, @Nullable DataKey expected, @Nullable DataKey key) {
        return JdbcTransactions.retrying(
                table,
                "replace the root " + name + " in",
                rootsTable,
                () -> JdbcTransactions.inTransaction(dataSource, (connection) -> {
                    if (!compareAndSet(connection, name, expected, key)) {
                        connection.rollback();
                        return false;
                    }
                    if (expected != null) {
                        retire(connection, expected);
                    }
                    return true;
                }));
    }

    private boolean compareAndSet(Connection connection, String name, @Nullable DataKey expected, @Nullable DataKey key)
            throws SQLException {
        if (expected == null) {
            if (key == null) {
                return root(connection, name) == null;
            }
            return JdbcTransactions.insertIfAbsent(connection, table, INSERT, (statement) -> {
                statement.setString(1, name);
                statement.setBytes(2, key.toBytes());
            });
        }
        String sql = (key == null) ? DELETE : UPDATE;
        try (PreparedStatement statement = connection.prepareStatement(table.sql(sql))) {
            int parameter = 1;
            if (key != null) {
                statement.setBytes(parameter++, key.toBytes());
            }
            statement.setString(parameter++, name);
            statement.setBytes(parameter, expected.toBytes());
            return statement.executeUpdate() == 1;
        }
    }

    private @Nullable PagableRoot root(Connection connection, String name) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(table.sql(ROOT))) {
            statement.setString(1, name);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? root(rows) : null;
            }
        }
    }

    /** Writes a retired root; the same key retired twice in one millisecond is written once. */
    private void retire(Connection connection, DataKey key) throws SQLException {
        JdbcTransactions.insertIfAbsent(connection, table, RETIRE, (statement) -> statement.setBytes(1, key.toBytes()));
    }

    /**
     * Returns the keys retired at or after a moment.
     *
     * @throws StoreException if the database fails
     */
    List<DataKey> retired(Instant since) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(table.sql(RETIRED))) {
            statement.setLong(1, since.toEpochMilli());
            List<DataKey> keys = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    keys.add(JdbcRows.key(rows, 1));
                }
            }
            return keys;
        } catch (SQLException ex) {
            throw table.failure("read the retired roots from", retiredTable, ex);
        }
    }

    /**
     * Deletes the retired roots from before a moment.
     *
     * @throws StoreException if the database fails
     */
    void forgetRetired(Instant before) {
        try {
            JdbcTransactions.update(
                    dataSource, table.sql(FORGET), (statement) -> statement.setLong(1, before.toEpochMilli()));
        } catch (SQLException ex) {
            throw table.failure("forget the retired roots in", retiredTable, ex);
        }
    }

    private static PagableRoot root(ResultSet row) throws SQLException {
        return new PagableRoot(row.getString(1), JdbcRows.key(row, 2), Instant.ofEpochMilli(row.getLong(3)));
    }
}
