package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** Small HikariCP pools for tests. */
final class Pools {

    private Pools() {}

    /** A pool on a new, empty H2 database in memory, kept until the pool closes. */
    static HikariDataSource h2Memory() {
        return pool("jdbc:h2:mem:pagable-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    /**
     * The three databases, for a parameterized test: each a name and what opens a new pool on it
     * (H2 in memory, new each time; PostgreSQL and MariaDB as {@link TestDatabases} finds them).
     */
    static Stream<Arguments> databases() {
        Supplier<HikariDataSource> h2 = Pools::h2Memory;
        Supplier<HikariDataSource> postgresql = () -> pool(TestDatabases.postgresql());
        Supplier<HikariDataSource> mariadb = () -> pool(TestDatabases.mariadb());
        return Stream.of(
                Arguments.of("H2", h2), Arguments.of("PostgreSQL", postgresql), Arguments.of("MariaDB", mariadb));
    }

    static HikariDataSource pool(TestDatabase database) {
        return pool(database.jdbcUrl(), database.username(), database.password());
    }

    static HikariDataSource pool(String url, String username, String password) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(username);
        config.setPassword(password);
        config.setMaximumPoolSize(6);
        config.setMinimumIdle(0);
        config.setPoolName("pagable-test");
        return new HikariDataSource(config);
    }
}
