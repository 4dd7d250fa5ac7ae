package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the tests find a local database, and the summary line the build prints of what they found. */
class TestDatabasesTests {

    @Test
    void aClosedPortIsNoLocalDatabase() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }

        assertThat(TestDatabases.local(TestDatabases.Kind.POSTGRESQL, "127.0.0.1", port))
                .isNull();
    }

    @Test
    void aPortThatAcceptsButIsNoDatabaseIsNoLocalDatabase() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            Thread hangUp = new Thread(() -> {
                while (!socket.isClosed()) {
                    try (Socket accepted = socket.accept()) {
                        // closed at once: the driver's handshake fails
                    } catch (IOException closed) {
                        return;
                    }
                }
            });
            hangUp.setDaemon(true);
            hangUp.start();

            assertThat(TestDatabases.local(TestDatabases.Kind.MARIADB, "127.0.0.1", socket.getLocalPort()))
                    .isNull();
            assertThat(TestDatabases.local(TestDatabases.Kind.POSTGRESQL, "127.0.0.1", socket.getLocalPort()))
                    .isNull();
        }
    }

    @Test
    void localUrlNamesDatabaseTestOnTheHostAndPort() {
        assertThat(TestDatabases.Kind.POSTGRESQL.localUrl("127.0.0.1", 5432))
                .isEqualTo("jdbc:postgresql://127.0.0.1:5432/test");
        assertThat(TestDatabases.Kind.MARIADB.localUrl("127.0.0.1", 3306))
                .isEqualTo("jdbc:mariadb://127.0.0.1:3306/test");
    }

    @Test
    void summaryNamesWhatWasTestedAndHowToEnableTheRest(@TempDir Path target) throws IOException {
        DatabaseSummary.record(target, "PostgreSQL", "jdbc:postgresql://127.0.0.1:5432/test", "unused");
        DatabaseSummary.record(target, "MariaDB", null, "MariaDB not found: set PAGABLE_TEST_MARIADB_URL");

        assertThat(Files.readString(target.resolve(DatabaseSummary.LINE)).strip())
                .isEqualTo("pagable tests ran against H2 (embedded), PostgreSQL "
                        + "(jdbc:postgresql://127.0.0.1:5432/test); MariaDB not found: set PAGABLE_TEST_MARIADB_URL");
    }

    @Test
    void aDatabaseOneTestJvmFoundStaysTestedWhenAnotherMissesIt(@TempDir Path target) throws IOException {
        DatabaseSummary.record(target, "MariaDB", null, "MariaDB not found");
        DatabaseSummary.record(target, "MariaDB", "jdbc:mariadb://127.0.0.1:3306/test", "unused");
        DatabaseSummary.record(target, "MariaDB", null, "MariaDB not found");

        assertThat(Files.readString(target.resolve(DatabaseSummary.LINE)).strip())
                .isEqualTo("pagable tests ran against H2 (embedded), MariaDB (jdbc:mariadb://127.0.0.1:3306/test)");
    }

    @Test
    void summaryWithNoServerDatabaseNamesH2Alone() {
        assertThat(DatabaseSummary.line(new Properties())).isEqualTo("pagable tests ran against H2 (embedded)");
    }

    @Test
    void buildTargetIsBesideTheNearestMavenWrapperAbove(@TempDir Path root) throws IOException {
        Files.createFile(root.resolve("mvnw"));
        Files.createDirectory(root.resolve(".mvn"));
        Path module = Files.createDirectories(root.resolve("pagable-store-jdbc/src"));

        assertThat(DatabaseSummary.buildTarget(module)).isEqualTo(root.resolve("target"));
        assertThat(DatabaseSummary.buildTarget(root.getParent())).isNull();
    }
}
