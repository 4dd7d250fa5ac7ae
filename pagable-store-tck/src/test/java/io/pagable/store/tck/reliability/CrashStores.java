package io.pagable.store.tck.reliability;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pagable.store.ContentStore;
import io.pagable.store.FileContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.JdbcContentStore;
import io.pagable.store.tck.StoreTables;
import java.nio.file.Path;
import java.sql.SQLException;

/** The stores the engine crash test kills a writer of, opened the same way in both processes. */
enum CrashStores {

    /** A {@link FileContentStore} in the directory, with fsync. */
    FILE {
        @Override
        ContentStore open(Path directory) {
            return new FileContentStore(directory);
        }
    },

    /**
     * A {@link JdbcContentStore} on an embedded H2 database in file mode, in the directory, with H2's
     * default settings (as the sample application uses it). H2 writes committed transactions to its
     * file up to {@code WRITE_DELAY} (500 ms) later, so without a checkpoint in the store's
     * {@code flush()} (or {@code ;WRITE_DELAY=0} in the URL) a kill loses drains that had returned.
     */
    H2_FILE {
        @Override
        ContentStore open(Path directory) throws SQLException {
            HikariConfig config = new HikariConfig();
            config.setJdbcUrl("jdbc:h2:file:" + directory.resolve("db"));
            config.setUsername("sa");
            config.setPassword("");
            config.setMaximumPoolSize(2);
            HikariDataSource pool = new HikariDataSource(config);
            StoreTables.create(pool, JdbcContentStore.DEFAULT_TABLE_NAME);
            return new ForwardingContentStore(new JdbcContentStore(pool)) {
                @Override
                public void close() {
                    super.close();
                    pool.close();
                }
            };
        }
    };

    abstract ContentStore open(Path directory) throws Exception;
}
