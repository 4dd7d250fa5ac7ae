package io.pagable.boot.autoconfigure.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.PagableStorage;
import io.pagable.boot.actuate.endpoint.PagableEndpoint;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.actuate.metrics.PagableMetrics;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.autoconfigure.health.PagableHealthContributorAutoConfiguration;
import io.pagable.boot.autoconfigure.metrics.PagableMetricsAutoConfiguration;
import io.pagable.store.InMemoryContentStore;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

class PagableEndpointAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PagableAutoConfiguration.class,
                    PagableEndpointAutoConfiguration.class,
                    PagableHealthContributorAutoConfiguration.class,
                    PagableMetricsAutoConfiguration.class))
            .withPropertyValues("pagable.store.type=memory");

    @Test
    void endpointIsAvailableWhenExposed() {
        contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=pagable")
                .run((context) -> assertThat(context).hasSingleBean(PagableEndpoint.class));
    }

    @Test
    void endpointIsAvailableWhenExposedOverJmx() {
        contextRunner
                .withPropertyValues("spring.jmx.enabled=true", "management.endpoints.jmx.exposure.include=pagable")
                .run((context) -> assertThat(context).hasSingleBean(PagableEndpoint.class));
    }

    @Test
    void endpointIsNotAvailableUnlessExposed() {
        contextRunner.run((context) -> assertThat(context).doesNotHaveBean(PagableEndpoint.class));
    }

    @Test
    void endpointIsNotAvailableWhenAccessIsNone() {
        contextRunner
                .withPropertyValues(
                        "management.endpoints.web.exposure.include=pagable", "management.endpoint.pagable.access=NONE")
                .run((context) -> assertThat(context).doesNotHaveBean(PagableEndpoint.class));
    }

    @Test
    void endpointBacksOffWithoutPagableStorage() {
        contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=pagable", "pagable.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(PagableEndpoint.class));
    }

    @Test
    void userEndpointWins() {
        PagableEndpoint endpoint = new PagableEndpoint(PagableStorage.builder().build(), null, null, null);
        contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=pagable")
                .withBean(PagableEndpoint.class, () -> endpoint)
                .run((context) ->
                        assertThat(context).getBean(PagableEndpoint.class).isSameAs(endpoint));
    }

    @Test
    void endpointReportsTheContentStoreBeanBesideAUserStorage() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PagableEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=pagable")
                .withBean(InMemoryContentStore.class, InMemoryContentStore::new)
                .withBean(PagableStorage.class, () -> PagableStorage.builder().build())
                .run((context) -> assertThat(storeType(context)).isEqualTo("memory"));
    }

    @Test
    void endpointReportsAnUnknownStoreForAUserStorageWithoutAContentStoreBean() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(PagableEndpointAutoConfiguration.class))
                .withPropertyValues("management.endpoints.web.exposure.include=pagable")
                .withBean(PagableStorage.class, () -> PagableStorage.builder().build())
                .run((context) -> assertThat(storeType(context)).isEqualTo("unknown"));
    }

    @Test
    void withoutActuatorTheStorageStillWorksAndNothingElseIsConfigured() {
        contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=pagable")
                // The actuator's, health's and Micrometer's own classes; their auto-configure parts
                // stay, as an application without them never reaches their conditions.
                .withClassLoader(new FilteredClassLoader(
                        "org.springframework.boot.actuate.endpoint.",
                        "org.springframework.boot.health.contributor.",
                        "io.micrometer.core."))
                .run((context) -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).hasSingleBean(PagableStorage.class);
                    assertThat(context).doesNotHaveBean("pagableEndpoint");
                    assertThat(context).doesNotHaveBean("pagableHealthIndicator");
                    assertThat(context).doesNotHaveBean("pagableMetrics");
                });
    }

    @Test
    void withoutEndpointSupportOnlyTheEndpointIsMissing() {
        contextRunner
                .withPropertyValues("management.endpoints.web.exposure.include=pagable")
                .withClassLoader(new FilteredClassLoader(Endpoint.class))
                .run((context) -> {
                    assertThat(context).doesNotHaveBean(PagableEndpoint.class);
                    assertThat(context).hasSingleBean(PagableHealthIndicator.class);
                    assertThat(context).hasSingleBean(PagableMetrics.class);
                });
    }

    private static String storeType(ApplicationContext context) {
        return context.getBean(PagableEndpoint.class).pagable().store().type();
    }
}
