package io.pagable.boot.autoconfigure.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.store.jdbc.JdbcContentStore;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * Every starter property that reaches SQL, tried with injection strings: {@code table-name} (written
 * into every statement and into the schema script), {@code batch-size} (the number of placeholders in
 * a query) and {@code platform} (which schema script runs). Each is refused as soon as it is bound, before
 * any SQL runs, and a canary table in the database survives every attempt.
 */
class JdbcPropertyInjectionTests {

    private final String database = "injection-" + UUID.randomUUID();

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, PagableAutoConfiguration.class))
            .withPropertyValues(
                    "spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
                    "pagable.store.type=jdbc",
                    "pagable.store.jdbc.initialize-schema=always",
                    "pagable.drainer.enabled=false");

    @ParameterizedTest
    @ValueSource(
            strings = {
                "PAGABLE_NODES; DROP TABLE CANARY",
                "PAGABLE_NODES;DROP TABLE CANARY;--",
                "CANARY WHERE 1=1; --",
                "PAGABLE_NODES/**/",
                "PAGABLE_NODES' OR '1'='1",
                "\"PAGABLE_NODES\"",
                "PAGABLE_NODES)",
                "x\nDROP TABLE CANARY",
                "../../../../etc/passwd"
            })
    void tableNameWithSqlInItIsRefusedBeforeAnySqlRuns(String tableName) {
        contextRunner
                .withInitializer((context) -> createCanary())
                .withPropertyValues("pagable.store.jdbc.table-name=" + tableName)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("pagable.store.jdbc.table-name");
                    assertCanaryAndNoPagableTable();
                });
    }

    @ParameterizedTest
    @ValueSource(strings = {"1; DROP TABLE CANARY", "500 OR 1=1", "0", "-1", "10001", "2147483648"})
    void batchSizeThatIsNotANumberInRangeIsRefused(String batchSize) {
        contextRunner
                .withInitializer((context) -> createCanary())
                .withPropertyValues("pagable.store.jdbc.batch-size=" + batchSize)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).hasStackTraceContaining("pagable.store.jdbc.batch-size");
                    assertCanaryAndNoPagableTable();
                });
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "h2; DROP TABLE CANARY",
                "h2/../../../../../../META-INF/evil",
                "h2.sql?",
                "postgresql\nmariadb",
                "../schema-h2"
            })
    void platformThatIsNotAPlatformNameIsRefusedBeforeAnyScriptRuns(String platform) {
        contextRunner
                .withInitializer((context) -> createCanary())
                .withPropertyValues("pagable.store.jdbc.platform=" + platform)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure())
                            .as(
                                    "pagable.store.jdbc.platform=%s; fix: validate it against [a-z0-9]+ in "
                                            + "PropertyValueCheck.jdbcStore",
                                    platform)
                            .rootCause()
                            .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                            .hasMessageContaining("pagable.store.jdbc.platform");
                    assertCanaryAndNoPagableTable();
                });
    }

    @Test
    void validPropertiesCreateTheTableAndLeaveTheCanaryAlone() {
        contextRunner
                .withInitializer((context) -> createCanary())
                .withPropertyValues(
                        "pagable.store.jdbc.table-name=APP_NODES",
                        "pagable.store.jdbc.batch-size=250",
                        "pagable.store.jdbc.platform=h2")
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(tables()).contains("CANARY", "APP_NODES");
                    assertThat(context.getBean(JdbcContentStore.class).toString())
                            .contains("APP_NODES");
                });
    }

    private void createCanary() {
        execute("CREATE TABLE IF NOT EXISTS CANARY (ID INT)");
    }

    private void assertCanaryAndNoPagableTable() throws SQLException {
        List<String> tables = tables();
        assertThat(tables).contains("CANARY");
        assertThat(tables).noneMatch((table) -> table.contains("PAGABLE") || table.contains("NODES"));
    }

    private List<String> tables() throws SQLException {
        try (Connection connection = dataSource().getConnection();
                ResultSet rows =
                        connection.getMetaData().getTables(null, "PUBLIC", "%", new String[] {"TABLE", "BASE TABLE"})) {
            List<String> names = new ArrayList<>();
            while (rows.next()) {
                names.add(rows.getString("TABLE_NAME"));
            }
            return names;
        }
    }

    private void execute(String sql) {
        try (Connection connection = dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private DataSource dataSource() {
        org.h2.jdbcx.JdbcDataSource dataSource = new org.h2.jdbcx.JdbcDataSource();
        dataSource.setURL("jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1");
        dataSource.setUser("sa");
        return dataSource;
    }
}
