package io.pagable.boot.autoconfigure.health;

import io.pagable.PagableStorage;
import io.pagable.boot.actuate.health.PagableHealthIndicator;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.store.ContentStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration for the {@link PagableHealthIndicator}, when Spring Boot's health support is
 * present; {@code management.health.pagable.enabled=false} switches it off.
 */
@AutoConfiguration(after = PagableAutoConfiguration.class)
@ConditionalOnClass({HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class})
@ConditionalOnBean(PagableStorage.class)
@ConditionalOnEnabledHealthIndicator("pagable")
public final class PagableHealthContributorAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(name = "pagableHealthIndicator")
    PagableHealthIndicator pagableHealthIndicator(
            PagableStorage pagableStorage,
            ObjectProvider<ContentStore> contentStore,
            ObjectProvider<PagableDrainer> drainer) {
        return new PagableHealthIndicator(pagableStorage, contentStore.getIfUnique(), drainer.getIfUnique());
    }
}
