package io.pagable.boot.autoconfigure;

import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionMessage;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ConfigurationCondition;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.ClassMetadata;

/**
 * Matches the store configuration chosen by {@code pagable.store.type}, or, when it is not set, the
 * JDBC store if the application has a {@link DataSource} bean and the file store if it has not.
 */
final class StoreCondition extends SpringBootCondition implements ConfigurationCondition {

    static final String TYPE_PROPERTY = "pagable.store.type";

    private static final Map<String, StoreType> CONFIGURATIONS = Map.of(
            JdbcStoreConfiguration.class.getName(), StoreType.JDBC,
            FileStoreConfiguration.class.getName(), StoreType.FILE,
            MemoryStoreConfiguration.class.getName(), StoreType.MEMORY);

    @Override
    public ConfigurationPhase getConfigurationPhase() {
        return ConfigurationPhase.REGISTER_BEAN;
    }

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String className = ((ClassMetadata) metadata).getClassName();
        StoreType required = Objects.requireNonNull(CONFIGURATIONS.get(className), className);
        ConditionMessage.Builder message = ConditionMessage.forCondition("Pagable store", required.id());
        StoreType configured;
        try {
            configured = Binder.get(context.getEnvironment())
                    .bind(TYPE_PROPERTY, StoreType.class)
                    .orElse(null);
        } catch (BindException ex) {
            // Reported with a failure analysis when PagableProperties is bound.
            return ConditionOutcome.noMatch(message.because("'" + TYPE_PROPERTY + "' cannot be bound"));
        }
        if (configured != null) {
            return (configured == required)
                    ? ConditionOutcome.match(message.because(TYPE_PROPERTY + "=" + configured.id()))
                    : ConditionOutcome.noMatch(message.because(TYPE_PROPERTY + "=" + configured.id()));
        }
        StoreType detected = hasDataSource(context.getBeanFactory()) ? StoreType.JDBC : StoreType.FILE;
        String reason =
                "no " + TYPE_PROPERTY + " and " + ((detected == StoreType.JDBC) ? "a" : "no") + " DataSource bean";
        return (detected == required)
                ? ConditionOutcome.match(message.because(reason))
                : ConditionOutcome.noMatch(message.because(reason));
    }

    private static boolean hasDataSource(@Nullable ConfigurableListableBeanFactory beanFactory) {
        return beanFactory != null && beanFactory.getBeanNamesForType(DataSource.class, true, false).length > 0;
    }
}
