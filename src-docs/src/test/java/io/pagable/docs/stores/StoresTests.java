package io.pagable.docs.stores;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.StoreException;
import io.pagable.store.file.FileContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plain-Java store examples of the stores page. */
class StoresTests {

    @TempDir
    Path directory;

    @Test
    void fileStore() {
        DataKey key;
        // tag::file[]
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(new FileContentStore(directory)) // or new FileContentStore(directory, false): no fsync
                .build()) {
            key = storage.save(List.of("a", "b"));
        }
        // end::file[]
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(new FileContentStore(directory))
                .build()) {
            assertThat(storage.load(key, List.class)).containsExactly("a", "b");
        }
    }

    @Test
    void fileStoreIsOpenInOneStoreAtATime() {
        try (FileContentStore first = new FileContentStore(directory)) {
            assertThatExceptionOfType(StoreException.class).isThrownBy(() -> new FileContentStore(directory));
        }
    }

    @Test
    void jdbcStore() throws SQLException, IOException {
        DataSource dataSource = h2();
        createTable(dataSource, "schema-h2.sql");
        // tag::jdbc[]
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(new JdbcContentStore(dataSource)) // table PAGABLE_NODES, batches of 500
                .build()) {
            DataKey key = storage.save(List.of("a", "b"));
            assertThat(storage.load(key, List.class)).containsExactly("a", "b");
        }
        // end::jdbc[]
    }

    @Test
    void jdbcStoresShareOneTable() throws SQLException, IOException {
        DataSource dataSource = h2();
        createTable(dataSource, "schema-h2.sql");
        try (PagableStorage one = storage(dataSource);
                PagableStorage two = storage(dataSource)) {
            DataKey first = one.save(List.of("shared"));
            DataKey second = two.save(List.of("shared"));
            assertThat(second).isEqualTo(first);
            assertThat(one.stats().store().entries()).isEqualTo(1);
            assertThat(two.load(first, List.class)).containsExactly("shared");
        }
    }

    private static PagableStorage storage(DataSource dataSource) {
        return PagableStorage.builder()
                .contentStore(new JdbcContentStore(dataSource))
                .build();
    }

    static DataSource h2() {
        JdbcDataSource dataSource = new JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        return dataSource;
    }

    static void createTable(DataSource dataSource, String script) throws SQLException, IOException {
        createTable(dataSource, script, JdbcContentStore.DEFAULT_TABLE_NAME);
    }

    /** Runs a shipped script from the jar's {@code io/pagable/store}, as a DBA would, for a table name. */
    static void createTable(DataSource dataSource, String script, String tableName) throws SQLException, IOException {
        try (InputStream in = JdbcContentStore.class.getResourceAsStream(script);
                Connection connection = dataSource.getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(new String(in.readAllBytes(), StandardCharsets.UTF_8)
                    .replace(JdbcContentStore.DEFAULT_TABLE_NAME, tableName));
        }
    }
}
