package io.pagable.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;

/**
 * Creates and drops {@link JdbcContentStore} tables in tests, from the schema scripts the module
 * ships ({@code io/pagable/store/jdbc/schema-{platform}.sql}), under a name of the test's choosing. With
 * a {@link #uniqueTableName() unique name} per test, reruns and parallel runs against one database
 * never collide.
 */
public final class StoreTables {

    private StoreTables() {}

    /**
     * Returns a table name no other run uses: {@code PAGABLE_TCK_} and 12 random hex digits.
     *
     * @return a new table name
     */
    public static String uniqueTableName() {
        byte[] random = new byte[6];
        ThreadLocalRandom.current().nextBytes(random);
        return "PAGABLE_TCK_" + HexFormat.of().withUpperCase().formatHex(random);
    }

    /**
     * Creates a table by running the database's schema script with {@code PAGABLE_NODES} replaced.
     *
     * @param dataSource the database
     * @param tableName the table to create
     * @throws SQLException if the script fails
     */
    public static void create(DataSource dataSource, String tableName) throws SQLException {
        run(dataSource, "schema", tableName);
    }

    /**
     * Drops a table by running the database's drop script with {@code PAGABLE_NODES} replaced.
     *
     * @param dataSource the database
     * @param tableName the table to drop
     * @throws SQLException if the script fails
     */
    public static void drop(DataSource dataSource, String tableName) throws SQLException {
        run(dataSource, "schema-drop", tableName);
    }

    /**
     * Upgrades a table of pagable 0.1 by running the database's upgrade script with
     * {@code PAGABLE_NODES} replaced.
     *
     * @param dataSource the database
     * @param tableName the table to upgrade
     * @throws SQLException if the script fails
     */
    public static void upgrade(DataSource dataSource, String tableName) throws SQLException {
        run(dataSource, "schema-upgrade", tableName);
    }

    private static void run(DataSource dataSource, String kind, String tableName) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            JdbcDialect dialect = JdbcDialect.of(connection.getMetaData());
            JdbcNodeTable.run(connection, JdbcNodeTable.script(kind, dialect, tableName));
        }
    }
}
