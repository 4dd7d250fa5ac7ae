package io.pagable.boot.autoconfigure;

import java.time.Duration;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;

/**
 * Explains a startup failure caused by a {@code pagable.*} property: an
 * {@link InvalidPagablePropertyException}, or a value that cannot be bound at all (an unknown store
 * type, a malformed duration). The report names the property, the bad value as it was written, where
 * it was set, and the values the property accepts. It runs before Spring Boot's generic binding
 * analyzer.
 */
public class InvalidPagablePropertyFailureAnalyzer implements FailureAnalyzer, Ordered {

    private static final String PREFIX = "pagable.";

    private final @Nullable Environment environment;

    /**
     * Creates the analyzer; Spring Boot passes the application's environment.
     *
     * @param environment where the bad value and its origin are looked up, or {@code null}
     */
    public InvalidPagablePropertyFailureAnalyzer(@Nullable Environment environment) {
        this.environment = environment;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE;
    }

    @Override
    public @Nullable FailureAnalysis analyze(Throwable failure) {
        InvalidPagablePropertyException invalid = findCause(failure, InvalidPagablePropertyException.class);
        BindException binding = findPagableBindException(failure);
        if (invalid != null) {
            Origin origin = (binding != null && binding.getName().toString().equals(invalid.getProperty()))
                    ? binding.getOrigin()
                    : null;
            return analysis(
                    invalid.getProperty(),
                    invalid.getValue(),
                    origin,
                    invalid.getReason(),
                    invalid.getAccepted(),
                    invalid);
        }
        if (binding != null) {
            ConfigurationProperty property = binding.getProperty();
            Class<?> type = binding.getTarget().getType().resolve(Object.class);
            return analysis(
                    binding.getName().toString(),
                    (property != null) ? property.getValue() : null,
                    binding.getOrigin(),
                    "it cannot be read as " + describe(type),
                    accepted(type),
                    binding);
        }
        return null;
    }

    private FailureAnalysis analysis(
            String property,
            @Nullable Object value,
            @Nullable Origin origin,
            String reason,
            String accepted,
            Throwable cause) {
        ConfigurationProperty configured = configured(property);
        if (configured != null) {
            value = configured.getValue();
            origin = configured.getOrigin();
        }
        String description = String.format(
                "Invalid value '%s' for property '%s'%s: %s.",
                value, property, (origin != null) ? " (set by " + origin + ")" : "", reason);
        String action = String.format(
                "Update your application's configuration: set '%s' to %s, or remove it to use the default.",
                property, accepted);
        return new FailureAnalysis(description, action, cause);
    }

    private @Nullable ConfigurationProperty configured(String property) {
        if (!(environment instanceof ConfigurableEnvironment configurable)
                || !ConfigurationPropertyName.isValid(property)) {
            return null;
        }
        ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
        for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
            ConfigurationProperty configured = source.getConfigurationProperty(name);
            if (configured != null) {
                return configured;
            }
        }
        return null;
    }

    private static String accepted(Class<?> type) {
        if (type.isEnum()) {
            return "one of: "
                    + Arrays.stream(type.getEnumConstants())
                            .map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT))
                            .collect(Collectors.joining(", "));
        }
        if (type == Duration.class) {
            return "a duration such as 500ms, 1s, 5m or PT1S";
        }
        if (type == DataSize.class) {
            return "a size such as 512KB or 64MB";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class) {
            return "a whole number";
        }
        return "a valid " + type.getSimpleName();
    }

    private static String describe(Class<?> type) {
        return type.isEnum()
                ? "a " + type.getSimpleName()
                : type.getSimpleName().toLowerCase(Locale.ROOT);
    }

    private static @Nullable BindException findPagableBindException(Throwable failure) {
        BindException found = null;
        for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
            if (candidate instanceof BindException binding
                    && binding.getName().toString().startsWith(PREFIX)) {
                found = binding;
            }
        }
        return found;
    }

    private static <E extends Throwable> @Nullable E findCause(Throwable failure, Class<E> type) {
        for (Throwable candidate = failure; candidate != null; candidate = candidate.getCause()) {
            if (type.isInstance(candidate)) {
                return type.cast(candidate);
            }
        }
        return null;
    }
}
