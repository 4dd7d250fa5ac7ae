package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A pool on one test database for all tests of a class: opened before them (a database that
 * {@link TestDatabases} does not find skips or fails the class there) and closed after them.
 *
 * <pre>{@code
 * @RegisterExtension
 * static final PooledDatabase database = PooledDatabase.postgresql();
 * }</pre>
 */
final class PooledDatabase implements StoreDatabase, BeforeAllCallback, AfterAllCallback {

    private final Supplier<HikariDataSource> opener;

    private HikariDataSource pool;

    private PooledDatabase(Supplier<HikariDataSource> opener) {
        this.opener = opener;
    }

    /** The PostgreSQL database {@link TestDatabases} finds. */
    static PooledDatabase postgresql() {
        return new PooledDatabase(() -> Pools.pool(TestDatabases.postgresql()));
    }

    /** The MariaDB database {@link TestDatabases} finds. */
    static PooledDatabase mariadb() {
        return new PooledDatabase(() -> Pools.pool(TestDatabases.mariadb()));
    }

    /** A new H2 database in memory, kept until the pool closes. */
    static PooledDatabase h2Memory() {
        return new PooledDatabase(Pools::h2Memory);
    }

    /** Returns the pool; only between the class's first and last test. */
    @Override
    public DataSource dataSource() {
        return pool;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        pool = opener.get();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (pool != null) {
            pool.close();
        }
    }
}
