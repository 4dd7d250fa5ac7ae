package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;

/** Small HikariCP pools for tests. */
final class Pools {

    private Pools() {}

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
