package io.pagable.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.metrics.PagableMetrics;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for {@link PagableMetrics}, when Micrometer is present. Spring Boot binds every
 * {@link MeterBinder} bean to the application's meter registries.
 */
@AutoConfiguration(
        after = PagableAutoConfiguration.class,
        afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration")
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(PagableStorage.class)
public final class PagableMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PagableMetrics pagableMetrics(
            PagableStorage pagableStorage,
            ObjectProvider<PagableDrainer> drainer,
            ObjectProvider<PagableGarbageCollector> collector) {
        return new PagableMetrics(pagableStorage, drainer.getIfUnique(), collector.getIfUnique(), Tags.empty());
    }
}
