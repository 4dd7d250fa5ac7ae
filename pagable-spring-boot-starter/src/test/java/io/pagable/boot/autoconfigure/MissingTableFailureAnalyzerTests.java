package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.PagableStorage;
import io.pagable.store.jdbc.JdbcContentStore;
import io.pagable.store.jdbc.MissingTableException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * An H2 database in a file is not "embedded" to Spring Boot, so {@code initialize-schema=embedded}
 * leaves it without the table: the start stops, with an analysis naming table, database and fix.
 */
class MissingTableFailureAnalyzerTests {

    @TempDir
    Path temp;

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(DataSourceAutoConfiguration.class, PagableAutoConfiguration.class));

    private ApplicationContextRunner withH2File() {
        return contextRunner.withPropertyValues(
                "spring.datasource.url=jdbc:h2:file:" + temp.resolve("db").toAbsolutePath(),
                "spring.datasource.username=sa",
                "pagable.drainer.enabled=false");
    }

    @Test
    void startOnH2FileWithoutTheTableFailsWithAnalysis() {
        withH2File().run((context) -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause().isInstanceOf(MissingTableException.class);
            FailureAnalysis analysis = new MissingTableFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription())
                    .isEqualTo(
                            "The table PAGABLE_NODES of the pagable JDBC store does not exist in the H2 database DB.");
            assertThat(analysis.getAction())
                    .startsWith("Set pagable.store.jdbc.initialize-schema=always to have the table created at startup")
                    .contains("io/pagable/store/jdbc/schema-h2.sql from the pagable-store-jdbc jar")
                    .contains("pagable.store.jdbc.table-name");
        });
    }

    @Test
    void startOnH2FileWithInitializeSchemaAlwaysCreatesTheTable() {
        withH2File()
                .withPropertyValues("pagable.store.jdbc.initialize-schema=always")
                .run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(JdbcContentStore.class);
                    context.getBean(JdbcContentStore.class).checkTable();
                    assertThat(context.getBean(PagableStorage.class).pendingCount())
                            .isZero();
                });
    }

    @Test
    void startOnATableOfPagable01FailsWithAnalysisNamingTheUpgradeScript() throws Exception {
        String url = "jdbc:h2:file:" + temp.resolve("old").toAbsolutePath();
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE PAGABLE_NODES (NODE_KEY BINARY(16) NOT NULL PRIMARY KEY, NODE_DATA "
                    + "BINARY VARYING NOT NULL, CHILD_KEYS BINARY VARYING NOT NULL, STORED_SIZE BIGINT NOT NULL, "
                    + "CREATED_AT TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)"); // 0.1's table
        }
        contextRunner
                .withPropertyValues(
                        "spring.datasource.url=" + url,
                        "spring.datasource.username=sa",
                        "pagable.drainer.enabled=false",
                        "pagable.store.jdbc.initialize-schema=always")
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = new MissingTableFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .isEqualTo("The table PAGABLE_NODES of the pagable JDBC store in the H2 database OLD is "
                                    + "from pagable 0.1: it lacks TOUCHED_AT, which named roots and garbage "
                                    + "collection need.");
                    assertThat(analysis.getAction())
                            .startsWith("Upgrade the table, keeping its nodes, with the script "
                                    + "io/pagable/store/jdbc/schema-upgrade-h2.sql from the pagable-store-jdbc jar");
                    assertThat(context.getStartupFailure())
                            .rootCause()
                            .hasMessageContaining(
                                    "ALTER TABLE PAGABLE_NODES ADD COLUMN IF NOT EXISTS TOUCHED_AT BIGINT DEFAULT 0");
                });
    }

    @Test
    void tableLackingColumnsIsNamedWithTheColumns() {
        FailureAnalysis analysis = new MissingTableFailureAnalyzer()
                .analyze(new IllegalStateException(new MissingTableException(
                        "PAGABLE_NODES",
                        "PostgreSQL database test",
                        "io/pagable/store/jdbc/schema-postgresql.sql",
                        List.of("STORED_SIZE"))));
        assertThat(analysis.getDescription())
                .isEqualTo("The table PAGABLE_NODES of the pagable JDBC store in the PostgreSQL database test lacks "
                        + "the columns STORED_SIZE.");
        assertThat(analysis.getAction()).contains("io/pagable/store/jdbc/schema-postgresql.sql");
    }
}
