package io.pagable.docs.stores;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.docs.Examples;
import io.pagable.store.ContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.flyway.autoconfigure.FlywayAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.liquibase.autoconfigure.LiquibaseAutoConfiguration;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The Flyway and Liquibase examples of the stores page, on H2: the migration creates the table. */
class MigrationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");

    @Test
    void flywayMigrationCreatesTheTable() {
        runner.withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        FlywayAutoConfiguration.class,
                        PagableAutoConfiguration.class))
                .withPropertyValues(Examples.properties("flyway.properties"))
                .run(MigrationTests::savesAndLoads);
    }

    @Test
    void liquibaseChangelogCreatesTheTable() {
        runner.withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        LiquibaseAutoConfiguration.class,
                        PagableAutoConfiguration.class))
                .withPropertyValues(Examples.properties("liquibase.properties"))
                .run(MigrationTests::savesAndLoads);
    }

    @Test
    void flywayMigrationIsTheShippedScript() throws IOException {
        Path shipped = Path.of("../pagable-store-jdbc/src/main/resources/io/pagable/store/jdbc/schema-h2.sql");
        assertThat(Files.readString(Path.of("src/test/resources/db/migration/V1__pagable_nodes.sql")))
                .isEqualTo(Files.readString(shipped));
    }

    private static void savesAndLoads(AssertableApplicationContext context) {
        assertThat(context).hasNotFailed();
        assertThat(context)
                .doesNotHaveBean(DataSourceScriptDatabaseInitializer.class); // the starter's script did not run
        assertThat(context.getBean(ContentStore.class)).isInstanceOf(JdbcContentStore.class);
        PagableStorage storage = context.getBean(PagableStorage.class);
        DataKey key = storage.save(List.of("migrated"));
        assertThat(storage.load(key, List.class)).containsExactly("migrated");
        assertThat(storage.stats().store().entries()).isEqualTo(1);
    }
}
