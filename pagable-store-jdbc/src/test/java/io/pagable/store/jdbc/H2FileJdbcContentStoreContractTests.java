package io.pagable.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import io.pagable.store.ContentStore;
import java.nio.file.Path;
import javax.sql.DataSource;
import org.junit.jupiter.api.io.TempDir;

/** H2 in file mode; reopening closes the database (the pool's last connection) and opens it again. */
class H2FileJdbcContentStoreContractTests extends AbstractJdbcContentStoreContractTests {

    @TempDir
    Path directory;

    private HikariDataSource dataSource;

    @Override
    protected DataSource dataSource() {
        if (dataSource == null) {
            dataSource = Pools.pool("jdbc:h2:file:" + directory.resolve("pagable"), "sa", "");
        }
        return dataSource;
    }

    @Override
    protected ContentStore reopenStore() throws Exception {
        dataSource.close();
        dataSource = null;
        return super.reopenStore();
    }

    @Override
    protected void destroyStore() throws Exception {
        try {
            super.destroyStore();
        } finally {
            dataSource.close();
        }
    }
}
