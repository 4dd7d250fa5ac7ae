package io.pagable.boot.autoconfigure.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.metrics.PagableMetrics;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class PagableMetricsAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(
                    MetricsAutoConfiguration.class,
                    SimpleMetricsExportAutoConfiguration.class,
                    PagableAutoConfiguration.class,
                    PagableMetricsAutoConfiguration.class))
            .withPropertyValues("pagable.store.type=memory", "pagable.drainer.interval=1h");

    @Test
    void bindsPagableMetersToTheRegistry() {
        contextRunner.run((context) -> {
            assertThat(context).hasSingleBean(PagableMetrics.class);
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBean(PagableStorage.class).arc("pending");
            assertThat(registry.get("pagable.pending").gauge().value()).isEqualTo(1);
            assertThat(registry.get("pagable.drainer.runs").functionTimer()).isNotNull();
        });
    }

    @Test
    void backsOffWithoutMicrometer() {
        contextRunner
                .withClassLoader(new FilteredClassLoader(MeterBinder.class))
                .run((context) -> assertThat(context).doesNotHaveBean("pagableMetrics"));
    }

    @Test
    void userMetricsWin() {
        PagableMetrics own = new PagableMetrics(PagableStorage.builder().build(), null, Tags.of("own", "yes"));
        contextRunner
                .withBean(PagableMetrics.class, () -> own)
                .run((context) ->
                        assertThat(context).getBean(PagableMetrics.class).isSameAs(own));
    }
}
