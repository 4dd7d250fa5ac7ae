package io.pagable.store.jdbc;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds the real databases tests run against, the same way in every module:
 *
 * <ol>
 *   <li>If {@code PAGABLE_TEST_POSTGRES_URL} (or {@code PAGABLE_TEST_MARIADB_URL}) is set, that
 *       database is used, with {@code PAGABLE_TEST_POSTGRES_USER} / {@code _PASSWORD} (or the
 *       {@code MARIADB} ones). It must be reachable: if it is not, the test fails.
 *   <li>Otherwise, if a server answers on the conventional local port with the conventional
 *       credentials (PostgreSQL: {@code 127.0.0.1:5432}, user {@code postgres}, no password, database
 *       {@code test}; MariaDB: {@code 127.0.0.1:3306}, user {@code root}, no password, database
 *       {@code test}), that server is used.
 *   <li>Otherwise, if Testcontainers is on the class path and a Docker engine answers, a container
 *       is started, once per JVM, and stopped when the JVM exits.
 *   <li>Otherwise the test is skipped (aborted, in JUnit terms) with a message saying what to set;
 *       unless the environment variable {@value #REQUIRE_DATABASES_ENV} or the system property
 *       {@value #REQUIRE_DATABASES_PROPERTY} is {@code true}, in which case it fails, so that CI
 *       cannot pass without the databases.
 * </ol>
 *
 * Call it from a {@code @BeforeAll} method to skip or fail a whole test class at once. The outcome
 * is computed once per database and JVM, and recorded for the build's summary line (see {@link
 * DatabaseSummary}).
 */
public final class TestDatabases {

    /** Environment variable that turns a missing database from a skip into a failure. */
    public static final String REQUIRE_DATABASES_ENV = "PAGABLE_TEST_REQUIRE_DATABASES";

    /** System property that turns a missing database from a skip into a failure. */
    public static final String REQUIRE_DATABASES_PROPERTY = "pagable.test.require-databases";

    private static final Map<Kind, Outcome> outcomes = new ConcurrentHashMap<>();

    private TestDatabases() {}

    /**
     * Returns the PostgreSQL database to test against, or skips or fails the calling test.
     *
     * @return the database
     */
    public static TestDatabase postgresql() {
        return find(Kind.POSTGRESQL);
    }

    /**
     * Returns the MariaDB database to test against, or skips or fails the calling test.
     *
     * @return the database
     */
    public static TestDatabase mariadb() {
        return find(Kind.MARIADB);
    }

    /**
     * Tells whether a missing database fails tests instead of skipping them.
     *
     * @return true if {@value #REQUIRE_DATABASES_ENV} or {@value #REQUIRE_DATABASES_PROPERTY} is
     *     {@code true}
     */
    public static boolean required() {
        return Boolean.parseBoolean(System.getenv(REQUIRE_DATABASES_ENV))
                || Boolean.getBoolean(REQUIRE_DATABASES_PROPERTY);
    }

    private static TestDatabase find(Kind kind) {
        Outcome outcome = outcomes.computeIfAbsent(kind, (k) -> {
            Outcome resolved = resolve(k, LOCAL_HOST);
            DatabaseSummary.record(
                    k.displayName,
                    (resolved.database != null) ? resolved.database.jdbcUrl() : null,
                    k.displayName + " not found: start it on " + LOCAL_HOST + ":" + k.port + " (user " + k.user
                            + ", database test) or set " + k.variable("URL"));
            return resolved;
        });
        if (outcome.database != null) {
            return outcome.database;
        }
        String problem = String.valueOf(outcome.problem);
        if (outcome.mustFail) {
            return Assertions.fail(problem);
        }
        // only where nothing asked for the databases: a developer machine with neither the database
        // nor Docker, on which the README's "./mvnw verify" must still pass with just a JDK; .ci/run
        // sets PAGABLE_TEST_REQUIRE_DATABASES, so in CI the same situation fails above
        return Assumptions.abort(problem);
    }

    /** The host of the conventional local servers. */
    static final String LOCAL_HOST = "127.0.0.1";

