package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Thrown by {@link JdbcContentStore#checkTable()} when the store's table does not exist, lacks
 * columns the store reads and writes, or is a table of pagable 0.1 that lacks what named roots and
 * garbage collection need (the column {@code TOUCHED_AT} and the tables beside it). The message names
 * the table, the database and the fix: the schema script shipped in this module, or
 * {@link JdbcContentStore#createTableIfMissing()}; for a table of 0.1, the upgrade script and its
 * statements for the table's name.
 */
public class MissingTableException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String tableName;

    private final String database;

    private final String script;

    private final List<String> missingColumns;

    private final List<String> missingTables;

    private final @Nullable String upgradeScript;

    /**
     * Creates the exception for a table that does not exist or lacks columns.
     *
     * @param tableName the store's table
     * @param database the database: its product and, where the connection tells it, its name, e.g.
     *     {@code H2 database DB}
     * @param script the class path resource of the schema script for the database
     * @param missingColumns the columns the table lacks, or empty if the table does not exist
     */
    public MissingTableException(String tableName, String database, String script, List<String> missingColumns) {
        super(message(tableName, database, script, missingColumns));
        this.tableName = tableName;
        this.database = database;
        this.script = script;
        this.missingColumns = List.copyOf(missingColumns);
        this.missingTables = List.of();
        this.upgradeScript = null;
    }

    /** Creates the exception for a table of an earlier release, which the upgrade script brings up to date. */
    MissingTableException(
            String tableName,
            String database,
            String script,
            List<String> missingColumns,
            List<String> missingTables,
            String upgradeScript,
            String upgradeStatements) {
        super(upgradeMessage(tableName, database, missingColumns, missingTables, upgradeScript, upgradeStatements));
        this.tableName = tableName;
        this.database = database;
        this.script = script;
        this.missingColumns = List.copyOf(missingColumns);
        this.missingTables = List.copyOf(missingTables);
        this.upgradeScript = upgradeScript;
    }

    private static String message(String tableName, String database, String script, List<String> missingColumns) {
        String problem = missingColumns.isEmpty()
                ? "The table " + tableName + " of the JDBC content store does not exist in the " + database
                : "The table " + tableName + " of the JDBC content store in the " + database + " lacks the columns "
                        + String.join(", ", missingColumns);
        return problem + ". Create it with the script " + script + " from the pagable-store-jdbc jar (as it is "
                + "for the default table name, or with " + JdbcContentStore.DEFAULT_TABLE_NAME
                + " replaced; for Flyway or Liquibase, as a migration), or call "
                + "JdbcContentStore.createTableIfMissing() once before the store is used.";
    }

    private static String upgradeMessage(
            String tableName,
            String database,
            List<String> missingColumns,
            List<String> missingTables,
            String upgradeScript,
            String upgradeStatements) {
        return "The table " + tableName + " of the JDBC content store in the " + database + " is from pagable 0.1: it "
                + lacks(missingColumns, missingTables) + ", which named roots and garbage collection need. Upgrade it, "
                + "keeping its nodes, with the script " + upgradeScript + " from the pagable-store-jdbc jar (with "
                + JdbcContentStore.DEFAULT_TABLE_NAME + " replaced by the table's name; for Flyway or Liquibase, as a "
                + "new migration), which for this table is:\n" + upgradeStatements;
    }

    private static String lacks(List<String> missingColumns, List<String> missingTables) {
        String columns = missingColumns.isEmpty()
                ? ""
                : "lacks the column" + (missingColumns.size() == 1 ? " " : "s ") + String.join(", ", missingColumns);
        String tables = missingTables.isEmpty()
                ? ""
                : "the table" + (missingTables.size() == 1 ? " " : "s ") + String.join(", ", missingTables);
        if (columns.isEmpty()) {
            return "lacks " + tables;
        }
        return tables.isEmpty() ? columns : columns + " and " + tables;
    }

    /**
     * Returns the store's table.
     *
     * @return the table name, as the store was given it
     */
    public String getTableName() {
        return tableName;
    }

    /**
     * Returns the database the table was looked for in.
     *
     * @return the product name and, where known, the database's name, e.g. {@code H2 database DB}
     */
    public String getDatabase() {
        return database;
    }

    /**
     * Returns the schema script that creates the table on this database.
     *
     * @return a class path resource, e.g. {@code io/pagable/store/jdbc/schema-h2.sql}
     */
    public String getScript() {
        return script;
    }

    /**
     * Returns the columns the table lacks; a column of a table beside it is named after that table and
     * a dot.
     *
     * @return the missing columns, or an empty list if the table does not exist at all
     */
    public List<String> getMissingColumns() {
        return missingColumns;
    }

    /**
     * Returns the tables beside the store's table (named roots, retired roots, leases, the collection
     * lock) that do not exist.
     *
     * @return the missing tables, or an empty list
     */
    public List<String> getMissingTables() {
        return missingTables;
    }

    /**
     * Returns the script that upgrades the table, when it is a table of an earlier release that the
     * script brings up to date, keeping its rows.
     *
     * @return a class path resource, e.g. {@code io/pagable/store/jdbc/schema-upgrade-h2.sql}, or
     *     {@code null} when the table must be created (or repaired) instead
     */
    public @Nullable String getUpgradeScript() {
        return upgradeScript;
    }
}
