package io.pagable.store.jdbc;

import io.pagable.StoreException;
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
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The table that holds the store's nodes, on one database: its name, which is always a plain
 * identifier (optionally after a schema) and so safe to write into SQL; the store's statements with
 * that name put in; whether the table exists with the columns the store uses; the shipped schema
 * scripts ({@code io/pagable/store/jdbc/schema-{platform}.sql}) that create and drop it under any
 * name; and the message of a failure on it, which names the table, the database and the script that
 * creates it. It holds no connection: the methods that need one are given it, and leave it open.
 */
final class JdbcNodeTable {

    /** The columns the store reads and writes. */
    static final List<String> COLUMNS = List.of("NODE_KEY", "NODE_DATA", "CHILD_KEYS", "STORED_SIZE", "CREATED_AT");

    private static final Pattern NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

    /**
     * SQL states of "no such table" (H2 and MariaDB; H2 with candidates, in an empty database;
     * PostgreSQL) and "no such schema" (PostgreSQL; H2).
     */
    private static final Set<String> NOT_FOUND = Set.of("42S02", "42S03", "42S04", "42P01", "3F000", "90079");

    private static final Pattern COMMENT = Pattern.compile("(?m)^\\s*--.*$");

    private final String name;

    private final JdbcDialect dialect;

    /**
     * Names the table on a database.
     *
     * @throws IllegalArgumentException if the name is not one {@link #validName} accepts
     */
    JdbcNodeTable(String name, JdbcDialect dialect) {
        this.name = validName(name);
        this.dialect = Objects.requireNonNull(dialect, "dialect");
    }

    /**
     * Returns the name if it is a plain identifier, optionally after a schema name and a dot: letters,
     * digits and underscores, not starting with a digit, at most 63 characters each.
     *
     * @throws IllegalArgumentException if it is not
     */
    static String validName(String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        if (!NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("tableName '" + tableName + "' is not a valid table name: use "
                    + "letters, digits and underscores, not starting with a digit, at most 63 characters, "
                    + "optionally after a schema name and a dot (e.g. PAGABLE_NODES or app.PAGABLE_NODES)");
        }
        return tableName;
    }

    /** Returns the table's name, as the store was given it. */
    String name() {
        return name;
    }

    /** Returns the dialect of the table's database. */
    JdbcDialect dialect() {
        return dialect;
    }

    /** Returns a statement with the table's name in place of its {@code %TABLE_NAME%} placeholders. */
    String sql(String template) {
        return template.replace("%TABLE_NAME%", name);
    }

    /**
     * Fails unless the table exists and has every column of {@link #COLUMNS}.
     *
     * @throws MissingTableException if it does not exist or lacks columns
     * @throws SQLException if the database cannot be asked
     */
    void check(Connection connection) throws SQLException {
        List<String> missing = new ArrayList<>(COLUMNS);
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + name + " WHERE 1 = 0")) {
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
                    name,
                    database(connection),
                    resource("schema", dialect),
                    missing.size() == COLUMNS.size() ? List.of() : missing);
        }
    }

    /** Runs the database's schema script (which creates the table unless it exists) under the table's name. */
    void create(Connection connection) throws SQLException {
        run(connection, script("schema", dialect, name));
    }

    /**
     * Returns the exception for a failed operation on the table: what was tried, on which table and
     * database, the database's message and SQL state, and the script that creates the table.
     *
     * @param operation what could not be done, completed by "table NAME", e.g. {@code read 3 nodes from}
     */
    StoreException failure(String operation, SQLException ex) {
        return new StoreException(
                "JdbcContentStore could not " + operation + " table " + name + " on "
                        + dialect + ": " + ex.getMessage() + " (SQL state " + ex.getSQLState() + "). Check that the "
                        + "database is reachable and that the table exists: create it with the script "
                        + resource("schema", dialect) + " from pagable-store-jdbc.",
                ex);
    }

    /**
     * Returns a shipped script with the table name put in.
     *
     * @param kind {@code schema} or {@code schema-drop}
     */
    static String script(String kind, JdbcDialect dialect, String tableName) {
        String resource = resource(kind, dialect);
        try (InputStream in = JdbcNodeTable.class.getClassLoader().getResourceAsStream(resource)) {
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

    private String database(Connection connection) {
        String catalog;
        try {
            catalog = connection.getCatalog();
        } catch (SQLException ex) {
            catalog = null;
        }
        return (catalog == null || catalog.isBlank()) ? dialect + " database" : dialect + " database " + catalog;
    }
}
