package io.pagable.boot.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.PagableStorage;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PagableHealthContributorAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    PagableAutoConfiguration.class, PagableHealthContributorAutoConfiguration.class))
            .withPropertyValues("pagable.store.type=memory");

    @Test
    void registersTheIndicatorAsPagable() {
        contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(PagableHealthIndicator.class);
            assertThat(context).hasBean("pagableHealthIndicator");
        });
    }

    @Test
    void canBeSwitchedOff() {
        contextRunner
                .withPropertyValues("management.health.pagable.enabled=false")
                .run((context) -> assertThat(context).doesNotHaveBean(PagableHealthIndicator.class));
    }

    @Test
    void backsOffWithoutHealthSupport() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(HealthIndicator.class))
                .run((context) -> {
                    assertThat(context).hasSingleBean(PagableStorage.class);
                    assertThat(context).doesNotHaveBean("pagableHealthIndicator");
                });
    }

    @Test
    void userIndicatorWins() {
        HealthIndicator own =
                () -> org.springframework.boot.health.contributor.Health.up().build();
        contextRunner
                .withBean("pagableHealthIndicator", HealthIndicator.class, () -> own)
                .run((context) -> {
                    assertThat(context).doesNotHaveBean(PagableHealthIndicator.class);
                    assertThat(context).getBean("pagableHealthIndicator").isSameAs(own);
                });
    }
}
