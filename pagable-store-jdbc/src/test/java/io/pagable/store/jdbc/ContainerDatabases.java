package io.pagable.store.jdbc;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Starts database containers through Testcontainers, an optional dependency: this class is only
 * used after {@link TestDatabases} found Testcontainers on the class path. Containers live until the
 * JVM exits (Testcontainers' reaper removes them).
 */
final class ContainerDatabases {

    private static final Map<TestDatabases.Kind, TestDatabase> started = new ConcurrentHashMap<>();

    private ContainerDatabases() {}

    static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException ex) {
            return false;
        }
    }

    static TestDatabase start(TestDatabases.Kind kind) {
        return started.computeIfAbsent(kind, ContainerDatabases::startContainer);
    }

    private static TestDatabase startContainer(TestDatabases.Kind kind) {
        JdbcDatabaseContainer<?> container = switch (kind) {
            case POSTGRESQL -> new PostgreSQLContainer(kind.image);
            case MARIADB -> new MariaDBContainer(kind.image);
        };
        container.start();
        return new TestDatabase(
                kind.displayName, container.getJdbcUrl(), container.getUsername(), container.getPassword());
    }
}
