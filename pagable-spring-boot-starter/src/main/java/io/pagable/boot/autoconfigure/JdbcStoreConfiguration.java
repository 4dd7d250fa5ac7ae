package io.pagable.boot.autoconfigure;

import io.pagable.store.ContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.sql.autoconfigure.init.OnDatabaseInitializationCondition;
import org.springframework.boot.sql.init.dependency.DatabaseInitializationDependencyConfigurer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

/**
 * The JDBC store: chosen by {@code pagable.store.type=jdbc}, or by default when the application has a
 * {@code DataSource}. With Spring Boot's JDBC support on the class path, the table is created by a
 * {@link PagableDataSourceScriptDatabaseInitializer} as {@code pagable.store.jdbc.initialize-schema}
 * says, before the store is used. The store is created after Spring Boot's database initialization
 * (Flyway, Liquibase, the schema initializer) and checks its table then: a missing table stops the
 * start with a {@link MissingTableFailureAnalyzer} report instead of failing every drain.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(ContentStore.class)
@Conditional(StoreCondition.class)
class JdbcStoreConfiguration {

    @Bean
    @ConditionalOnMissingBean
    JdbcContentStore pagableContentStore(ObjectProvider<DataSource> dataSource, PagableProperties properties) {
        PagableProperties.Jdbc jdbc = properties.getStore().getJdbc();
        JdbcContentStore store =
                new JdbcContentStore(requireDataSource(dataSource), jdbc.getTableName(), jdbc.getBatchSize());
        store.checkTable();
        return store;
    }

    static DataSource requireDataSource(ObjectProvider<DataSource> dataSource) {
        DataSource unique = dataSource.getIfUnique();
        if (unique != null) {
            return unique;
        }
        boolean none = dataSource.stream().findAny().isEmpty();
        throw new InvalidConfigurationPropertyValueException(
                StoreCondition.TYPE_PROPERTY,
                StoreType.JDBC.id(),
                (none
                                ? "The application has no DataSource bean."
                                : "The application has several DataSource beans and none of them is @Primary.")
                        + " Must be file or memory; jdbc once the application has one DataSource (for example "
                        + "through spring-boot-starter-jdbc, a JDBC driver and spring.datasource.url).");
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = "org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer")
    @Import(DatabaseInitializationDependencyConfigurer.class)
    static class SchemaInitializationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        @Conditional(OnPagableDatabaseInitializationCondition.class)
        PagableDataSourceScriptDatabaseInitializer pagableDataSourceScriptDatabaseInitializer(
                ObjectProvider<DataSource> dataSource, PagableProperties properties) {
            return new PagableDataSourceScriptDatabaseInitializer(
                    requireDataSource(dataSource), properties.getStore().getJdbc());
        }
    }

    static class OnPagableDatabaseInitializationCondition extends OnDatabaseInitializationCondition {

        OnPagableDatabaseInitializationCondition() {
            super("Pagable", "pagable.store.jdbc.initialize-schema");
        }
    }
}
