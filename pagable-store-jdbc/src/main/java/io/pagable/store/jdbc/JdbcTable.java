package io.pagable.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The store's table: whether it exists with the columns the store uses, and the shipped schema
 * scripts ({@code io/pagable/store/jdbc/schema-{platform}.sql}) that create and drop it under any
 * name.
 */
final class JdbcTable {

    /** The columns the store reads and writes. */
    static final List<String> COLUMNS = List.of("NODE_KEY", "NODE_DATA", "CHILD_KEYS", "STORED_SIZE", "CREATED_AT");

    /**
     * SQL states of "no such table" (H2 and MariaDB; H2 with candidates, in an empty database;
     * PostgreSQL) and "no such schema" (PostgreSQL; H2).
     */
    private static final Set<String> NOT_FOUND = Set.of("42S02", "42S03", "42S04", "42P01", "3F000", "90079");

    private static final Pattern COMMENT = Pattern.compile("(?m)^\\s*--.*$");

    private JdbcTable() {}

    /**
     * Fails unless the table exists and has every column of {@link #COLUMNS}.
     *
     * @throws MissingTableException if it does not exist or lacks columns
     * @throws SQLException if the database cannot be asked
     */
    static void check(Connection connection, JdbcDialect dialect, String tableName) throws SQLException {
        List<String> missing = new ArrayList<>(COLUMNS);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + tableName + " WHERE 1 = 0")) {
            ResultSetMetaData columns = rows.getMetaData();
            Set<String> present = new HashSet<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                present.add(columns.getColumnName(i).toUpperCase(Locale.ROOT));
            }
            missing.removeAll(present);
        } catch (SQLException ex) {
            if (!NOT_FOUND.contains(ex.getSQLState())) {
                throw ex;
            }
        }
        if (!missing.isEmpty()) {
            throw new MissingTableException(
                    tableName,
                    database(connection, dialect),
                    resource("schema", dialect),
                    missing.size() == COLUMNS.size() ? List.of() : missing);
        }
    }

    /** Runs the database's schema script (which creates the table unless it exists) under the table name. */
    static void create(Connection connection, JdbcDialect dialect, String tableName) throws SQLException {
        run(connection, script("schema", dialect, tableName));
    }

    /**
     * Returns a shipped script with the table name put in.
     *
     * @param kind {@code schema} or {@code schema-drop}
     */
    static String script(String kind, JdbcDialect dialect, String tableName) {
        String resource = resource(kind, dialect);
        try (InputStream in = JdbcTable.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("pagable-store-jdbc has no script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(JdbcContentStore.DEFAULT_TABLE_NAME, tableName);
        } catch (IOException ex) {
            throw new IllegalStateException("Reading " + resource + " failed", ex);
        }
    }

    /** Runs a script's statements (separated by semicolons, with {@code --} comment lines) and commits. */
    static void run(Connection connection, String script) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            for (String sql : COMMENT.matcher(script).replaceAll("").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Returns the class path resource of a shipped script, e.g. {@code io/pagable/store/jdbc/schema-h2.sql}. */
    static String resource(String kind, JdbcDialect dialect) {
        return "io/pagable/store/jdbc/" + kind + "-" + dialect.platform() + ".sql";
    }

    private static String database(Connection connection, JdbcDialect dialect) {
        String name;
        try {
            name = connection.getCatalog();
        } catch (SQLException ex) {
            name = null;
        }
        return (name == null || name.isBlank()) ? dialect + " database" : dialect + " database " + name;
    }
}
