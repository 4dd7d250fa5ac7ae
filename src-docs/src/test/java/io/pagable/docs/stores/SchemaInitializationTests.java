package io.pagable.docs.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.docs.Examples;
import io.pagable.store.jdbc.JdbcContentStore;
import io.pagable.store.jdbc.MissingTableException;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * How the JDBC store's table comes to exist, as the stores and getting-started pages say: the starter
 * creates it for an in-memory H2 by default, for an H2 file database (or a server database) only with
 * {@code initialize-schema=always}, under the configured name, and stops the application when the
 * table is missing; without the starter, the shipped script
 * with the name replaced creates the table the store uses.
 */
class SchemaInitializationTests {

    @TempDir
    Path directory;

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, PagableAutoConfiguration.class));

    @Test
    void starterCreatesTheTableOfAnInMemoryH2ByDefault() {
        ContextConsumer<AssertableApplicationContext> createsTheTable = (context) -> {
            assertThat(tables(context)).contains("PAGABLE_NODES");
            assertSavesAndLoads(context);
        };
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID())
                .run(createsTheTable);
        runner.run(createsTheTable); // no URL: Spring Boot's own embedded database, with H2 on the class path
    }

    @Test
    void starterStopsOnAnH2FileDatabaseWithoutATableByDefault() {
        runner.withPropertyValues("spring.datasource.url=" + fileUrl()).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(MissingTableException.class)
                    .hasMessageContaining("PAGABLE_NODES");
        });
    }

    @Test
    void starterCreatesTheConfiguredTableWhenAskedToAlways() {
        ApplicationContextRunner withFile = runner.withPropertyValues("spring.datasource.url=" + fileUrl())
                .withPropertyValues(Examples.properties("custom-table.properties"));
        withFile.run((context) -> {
            assertThat(tables(context)).contains("MY_NODES").doesNotContain("PAGABLE_NODES");
            assertSavesAndLoads(context);
        });
        withFile.run(
                (context) -> { // the script runs again at the next start and leaves the table as it is
                    assertThat(context).hasNotFailed();
                    assertThat(context.getBean(PagableStorage.class)
                                    .stats()
                                    .store()
                                    .entries())
                            .isEqualTo(1);
                });
    }

    @Test
    void shippedScriptWithTheNameReplacedCreatesTheTableTheStoreUses() throws SQLException, IOException {
        DataSource dataSource = StoresTests.h2();
        StoresTests.createTable(dataSource, "schema-h2.sql", "MY_NODES");
        try (PagableStorage storage = PagableStorage.builder()
                .contentStore(new JdbcContentStore(dataSource, "MY_NODES"))
                .build()) {
            DataKey key = storage.save(List.of("by hand"));
            assertThat(storage.load(key, List.class)).containsExactly("by hand");
        }
        assertThat(new JdbcTemplate(dataSource).queryForObject("SELECT COUNT(*) FROM MY_NODES", Integer.class))
                .isEqualTo(1);
    }

    private String fileUrl() {
        return "jdbc:h2:file:" + directory.resolve("app");
    }

    private static void assertSavesAndLoads(AssertableApplicationContext context) {
        PagableStorage storage = context.getBean(PagableStorage.class);
        DataKey key = storage.save(List.of("created"));
        assertThat(storage.load(key, List.class)).containsExactly("created");
    }

    private static List<String> tables(AssertableApplicationContext context) {
        return new JdbcTemplate(context.getBean(DataSource.class))
                        .queryForList(
                                "SELECT TABLE_NAME FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'",
                                String.class)
                        .stream()
                        .map((name) -> name.toUpperCase(Locale.ROOT))
                        .toList();
    }
}
