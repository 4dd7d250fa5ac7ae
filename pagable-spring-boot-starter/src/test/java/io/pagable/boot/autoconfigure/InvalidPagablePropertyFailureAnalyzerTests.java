package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.core.io.support.SpringFactoriesLoader.ArgumentResolver;
import org.springframework.core.io.support.SpringFactoriesLoader.FailureHandler;

@ExtendWith(OutputCaptureExtension.class)
class InvalidPagablePropertyFailureAnalyzerTests {

    @TempDir
    Path temp;

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class));

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            pagable.store.type                 | redis        | one of: jdbc, file, memory
            pagable.cache.maximum-size         | -1           | 0 or more
            pagable.cache.maximum-size         | lots         | a whole number
            pagable.cache.expire-after-access  | -5s          | a positive duration
            pagable.cache.spec                 | maximumSize= | a Caffeine spec such as
            pagable.drainer.interval           | 0s           | a positive duration
            pagable.drainer.interval           | soon         | a duration such as 500ms, 1s, 5m or PT1S
            pagable.drainer.batch-size         | 0            | 1 or more
            pagable.drainer.threads            | -2           | 1 or more
            pagable.drainer.enabled            | maybe        | true or false
            pagable.store.jdbc.batch-size      | 0            | a number from 1 to 10000
            pagable.store.jdbc.batch-size      | 10001        | a number from 1 to 10000
            pagable.store.jdbc.table-name      | nodes;drop   | an identifier of letters, digits and underscores
            pagable.store.jdbc.table-name      | 1nodes       | an identifier of letters, digits and underscores
            pagable.store.jdbc.table-name      | a.b.c        | an identifier of letters, digits and underscores
            pagable.store.jdbc.initialize-schema | sometimes  | one of: always, embedded, never
            pagable.store.max-node-size        | 0B           | a size from 1B to 2047MB
            pagable.store.max-node-size        | huge         | a size such as 512KB or 64MB
            pagable.store.read-ahead           | -1           | 0 or more nodes
            """)
    void badValueFailsStartupWithAnalysisNamingPropertyValueAndAcceptedValues(
            String property, String value, String accepted) {
        String[] properties = {"pagable.store.type=memory", property + "=" + value};
        contextRunner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure(), properties);
            assertThat(analysis.getDescription())
                    .startsWith("Invalid value '" + value + "' for property '" + property + "' (set by \"" + property
                            + "\" from property source \"test\"): ");
            assertThat(analysis.getAction())
                    .contains("set '" + property + "' to")
                    .contains(accepted);
        });
    }

    @Test
    void jdbcStoreWithoutDataSourceFailsWithAnalysis() {
        contextRunner.withPropertyValues("pagable.store.type=jdbc").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure(), "pagable.store.type=jdbc");
            assertThat(analysis.getDescription())
                    .isEqualTo("Invalid value 'jdbc' for property 'pagable.store.type' (set by "
                            + "\"pagable.store.type\" from property source \"test\"): the application has no "
                            + "DataSource bean.");
            assertThat(analysis.getAction())
                    .contains("set 'pagable.store.type' to file or memory; jdbc once the application has one "
                            + "DataSource");
        });
    }

    @Test
    void fileDirectoryThatCannotBeCreatedFailsWithAnalysis() throws IOException {
        Path blocker = Files.writeString(temp.resolve("a-file"), "not a directory");
        Path directory = blocker.resolve("store");
        contextRunner
                .withPropertyValues("pagable.store.type=file", "pagable.store.file.directory=" + directory)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis = analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .startsWith("Invalid value '" + directory + "' for property 'pagable.store.file.directory'"
                                    + ": the directory cannot be created");
                    assertThat(analysis.getAction())
                            .contains("set 'pagable.store.file.directory' to a directory the application can create "
                                    + "and write to");
                });
    }

    @Test
    void fileDirectoryThatIsAFileFailsWithAnalysis() throws IOException {
        Path file = Files.writeString(temp.resolve("plain-file"), "not a directory");
        contextRunner
                .withPropertyValues("pagable.store.type=file", "pagable.store.file.directory=" + file)
                .run((context) -> {
                    assertThat(context).hasFailed();
                    assertThat(analyze(context.getStartupFailure()).getDescription())
                            .contains("'pagable.store.file.directory'")
                            .contains("cannot be created");
                });
    }

    @Test
    void withoutEnvironmentReportsTheBoundValue() {
        contextRunner
                .withPropertyValues("pagable.drainer.interval=0s")
                .run((context) -> assertThat(new InvalidPagablePropertyFailureAnalyzer(null)
                                .analyze(context.getStartupFailure())
                                .getDescription())
                        .isEqualTo(
                                "Invalid value 'PT0S' for property 'pagable.drainer.interval': it is not positive."));
    }

    @Test
    void ignoresFailuresOfOtherProperties() {
        assertThat(new InvalidPagablePropertyFailureAnalyzer(null).analyze(new IllegalStateException("unrelated")))
                .isNull();
    }

    @Test
    void isRegisteredAsFailureAnalyzer() {
        ArgumentResolver environment = ArgumentResolver.of(Environment.class, new StandardEnvironment());
        assertThat(SpringFactoriesLoader.forDefaultResourceLocation()
                        .load(FailureAnalyzer.class, environment, FailureHandler.handleMessage((message, ex) -> {})))
                .hasAtLeastOneElementOfType(InvalidPagablePropertyFailureAnalyzer.class)
                .hasAtLeastOneElementOfType(MissingTableFailureAnalyzer.class);
    }

    @Test
    void startupFailureReportShowsTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(BadApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--pagable.store.type=redis"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid value 'redis' for property 'pagable.store.type' (set by \"pagable.store.type\" "
                        + "from property source \"commandLineArgs\")")
                .contains("Update your application's configuration: set 'pagable.store.type' to one of: jdbc, file, "
                        + "memory");
    }

    private static FailureAnalysis analyze(Throwable failure, String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertyValues.of(properties).applyTo(environment);
        FailureAnalysis analysis = new InvalidPagablePropertyFailureAnalyzer(environment).analyze(failure);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PagableAutoConfiguration.class)
    static class BadApplication {}
}
