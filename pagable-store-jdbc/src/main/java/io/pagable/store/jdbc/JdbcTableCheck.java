package io.pagable.store.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Checks that the node table and its side tables exist with the columns the store uses, and says
 * what to run when they do not: the schema script for a missing node table or one that lacks the
 * columns every release had; for a table of pagable 0.1, which lacks {@code TOUCHED_AT} and the side
 * tables, the upgrade script, with its statements for this table's name in the message. It only
 * reads: it asks each table for its columns with a query that returns no rows. A failed query leaves
 * a connection outside auto-commit usable again (rolled back), as PostgreSQL needs.
 */
final class JdbcTableCheck {

    private final JdbcNodeTable table;

    JdbcTableCheck(JdbcNodeTable table) {
        this.table = table;
    }

    /**
     * Fails unless every table exists with its columns.
     *
     * @throws MissingTableException naming the table, what it lacks and the script that creates or
     *     upgrades it
     * @throws SQLException if the database cannot be asked
     */
    void check(Connection connection) throws SQLException {
        String script = JdbcNodeTable.resource("schema", table.dialect());
        Set<String> present = columns(connection, table.name());
        if (present == null) {
            throw new MissingTableException(table.name(), table.database(connection), script, List.of());
        }
        List<String> missing = missing(JdbcNodeTable.COLUMNS, present, "");
        List<String> missingTables = new ArrayList<>();
        List<String> missingSideColumns = new ArrayList<>();
        for (Map.Entry<String, List<String>> side : JdbcNodeTable.SIDE_TABLES.entrySet()) {
            String name = table.sideTable(side.getKey());
            Set<String> sideColumns = columns(connection, name);
            if (sideColumns == null) {
                missingTables.add(name);
            } else {
                missingSideColumns.addAll(missing(side.getValue(), sideColumns, name + "."));
            }
        }
        boolean upgradable = JdbcNodeTable.ADDED_COLUMNS.containsAll(missing) && missingSideColumns.isEmpty();
        if (!upgradable) {
            missing.addAll(missingSideColumns);
            throw new MissingTableException(table.name(), table.database(connection), script, missing);
        }
        if (!missing.isEmpty() || !missingTables.isEmpty()) {
            String upgrade = JdbcNodeTable.resource("schema-upgrade", table.dialect());
            String statements = String.join(
                    ";\n",
                    JdbcNodeTable.statements(JdbcNodeTable.script("schema-upgrade", table.dialect(), table.name())));
            throw new MissingTableException(
                    table.name(),
                    table.database(connection),
                    script,
                    missing,
                    missingTables,
                    upgrade,
                    statements + ";");
        }
    }

    /** Returns the upper-case names of a table's columns, or null if the table does not exist. */
    private static @Nullable Set<String> columns(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery("SELECT * FROM " + name + " WHERE 1 = 0")) {
            ResultSetMetaData columns = rows.getMetaData();
            Set<String> present = new HashSet<>();
            for (int i = 1; i <= columns.getColumnCount(); i++) {
                present.add(columns.getColumnName(i).toUpperCase(Locale.ROOT));
            }
            return present;
        } catch (SQLException ex) {
            if (!JdbcNodeTable.isNotFound(ex)) {
                throw ex;
            }
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
            return null;
        }
    }

    private static List<String> missing(List<String> expected, Set<String> present, String prefix) {
        List<String> missing = new ArrayList<>();
        for (String column : expected) {
            if (!present.contains(column)) {
                missing.add(prefix + column);
            }
        }
        return missing;
    }
}
