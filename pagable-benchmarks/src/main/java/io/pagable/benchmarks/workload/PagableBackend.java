package io.pagable.benchmarks.workload;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pagable.store.ContentStore;
import io.pagable.store.file.FileContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Where a pagable contender keeps its nodes: the file store, embedded H2 in file mode, or PostgreSQL
 * (a fresh table per repetition), each with its defaults. A backend can be opened again on the same
 * data, as a new process would.
 */
enum PagableBackend {

    /** {@link FileContentStore} with its defaults (fsync on flush). */
    FILE("pagable file") {
        @Override
        Opened open(Path directory, String table) {
            return new Opened(new FileContentStore(directory.resolve("store")), null);
        }

        @Override
        long diskBytes(Path directory, String table) {
            return Directories.sizeOf(directory.resolve("store"));
        }
    },

    /**
     * {@link JdbcContentStore} on embedded H2 in file mode, behind HikariCP, with the URL settings the
     * H2 section of stores.adoc recommends.
     */
    H2("pagable H2") {
        @Override
        Opened open(Path directory, String table) {
            return jdbc(
                    "jdbc:h2:file:" + directory.resolve("h2").toAbsolutePath() + h2UrlOptions(), "sa", "", "h2", table);
        }

        @Override
        long diskBytes(Path directory, String table) {
            return Directories.sizeOf(directory);
        }
    },

    /** {@link JdbcContentStore} on PostgreSQL. */
    POSTGRESQL("pagable PostgreSQL") {
        @Override
        Opened open(Path directory, String table) {
            return jdbc(postgresUrl(), postgresUser(), postgresPassword(), "postgresql", table);
        }

        @Override
        long diskBytes(Path directory, String table) {
            try (Connection connection =
                            DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword());
                    Statement statement = connection.createStatement();
                    ResultSet rows = statement.executeQuery(
                            "SELECT pg_total_relation_size('" + table.toLowerCase(java.util.Locale.ROOT) + "')")) {
                rows.next();
                return rows.getLong(1);
            } catch (SQLException ex) {
                throw new IllegalStateException("Cannot measure table " + table, ex);
            }
        }

        @Override
        void drop(String table) {
            try (Connection connection =
                            DriverManager.getConnection(postgresUrl(), postgresUser(), postgresPassword());
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            } catch (SQLException ex) {
                throw new IllegalStateException("Cannot drop table " + table, ex);
            }
        }
    };

    private final String label;

    PagableBackend(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    /**
     * Opens the store on the data of a directory or table, creating it if needed.
     *
     * @param directory the repetition's directory
     * @param table the repetition's table name
     * @return the store and its connection pool, if any
     */
    abstract Opened open(Path directory, String table);

    /**
     * Returns the bytes the stored data takes: files, or the table with its indexes and TOAST.
     *
     * @param directory the repetition's directory
     * @param table the repetition's table name
     * @return the size
     */
    abstract long diskBytes(Path directory, String table);

    /**
     * Removes a repetition's table; files go with the directory.
     *
     * @param table the table name
     */
    void drop(String table) {}

    /**
     * Tells whether PostgreSQL answers within a few seconds.
     *
     * @return whether it is reachable
     */
    static boolean postgresReachable() {
        Properties properties = new Properties();
        properties.setProperty("user", postgresUser());
        properties.setProperty("password", postgresPassword());
        properties.setProperty("connectTimeout", "3");
        try (Connection connection = DriverManager.getConnection(postgresUrl(), properties)) {
            return connection.isValid(3);
        } catch (SQLException ex) {
            System.out.println("PostgreSQL is not reachable at " + postgresUrl() + " (" + ex.getMessage()
                    + "): its contender is skipped");
            return false;
        }
    }

    /**
     * The store and the pool it uses.
     *
     * @param store the store
     * @param pool the pool to close after the store, or null
     */
    record Opened(ContentStore store, HikariDataSource pool) {

        void closePool() {
            if (pool != null) {
                pool.close();
            }
        }
    }

    private static Opened jdbc(String url, String user, String password, String platform, String table) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        HikariDataSource pool = new HikariDataSource(config);
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : schema(platform, table).split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        } catch (SQLException ex) {
            pool.close();
            throw new IllegalStateException("Cannot create table " + table + " at " + url, ex);
        }
        return new Opened(new JdbcContentStore(pool, table), pool);
    }

    private static String schema(String platform, String table) {
        String resource = "io/pagable/store/jdbc/schema-" + platform + ".sql";
        try (InputStream in = JdbcContentStore.class.getClassLoader().getResourceAsStream(resource)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return script.replaceAll("(?m)^--.*$", "").replace(JdbcContentStore.DEFAULT_TABLE_NAME, table);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /** Settings appended to the H2 URL; by default the ones the H2 section of stores.adoc recommends. */
    static String h2UrlOptions() {
        return System.getProperty("pagable.bench.h2.url-options", ";CACHE_SIZE=2048;PAGE_SIZE=4096");
    }

    static String postgresUrl() {
        return setting(
                "pagable.bench.postgres.url", "PAGABLE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    static String postgresUser() {
        return setting("pagable.bench.postgres.user", "PAGABLE_TEST_POSTGRES_USER", "postgres");
    }

    static String postgresPassword() {
        return setting("pagable.bench.postgres.password", "PAGABLE_TEST_POSTGRES_PASSWORD", "");
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return (value == null || value.isBlank()) ? fallback : value;
    }
}
