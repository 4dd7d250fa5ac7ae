package io.pagable.boot.autoconfigure;

import io.pagable.store.jdbc.JdbcContentStore;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;

/**
 * A check of a {@code pagable.*} value where it is used, as a {@link PropertyMapper} adapter: a valid value
 * passes unchanged; any other fails startup with Spring Boot's
 * {@link InvalidConfigurationPropertyValueException}, whose failure analyzer names the property, the
 * value, where it was set, and (the reason given here) what is allowed.
 *
 * @param <T> the value's type
 */
final class PropertyValueCheck<T> implements PropertyMapper.Source.Adapter<T, T> {

    private static final Pattern TABLE_NAME =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,"
                    + (JdbcContentStore.MAX_TABLE_NAME_LENGTH - 1) + "}");

    private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9]*");

    private final String name;

    private final Predicate<? super T> valid;

    private final String allowed;

    private PropertyValueCheck(String name, Predicate<? super T> valid, String allowed) {
        this.name = name;
        this.valid = valid;
        this.allowed = allowed;
    }

    static <T> PropertyValueCheck<T> check(String name, Predicate<? super T> valid, String allowed) {
        return new PropertyValueCheck<>(name, valid, allowed);
    }

    static PropertyValueCheck<Duration> positive(String name) {
        return check(
                name,
                (duration) -> !duration.isNegative() && !duration.isZero(),
                "Must be a positive duration, such as 500ms or 5s.");
    }

    static PropertyValueCheck<Integer> atLeast(String name, int minimum) {
        return check(name, (number) -> number >= minimum, "Must be " + minimum + " or more.");
    }

    /**
     * Checks the JDBC store's values that reach SQL (the table name, in every statement and in the
     * schema script; the batch size, as the number of placeholders) and the choice of schema script
     * (the platform), before any of it runs.
     */
    static void jdbcStore(PagableProperties.Jdbc jdbc) {
        PropertyValueCheck.<String>check(
                        "pagable.store.jdbc.table-name",
                        (name) -> TABLE_NAME.matcher(name).matches(),
                        "Must be an SQL identifier of letters, digits and underscores, not starting with a digit, "
                                + "at most " + JdbcContentStore.MAX_TABLE_NAME_LENGTH + " characters (the store names "
                                + "four tables beside it after it), optionally prefixed by 'schema.'.")
                .adapt(jdbc.getTableName());
        PropertyValueCheck.<Integer>check(
                        "pagable.store.jdbc.batch-size",
                        (size) -> size >= 1 && size <= JdbcContentStore.MAX_BATCH_SIZE,
                        "Must be from 1 to " + JdbcContentStore.MAX_BATCH_SIZE + ".")
                .adapt(jdbc.getBatchSize());
        String platform = jdbc.getPlatform();
        if (platform != null) {
            PropertyValueCheck.<String>check(
                            "pagable.store.jdbc.platform",
                            (name) -> PLATFORM.matcher(name).matches(),
                            "Must be a database platform name of lower-case letters and digits, such as h2, "
                                    + "postgresql or mariadb.")
                    .adapt(platform);
        }
    }

    @Override
    public T adapt(T value) {
        if (!valid.test(value)) {
            throw new InvalidConfigurationPropertyValueException(name, value, allowed);
        }
        return value;
    }
}
