package io.pagable.boot.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
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

/**
 * A bad {@code pagable.*} value stops startup with a report of Spring Boot's own failure analyzers:
 * the property, the value as written, where it was set, and what is allowed.
 */
@ExtendWith(OutputCaptureExtension.class)
class PagablePropertiesValidationTests {

    @TempDir
    Path temp;

    private final ApplicationContextRunner contextRunner =
            new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PagableAutoConfiguration.class));

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            pagable.cache.maximum-size         | -1           | Must be 0 or more.
            pagable.cache.expire-after-access  | -5s          | Must be a positive duration
            pagable.cache.spec                 | maximumSize= | Must be a Caffeine spec such as
            pagable.drainer.interval           | 0s           | Must be a positive duration
            pagable.gc.interval                | 0s           | Must be a positive duration
            pagable.gc.grace-period            | -1m          | Must be 0 or more.
            pagable.drainer.batch-size         | 0            | Must be 1 or more.
            pagable.drainer.threads            | -2           | Must be 1 or more.
            pagable.store.jdbc.batch-size      | 0            | Must be from 1 to 10000.
            pagable.store.jdbc.batch-size      | 10001        | Must be from 1 to 10000.
            pagable.store.jdbc.table-name      | nodes;drop   | Must be an SQL identifier of letters, digits and underscores
            pagable.store.jdbc.table-name      | 1nodes       | Must be an SQL identifier of letters, digits and underscores
            pagable.store.jdbc.table-name      | a.b.c        | Must be an SQL identifier of letters, digits and underscores
            pagable.store.max-node-size        | 0B           | Must be from 1B to 2047MB.
            pagable.store.read-ahead           | -1           | Must be 0 or more.
            """)
    void valueOutOfRangeFailsStartupNamingPropertyValueOriginAndWhatIsAllowed(
            String property, String value, String allowed) {
        String[] properties = {"pagable.store.type=memory", property + "=" + value};
        contextRunner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure(), properties);
            assertThat(analysis.getDescription())
                    .startsWith("Invalid value '" + value + "' for configuration property '" + property
                            + "' (originating from '\"" + property + "\" from property source \"test\"'). "
                            + "Validation failed for the following reason:")
                    .contains(allowed);
            assertThat(analysis.getAction()).isEqualTo("Review the value of the property with the provided reason.");
        });
    }

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource(delimiter = '|', textBlock = """
            pagable.store.type                   | redis     | StoreType.redis               | FILE
            pagable.store.jdbc.initialize-schema | sometimes | DatabaseInitializationMode.sometimes | EMBEDDED
            pagable.cache.maximum-size           | lots      | For input string             | Update your application
            pagable.drainer.interval             | soon      | is not a valid duration       | Update your application
            pagable.drainer.enabled              | maybe     | Invalid boolean value         | Update your application
            pagable.store.max-node-size          | huge      | does not match data size pattern | Update your application
            """)
    void valueOfTheWrongTypeFailsStartupNamingPropertyValueOriginAndWhy(
            String property, String value, String why, String action) {
        String[] properties = {"pagable.store.type=memory", property + "=" + value};
        contextRunner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure(), properties);
            assertThat(analysis.getDescription())
                    .startsWith("Failed to bind properties under '" + property + "'")
                    .contains("Property: " + property)
                    .contains("Value: \"" + value + "\"")
                    .contains("Origin: \"" + property + "\" from property source \"test\"")
                    .contains("Reason: failed to convert java.lang.String to ")
                    .contains(why);
            assertThat(analysis.getAction()).contains(action);
        });
    }

    @Test
    void unknownStoreTypeListsTheValidOnes() {
        contextRunner
                .withPropertyValues("pagable.store.type=redis")
                .run((context) -> assertThat(analyze(context.getStartupFailure(), "pagable.store.type=redis")
                                .getAction())
                        .isEqualTo("Update your application's configuration. The following values are valid:\n\n"
                                + "    FILE\n    JDBC\n    MEMORY"));
    }

    @Test
    void jdbcStoreWithoutDataSourceFailsWithAnalysis() {
        contextRunner.withPropertyValues("pagable.store.type=jdbc").run((context) -> {
            assertThat(context).hasFailed();
            FailureAnalysis analysis = analyze(context.getStartupFailure(), "pagable.store.type=jdbc");
            assertThat(analysis.getDescription())
                    .isEqualTo("Invalid value 'jdbc' for configuration property 'pagable.store.type' (originating "
                            + "from '\"pagable.store.type\" from property source \"test\"'). Validation failed for the "
                            + "following reason:\n\nThe application has no DataSource bean. Must be file or memory; "
                            + "jdbc once the application has one DataSource (for example through "
                            + "spring-boot-starter-jdbc, a JDBC driver and spring.datasource.url).");
        });
    }

    @Test
    void fileDirectoryThatCannotBeCreatedFailsWithAnalysis() throws IOException {
        Path blocker = Files.writeString(temp.resolve("a-file"), "not a directory");
        String[] properties = {"pagable.store.type=file", "pagable.store.file.directory=" + blocker.resolve("store")};
        contextRunner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure(), properties).getDescription())
                    .startsWith("Invalid value '" + blocker.resolve("store")
                            + "' for configuration property 'pagable.store.file.directory' (originating from")
                    .contains("The directory cannot be created")
                    .contains("Must be a directory the application can create and write to.");
        });
    }

    @Test
    void fileDirectoryThatIsAFileFailsWithAnalysis() throws IOException {
        Path file = Files.writeString(temp.resolve("plain-file"), "not a directory");
        String[] properties = {"pagable.store.type=file", "pagable.store.file.directory=" + file};
        contextRunner.withPropertyValues(properties).run((context) -> {
            assertThat(context).hasFailed();
            assertThat(analyze(context.getStartupFailure(), properties).getDescription())
                    .contains("'pagable.store.file.directory'")
                    .contains("cannot be created");
        });
    }

    @Test
    void failureNamesPropertyValueAndReasonEvenWithoutAnAnalyzer() {
        contextRunner
                .withPropertyValues("pagable.drainer.interval=0s")
                .run((context) -> assertThat(context.getStartupFailure())
                        .rootCause()
                        .isInstanceOf(InvalidConfigurationPropertyValueException.class)
                        .hasMessage(
                                "Property pagable.drainer.interval with value 'PT0S' is invalid: Must be a positive "
                                        + "duration, such as 500ms or 5s."));
    }

    @Test
    void failuresOfOtherKindsAreNotReportedAsPropertyValues() {
        assertThat(analysis(new IllegalStateException("unrelated"), new StandardEnvironment()))
                .isNull();
    }

    @Test
    void propertyReportsAreSpringBootsOwnAndTheMissingTableOneIsPagables() {
        List<String> analyzers = new ArrayList<>();
        analyzers(new StandardEnvironment())
                .forEach((analyzer) -> analyzers.add(analyzer.getClass().getName()));
        assertThat(analyzers)
                .contains(
                        "org.springframework.boot.diagnostics.analyzer.InvalidConfigurationPropertyValueFailureAnalyzer",
                        "org.springframework.boot.diagnostics.analyzer.BindFailureAnalyzer",
                        MissingTableFailureAnalyzer.class.getName());
        assertThat(analyzers.stream().filter((name) -> name.startsWith("io.pagable.")))
                .containsExactly(MissingTableFailureAnalyzer.class.getName());
    }

    @Test
    void startupFailureReportShowsTheAnalysis(CapturedOutput output) {
        SpringApplication application = new SpringApplication(BadApplication.class);
        application.setWebApplicationType(WebApplicationType.NONE);
        assertThatException().isThrownBy(() -> application.run("--pagable.cache.maximum-size=-1"));
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("Invalid value '-1' for configuration property 'pagable.cache.maximum-size' (originating "
                        + "from '\"pagable.cache.maximum-size\" from property source \"commandLineArgs\"').")
                .contains("Must be 0 or more.")
                .contains("Review the value of the property with the provided reason.");
    }

    private static FailureAnalysis analyze(Throwable failure, String... properties) {
        StandardEnvironment environment = new StandardEnvironment();
        TestPropertyValues.of(properties).applyTo(environment);
        FailureAnalysis analysis = analysis(failure, environment);
        assertThat(analysis).as("analysis of %s", failure).isNotNull();
        return analysis;
    }

    /** The first analysis of the application's failure analyzers, as Spring Boot's own report takes it. */
    private static @Nullable FailureAnalysis analysis(Throwable failure, Environment environment) {
        for (FailureAnalyzer analyzer : analyzers(environment)) {
            FailureAnalysis analysis = analyzer.analyze(failure);
            if (analysis != null) {
                return analysis;
            }
        }
        return null;
    }

    private static List<FailureAnalyzer> analyzers(Environment environment) {
        return SpringFactoriesLoader.forDefaultResourceLocation()
                .load(
                        FailureAnalyzer.class,
                        ArgumentResolver.of(Environment.class, environment),
                        FailureHandler.handleMessage((message, ex) -> {}));
    }

    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration(PagableAutoConfiguration.class)
    static class BadApplication {}
}
