package io.pagable.boot.autoconfigure;

import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** The in-memory store, chosen only by {@code pagable.store.type=memory}. */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(ContentStore.class)
@Conditional(StoreCondition.class)
class MemoryStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    InMemoryContentStore pagableContentStore() {
        return new InMemoryContentStore();
    }
}
