package io.pagable.docs.spring;

import io.pagable.boot.autoconfigure.PagableStorageBuilderCustomizer;
import io.pagable.docs.stores.MapContentStore;
import io.pagable.store.ContentStore;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

// tag::beans[]
@Configuration(proxyBeanMethods = false)
public class PagableConfiguration {

    @Bean // replaces the store the starter would choose from pagable.store.type, .jdbc.* and .file.*
    ContentStore contentStore() {
        return new MapContentStore();
    }

    @Bean // settings without a property; runs after the pagable.* properties are applied
    PagableStorageBuilderCustomizer pagableLimits() {
        return (builder) -> builder.maxChildren(100_000).maxEagerDepth(64).writeBatchSize(2_000);
    }
}
// end::beans[]
