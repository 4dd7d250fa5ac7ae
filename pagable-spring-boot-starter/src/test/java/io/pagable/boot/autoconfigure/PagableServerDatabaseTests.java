package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.autoconfigure.health.PagableHealthContributorAutoConfiguration;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.store.jdbc.JdbcContentStore;
import io.pagable.store.jdbc.MissingTableException;
import io.pagable.store.jdbc.StoreTables;
import io.pagable.store.jdbc.TestDatabase;
import io.pagable.store.jdbc.TestDatabases;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The JDBC path against real PostgreSQL and MariaDB servers, found by {@link TestDatabases}: skipped
 * when a database is not configured, a failure when {@code PAGABLE_TEST_REQUIRE_DATABASES=true}.
 */
class PagableServerDatabaseTests {

    private final String table = StoreTables.uniqueTableName();

    private TestDatabase database;

    static Stream<Arguments> databases() {
        return Stream.of(
                Arguments.of("PostgreSQL", (Supplier<TestDatabase>) TestDatabases::postgresql),
                Arguments.of("MariaDB", (Supplier<TestDatabase>) TestDatabases::mariadb));
    }

    @AfterEach
    void dropTable() throws SQLException {
        if (database != null && tableExists()) {
            StoreTables.drop(database.dataSource(), table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void createsTheTableDrainsArcsAndLoadsThemAfterARestart(String name, Supplier<TestDatabase> databases)
            throws SQLException {
        database = databases.get();
        ApplicationContextRunner runner = runner().withPropertyValues(
                        "pagable.store.jdbc.initialize-schema=always", "pagable.drainer.interval=50ms");
        List<DataKey> keys = new ArrayList<>();
        runner.run((context) -> {
            assertThat(context).hasSingleBean(JdbcContentStore.class);
            assertThat(tableExists()).isTrue();
            PagableStorage storage = context.getBean(PagableStorage.class);
            List<PagableArc<Drawing>> arcs = new ArrayList<>();
            for (int i = 0; i < 30; i++) {
                arcs.add(storage.arc(new Drawing(name + " " + i, List.of(new Circle(i), new Circle(i + 1)))));
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> storage.pendingCount() == 0);
            arcs.forEach((arc) -> keys.add(arc.key().orElseThrow()));
            assertThat(storage.stats().store().entries()).isEqualTo(30);
            assertThat(context.getBean(PagableHealthIndicator.class).health().getStatus())
                    .isEqualTo(Status.UP);
        });
        runner.run((context) -> {
            PagableStorage storage = context.getBean(PagableStorage.class);
            for (int i = 0; i < keys.size(); i++) {
                assertThat(storage.load(keys.get(i), Drawing.class).title()).isEqualTo(name + " " + i);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("databases")
    void leavesAServerDatabaseAloneByDefault(String name, Supplier<TestDatabase> databases) throws SQLException {
        database = databases.get();
        runner().run((context) -> {
            // the default (embedded) creates no table in a server database, and the store stops the start
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(MissingTableException.class)
                    .hasMessageContaining(table)
                    .hasMessageContaining(name);
            assertThat(tableExists()).isFalse();
        });
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        DataSourceAutoConfiguration.class,
                        PagableAutoConfiguration.class,
                        PagableHealthContributorAutoConfiguration.class))
                .withPropertyValues(
                        "spring.datasource.url=" + database.jdbcUrl(),
                        "spring.datasource.username=" + database.username(),
                        "spring.datasource.password=" + database.password(),
                        "pagable.store.jdbc.table-name=" + table,
                        "pagable.types.packages=io.pagable.boot.autoconfigure.model");
    }

    private boolean tableExists() throws SQLException {
        try (Connection connection = database.connect();
                ResultSet tables = connection.getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (tables.next()) {
                if (tables.getString("TABLE_NAME").equalsIgnoreCase(table.toLowerCase(Locale.ROOT))) {
                    return true;
                }
            }
            return false;
        }
    }
}
