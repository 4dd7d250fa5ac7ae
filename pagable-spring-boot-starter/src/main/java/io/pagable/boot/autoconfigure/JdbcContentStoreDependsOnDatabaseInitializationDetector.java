package io.pagable.boot.autoconfigure;

import io.pagable.store.jdbc.JdbcContentStore;
import java.util.Set;
import org.springframework.boot.sql.init.dependency.AbstractBeansOfTypeDependsOnDatabaseInitializationDetector;

/** Makes every {@link JdbcContentStore} bean wait until the database is initialized. */
class JdbcContentStoreDependsOnDatabaseInitializationDetector
        extends AbstractBeansOfTypeDependsOnDatabaseInitializationDetector {

    @Override
    protected Set<Class<?>> getDependsOnDatabaseInitializationBeanTypes() {
        return Set.of(JdbcContentStore.class);
    }
}
