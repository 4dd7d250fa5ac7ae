package io.pagable.store.jdbc;

import io.pagable.StoreException;
import java.util.List;

/**
 * Thrown by {@link JdbcContentStore#checkTable()} when the store's table does not exist, or lacks
 * columns the store reads and writes. The message names the table, the database and the fix: the
 * schema script shipped in this module, or {@link JdbcContentStore#createTableIfMissing()}.
 */
public class MissingTableException extends StoreException {

    private static final long serialVersionUID = 1L;

    private final String tableName;

    private final String database;

    private final String script;

    private final List<String> missingColumns;

    /**
     * Creates the exception.
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
     * Returns the columns the table lacks.
     *
     * @return the missing columns, or an empty list if the table does not exist at all
     */
    public List<String> getMissingColumns() {
        return missingColumns;
    }
}
