package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.tck.AbstractEngineCrashContractTests;
import java.nio.file.Path;
import java.sql.SQLException;

/** The engine crash contract on a {@link JdbcContentStore} over an embedded H2 database in file mode. */
class H2FileJdbcContentStoreEngineCrashTests extends AbstractEngineCrashContractTests {

    @Override
    protected Class<? extends StoreFactory> storeFactory() {
        return Stores.class;
    }

    /**
     * A {@link JdbcContentStore} on an embedded H2 database in file mode, in the directory, with H2's
     * default settings (as the sample application uses it). H2 writes committed transactions to its
     * file up to {@code WRITE_DELAY} (500 ms) later, so without a checkpoint in the store's
     * {@code flush()} (or {@code ;WRITE_DELAY=0} in the URL) a kill loses drains that had returned.
     */
    public static final class Stores implements StoreFactory {

        @Override
        public ContentStore open(Path directory) throws SQLException {
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
    }
}
