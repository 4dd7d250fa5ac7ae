package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import javax.sql.DataSource;

/**
 * An H2 database in a file, for a persistent store's contract: the pool opens on first use, and
 * {@link #beforeReopen()} closes its last connection and so the database, which the next use opens
 * again from the file.
 */
final class H2FileDatabase implements StoreDatabase {

    private final Path directory;

    private HikariDataSource pool;

    H2FileDatabase(Path directory) {
        this.directory = directory;
    }

    @Override
    public DataSource dataSource() {
        if (pool == null) {
            pool = Pools.pool("jdbc:h2:file:" + directory.resolve("pagable"), "sa", "");
        }
        return pool;
    }

    /** Closes the database; the next {@link #dataSource()} opens it again. */
    @Override
    public void beforeReopen() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    @Override
    public void afterTest() {
        beforeReopen();
    }
}
