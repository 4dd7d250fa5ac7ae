package io.pagable.boot.autoconfigure.endpoint;

import io.pagable.PagableStorage;
import io.pagable.boot.actuate.endpoint.PagableEndpoint;
import io.pagable.boot.autoconfigure.PagableAutoConfiguration;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import io.pagable.store.ContentStore;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/** Auto-configuration for the {@link PagableEndpoint}, when the actuator is present and the endpoint available. */
@AutoConfiguration(after = PagableAutoConfiguration.class)
@ConditionalOnClass({Endpoint.class, ConditionalOnAvailableEndpoint.class})
@ConditionalOnBean(PagableStorage.class)
@ConditionalOnAvailableEndpoint(PagableEndpoint.class)
public final class PagableEndpointAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    PagableEndpoint pagableEndpoint(
            PagableStorage pagableStorage,
            ObjectProvider<ContentStore> contentStore,
            ObjectProvider<PagableDrainer> drainer,
            ObjectProvider<PagableGarbageCollector> collector) {
        return new PagableEndpoint(
                pagableStorage, contentStore.getIfUnique(), drainer.getIfUnique(), collector.getIfUnique());
    }
}
