package io.pagable.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.endpoint.PagableEndpoint;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.autoconfigure.endpoint.PagableEndpointAutoConfiguration;
import io.pagable.boot.autoconfigure.health.PagableHealthContributorAutoConfiguration;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.autoconfigure.model.Drawing;
import io.pagable.boot.autoconfigure.model.Shape;
import io.pagable.store.jdbc.JdbcContentStore;
import io.pagable.store.jdbc.StoreTables;
import io.pagable.store.jdbc.TcpProxy;
import io.pagable.store.jdbc.TestDatabase;
import io.pagable.store.jdbc.TestDatabases;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import tools.jackson.databind.json.JsonMapper;

/**
 * An application on PostgreSQL whose database goes away mid-run (a {@link TcpProxy} in front of the
 * real server is stopped: pooled connections break, new ones are refused) and comes back: the
 * drainer keeps retrying, health is DOWN while the database is away, the endpoint shows the failures
 * (and no credentials), nothing is lost, and everything pending is written once it is back.
 */
class DrainerDuringDatabaseOutageTests {

    /** Ignored by a trust-authenticated server; must never appear in what the actuator shows. */
    private static final String PASSWORD = "s3cret-Pagable-Password";

    private static TestDatabase database;

    private final String table = StoreTables.uniqueTableName();

    private TcpProxy proxy;

    private HikariDataSource pool;

    @BeforeAll
    static void findDatabase() {
        database = TestDatabases.postgresql();
    }

    @BeforeEach
    void startProxy() {
        proxy = TcpProxy.toJdbcUrl(database.jdbcUrl(), 5432);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(proxy.rewrite(database.jdbcUrl()));
        config.setUsername(database.username());
        config.setPassword(database.password().isEmpty() ? PASSWORD : database.password());
        config.setMaximumPoolSize(3);
        config.setMinimumIdle(0);
        config.setConnectionTimeout(500);
        config.setValidationTimeout(250);
        pool = new HikariDataSource(config);
    }

    @AfterEach
    void dropTable() throws SQLException {
        proxy.close();
        pool.close();
        StoreTables.drop(database.dataSource(), table);
    }

    @Test
    void databaseGoingAwayTurnsHealthDownLosesNothingAndEverythingIsWrittenWhenItIsBack() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        PagableAutoConfiguration.class,
                        PagableEndpointAutoConfiguration.class,
                        PagableHealthContributorAutoConfiguration.class))
                .withBean(DataSource.class, () -> pool)
                .withPropertyValues(
                        "management.endpoints.web.exposure.include=pagable",
                        "pagable.types.packages=io.pagable.boot.autoconfigure.model",
                        "pagable.store.jdbc.table-name=" + table,
                        "pagable.store.jdbc.initialize-schema=always",
                        "pagable.cache.maximum-size=0",
                        "pagable.drainer.interval=100ms")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    PagableStorage storage = context.getBean(PagableStorage.class);
                    PagableHealthIndicator health = context.getBean(PagableHealthIndicator.class);
                    PagableEndpoint endpoint = context.getBean(PagableEndpoint.class);
                    List<PagableArc<Drawing>> drawings = drawings(storage, 0, 20);
                    await().atMost(Duration.ofSeconds(30)).until(() -> storage.pendingCount() == 0);

                    proxy.stop();
                    drawings.addAll(drawings(storage, 20, 20));

                    await().atMost(Duration.ofSeconds(60))
                            .until(() -> endpoint.pagable().drainer().failedRuns() >= 2);
                    Health down = health.health(true);
                    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
                    assertThat(storage.pendingCount()).isEqualTo(20);
                    String report = JsonMapper.builder().build().writeValueAsString(endpoint.pagable());
                    assertThat(report).contains("could not insert").doesNotContain(PASSWORD);
                    assertThat(down.toString()).doesNotContain(PASSWORD);
                    for (int i = 20; i < 40; i++) {
                        assertThat(drawings.get(i).isPagedOut()).isFalse();
                        assertThat(drawings.get(i).get()).isEqualTo(drawing(i));
                    }

                    proxy.start();

                    await().atMost(Duration.ofMinutes(2)).until(() -> storage.pendingCount() == 0);
                    assertThat(health.health(true).getStatus()).isEqualTo(Status.UP);
                    assertThat(endpoint.pagable().drainer().lastError()).isNull();
                    PagableStorage restarted = PagableStorage.builder()
                            .contentStore(new JdbcContentStore(database.dataSource(), table))
                            .registerTypes(Circle.class)
                            .build();
                    for (int i = 0; i < drawings.size(); i++) {
                        DataKey key = drawings.get(i).key().orElseThrow();
                        assertThat(restarted.load(key, Drawing.class)).isEqualTo(drawing(i));
                    }
                });
    }

    private static List<PagableArc<Drawing>> drawings(PagableStorage storage, int first, int count) {
        List<PagableArc<Drawing>> drawings = new ArrayList<>();
        for (int i = first; i < first + count; i++) {
            drawings.add(storage.arc(drawing(i)));
        }
        return drawings;
    }

    private static Drawing drawing(int i) {
        List<Shape> shapes = new ArrayList<>();
        for (int j = 0; j <= i % 5; j++) {
            shapes.add(new Circle(i * 10 + j));
        }
        return new Drawing("drawing " + i, shapes);
    }
}
