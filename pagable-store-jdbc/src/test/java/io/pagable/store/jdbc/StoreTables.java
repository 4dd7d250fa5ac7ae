package io.pagable.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * Creates and drops {@link JdbcContentStore} tables in tests, from the schema scripts pagable-core
 * ships ({@code io/pagable/store/jdbc/schema-{platform}.sql}), under a name of the test's choosing. With
 * a {@link #uniqueTableName() unique name} per test, reruns and parallel runs against one database
 * never collide.
 */
public final class StoreTables {

    private static final Pattern COMMENT = Pattern.compile("(?m)^\\s*--.*$");

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
     * Returns a schema script of pagable-core with the table name replaced.
     *
     * @param kind {@code schema} or {@code schema-drop}
     * @param platform {@code h2}, {@code postgresql} or {@code mariadb}
     * @param tableName the table name to put in
     * @return the script's text
     */
    public static String script(String kind, String platform, String tableName) {
        String resource = "io/pagable/store/" + kind + "-" + platform + ".sql";
        try (InputStream in = JdbcContentStore.class.getClassLoader().getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("pagable-core has no script " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(JdbcContentStore.DEFAULT_TABLE_NAME, tableName);
        } catch (IOException ex) {
            throw new IllegalStateException("Reading " + resource + " failed", ex);
        }
    }

    private static void run(DataSource dataSource, String kind, String tableName) throws SQLException {
        try (Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            String script = script(kind, platform(connection), tableName);
            for (String sql : COMMENT.matcher(script).replaceAll("").split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
    }

    private static String platform(Connection connection) throws SQLException {
        String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        String version = connection.getMetaData().getDatabaseProductVersion().toLowerCase(Locale.ROOT);
        if (product.contains("h2")) {
            return "h2";
        }
        if (product.contains("postgresql")) {
            return "postgresql";
        }
        if (product.contains("mariadb") || version.contains("mariadb")) {
            return "mariadb";
        }
        throw new IllegalArgumentException("No pagable schema script for " + product);
    }
}
