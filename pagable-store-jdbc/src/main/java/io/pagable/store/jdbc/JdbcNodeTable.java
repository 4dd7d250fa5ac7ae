package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The table that holds the store's nodes, on one database, and the four tables beside it whose names
 * it gives by a suffix ({@link #SIDE_TABLES}: named roots, retired roots, leases, the collection lock):
 * its name, which is always a plain identifier (optionally after a schema) and short enough for the
 * side tables' names to fit every database, and so safe to write into SQL; the store's statements with
 * that name and the database's clock and row limit put in; whether the tables exist with the columns
 * the store uses ({@link JdbcTableCheck}); the shipped scripts
 * ({@code io/pagable/store/jdbc/schema-{platform}.sql}, {@code schema-drop-}, {@code schema-upgrade-})
 * that create, drop and upgrade them under any name; and the message of a failure on them, which
 * names the table, the database and the script that creates (or upgrades) it. It holds no
 * connection: the methods that need one are given it, and leave it open.
 */
final class JdbcNodeTable {

    /** The columns of the node table the store reads and writes. */
    static final List<String> COLUMNS =
            List.of("NODE_KEY", "NODE_DATA", "CHILD_KEYS", "STORED_SIZE", "CREATED_AT", "TOUCHED_AT");

    /** The columns added since the first release, which {@code schema-upgrade-{platform}.sql} adds. */
    static final List<String> ADDED_COLUMNS = List.of("TOUCHED_AT");

    /** The tables beside the node table, by the suffix of their names, with the columns the store uses. */
    static final Map<String, List<String>> SIDE_TABLES = sideTables();

    /** The longest name of one part (schema or table) that PostgreSQL keeps whole; MariaDB allows 64. */
    static final int MAX_IDENTIFIER = 63;

    private static final int MAX_NAME = JdbcContentStore.MAX_TABLE_NAME_LENGTH;

    private static final Pattern NAME = Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0," + (MAX_IDENTIFIER - 1)
            + "}\\.)?[A-Za-z_][A-Za-z0-9_]{0," + (MAX_NAME - 1) + "}");

    /**
     * SQL states of "no such table" (H2 and MariaDB; H2 with candidates, in an empty database;
     * PostgreSQL) and "no such schema" (PostgreSQL; H2).
     */
    private static final Set<String> NOT_FOUND = Set.of("42S02", "42S03", "42S04", "42P01", "3F000", "90079");

    /** SQL states of "no such column" (H2 and MariaDB; H2; PostgreSQL). */
    private static final Set<String> NO_COLUMN = Set.of("42S22", "42122", "42703");

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
     * digits and underscores, not starting with a digit; at most 55 characters for the table, so that
     * the side tables' names (up to 8 characters longer) stay within the 63 that PostgreSQL keeps
     * (MariaDB allows 64, H2 more), and at most 63 for the schema.
     *
     * @throws IllegalArgumentException if it is not
     */
    static String validName(String tableName) {
        Objects.requireNonNull(tableName, "tableName");
        if (!NAME.matcher(tableName).matches()) {
            throw new IllegalArgumentException("tableName '" + tableName + "' is not a valid table name: use "
                    + "letters, digits and underscores, not starting with a digit, at most " + MAX_NAME
                    + " characters (the store names the tables beside it by adding "
                    + String.join(", ", SIDE_TABLES.keySet()) + ", and PostgreSQL cuts names at " + MAX_IDENTIFIER
                    + "), optionally after a schema name of "
                    + "at most " + MAX_IDENTIFIER + " characters and a dot (e.g. PAGABLE_NODES or "
                    + "app.PAGABLE_NODES)");
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

    /** Returns the name of a side table: the node table's name and a suffix of {@link #SIDE_TABLES}. */
    String sideTable(String suffix) {
        return name + suffix;
    }

    /**
     * Returns a statement with the table's name in place of its {@code %TABLE_NAME%} placeholders
     * (so {@code %TABLE_NAME%_ROOTS} names a side table), the database's clock in epoch milliseconds
     * in place of {@code %NOW%}, and its row limit, bound as a parameter, in place of {@code %LIMIT%}.
     */
    String sql(String template) {
        return template.replace("%TABLE_NAME%", name)
                .replace("%NOW%", dialect.now())
                .replace("%LIMIT%", dialect.limit());
    }

    /**
     * Fails unless the node table and every side table exist with the columns the store uses.
     *
     * @throws MissingTableException if one does not exist or lacks columns, saying how to create or
     *     upgrade them
     * @throws SQLException if the database cannot be asked
     */
    void check(Connection connection) throws SQLException {
        new JdbcTableCheck(this).check(connection);
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
        return failure(operation, name, ex);
    }

    /**
     * Returns the exception for a failed operation on the node table or a side table; where the
     * database says a table or column is missing, it names the upgrade script too.
     *
     * @param operation what could not be done, completed by "table NAME"
     * @param tableName the table the operation was on
     */
    StoreException failure(String operation, String tableName, SQLException ex) {
        String state = ex.getSQLState();
        String upgrade = (state != null && (NOT_FOUND.contains(state) || NO_COLUMN.contains(state)))
                ? " (or, if the tables are from pagable 0.1, upgrade them with " + resource("schema-upgrade", dialect)
                        + "; JdbcContentStore.checkTable() tells which)"
                : "";
        return new StoreException(
                "JdbcContentStore could not " + operation + " table " + tableName + " on "
                        + dialect + ": " + ex.getMessage() + " (SQL state " + state + "). Check that the "
                        + "database is reachable and that the table exists: create it with the script "
                        + resource("schema", dialect) + " from pagable-store-jdbc" + upgrade + ".",
                ex);
    }

    /**
     * Returns a shipped script with the table name put in (also where it starts a side table's name).
     *
     * @param kind {@code schema}, {@code schema-drop} or {@code schema-upgrade}
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
            for (String sql : statements(script)) {
                statement.execute(sql);
            }
        }
        if (!connection.getAutoCommit()) {
            connection.commit();
        }
    }

    /** Returns a script's statements, without comments, blank lines or the semicolons between them. */
    static List<String> statements(String script) {
        List<String> statements = new ArrayList<>();
        for (String sql : COMMENT.matcher(script).replaceAll("").split(";")) {
            if (!sql.isBlank()) {
                statements.add(sql.strip().replaceAll("\\n\\s*\\n", "\n"));
            }
        }
        return statements;
    }

    /** Returns the class path resource of a shipped script, e.g. {@code io/pagable/store/jdbc/schema-h2.sql}. */
    static String resource(String kind, JdbcDialect dialect) {
        return "io/pagable/store/jdbc/" + kind + "-" + dialect.platform() + ".sql";
    }

    /** Returns the database for messages: its product and, where the connection tells it, its name. */
    String database(Connection connection) {
        String catalog;
        try {
            catalog = connection.getCatalog();
        } catch (SQLException ex) {
            catalog = null;
        }
        return (catalog == null || catalog.isBlank()) ? dialect + " database" : dialect + " database " + catalog;
    }

    private static Map<String, List<String>> sideTables() {
        Map<String, List<String>> tables = new LinkedHashMap<>();
        tables.put("_ROOTS", List.of("ROOT_NAME", "NODE_KEY", "UPDATED_AT"));
        tables.put("_RETIRED", List.of("RETIRED_AT", "NODE_KEY"));
        tables.put("_LEASES", List.of("HOLDER", "RENEWED_AT", "EXPIRES_AT", "LIVE_KEYS"));
        tables.put("_GC_LOCK", List.of("LOCK_ID", "HOLDER", "EXPIRES_AT"));
        return Collections.unmodifiableMap(tables);
    }

    /** Tells whether a failure says that a table (or its schema) does not exist. */
    static boolean isNotFound(SQLException ex) {
        return ex.getSQLState() != null && NOT_FOUND.contains(ex.getSQLState());
    }
}
