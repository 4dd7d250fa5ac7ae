package io.pagable.store.jdbc;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** H2 in file mode; reopening closes the database (the pool's last connection) and opens it again. */
class H2FileJdbcContentStoreContractTests extends AbstractJdbcContentStoreContractTests {

    @TempDir
    Path directory;

    private H2FileDatabase database;

    @Override
    protected StoreDatabase database() {
        if (database == null) {
            database = new H2FileDatabase(directory);
        }
        return database;
    }
}