    /** How long the probe of a conventional local port waits for it to accept a connection. */
    private static final int PROBE_TIMEOUT_MILLIS = 500;

    static Outcome resolve(Kind kind, String localHost) {
        String url = System.getenv(kind.variable("URL"));
        if (url != null && !url.isBlank()) {
            TestDatabase database = new TestDatabase(
                    kind.displayName, url, envOrEmpty(kind.variable("USER")), envOrEmpty(kind.variable("PASSWORD")));
            try (Connection connection = database.connect()) {
                connection.getMetaData();
                return new Outcome(database, false, null);
            } catch (SQLException ex) {
                return new Outcome(
                        null,
                        true,
                        kind.variable("URL") + " is set, but connecting to " + database + " failed: " + ex.getMessage()
                                + ". Start the database or fix the URL and credentials.");
            }
        }
        TestDatabase local = local(kind, localHost, kind.port);
        if (local != null) {
            return new Outcome(local, false, null);
        }
        if (testcontainersPresent() && ContainerDatabases.dockerAvailable()) {
            return new Outcome(ContainerDatabases.start(kind), false, null);
        }
        boolean required = required();
        String problem = kind.displayName + " is not available: no server answers on " + localHost + ":" + kind.port
                + " as " + kind.user + " with database test; start one there, set " + kind.variable("URL")
                + " (and " + kind.variable("USER") + ", " + kind.variable("PASSWORD") + ") to a database the "
                + "tests may create tables in, or run a Docker engine for Testcontainers. "
                + (required
                        ? "The tests fail because " + REQUIRE_DATABASES_ENV + " or -D" + REQUIRE_DATABASES_PROPERTY
                                + " is true."
                        : "Skipping; set " + REQUIRE_DATABASES_ENV + "=true to make this a failure.");
        return new Outcome(null, required, problem);
    }

    /**
     * The conventional local server of a kind, if its port accepts a connection and its conventional
     * user may connect to database {@code test}; {@code null} otherwise.
     */
    static @Nullable TestDatabase local(Kind kind, String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_TIMEOUT_MILLIS);
        } catch (IOException ex) {
            return null;
        }
        TestDatabase database = new TestDatabase(kind.displayName, kind.localUrl(host, port), kind.user, "");
        try (Connection connection = database.connect()) {
            connection.getMetaData();
            return database;
        } catch (SQLException ex) {
            return null;
        }
    }

    private static boolean testcontainersPresent() {
        try {
            Class.forName("org.testcontainers.DockerClientFactory", false, TestDatabases.class.getClassLoader());
            Class.forName(
                    "org.testcontainers.postgresql.PostgreSQLContainer", false, TestDatabases.class.getClassLoader());
            Class.forName("org.testcontainers.mariadb.MariaDBContainer", false, TestDatabases.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError ex) {
            return false;
        }
    }

    private static String envOrEmpty(String name) {
        String value = System.getenv(name);
        return (value != null) ? value : "";
    }

    /** The databases, with what identifies them in variables and containers. */
    enum Kind {
        POSTGRESQL("PostgreSQL", "PAGABLE_TEST_POSTGRES", "postgres:17-alpine", "postgresql", 5432, "postgres"),
        MARIADB("MariaDB", "PAGABLE_TEST_MARIADB", "mariadb:11.4", "mariadb", 3306, "root");

        final String displayName;

        final String prefix;

        final String image;

        /** The JDBC subprotocol of the database. */
        final String subprotocol;

        /** The conventional port of a local server. */
        final int port;

        /** The conventional user of a local server. */
        final String user;

        Kind(String displayName, String prefix, String image, String subprotocol, int port, String user) {
            this.displayName = displayName;
            this.prefix = prefix;
            this.image = image;
            this.subprotocol = subprotocol;
            this.port = port;
            this.user = user;
        }

        /** The URL of database {@code test} on a host and port. */
        String localUrl(String host, int port) {
            return "jdbc:" + subprotocol + "://" + host + ":" + port + "/test";
        }

        String variable(String suffix) {
            return prefix + "_" + suffix;
        }
    }

    record Outcome(
            @Nullable TestDatabase database,
            boolean mustFail,
            @Nullable String problem) {}
}
