package io.pagable.boot.autoconfigure;

import io.pagable.PagableException;
import org.jspecify.annotations.Nullable;

/**
 * Thrown at startup when a {@code pagable.*} property holds a value the starter cannot use.
 * {@link InvalidPagablePropertyFailureAnalyzer} turns it into a report naming the property, the
 * value and what it accepts.
 */
public class InvalidPagablePropertyException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final String property;

    private final @Nullable Object value;

    private final String reason;

    private final String accepted;

    /**
     * Creates an exception.
     *
     * @param property the property's full name, e.g. {@code pagable.cache.maximum-size}
     * @param value the rejected value
     * @param reason why it is rejected, e.g. "it is negative"
     * @param accepted what the property accepts, e.g. "a number of 0 or more"
     */
    public InvalidPagablePropertyException(String property, @Nullable Object value, String reason, String accepted) {
        this(property, value, reason, accepted, null);
    }

    /**
     * Creates an exception caused by another.
     *
     * @param property the property's full name
     * @param value the rejected value
     * @param reason why it is rejected
     * @param accepted what the property accepts
     * @param cause the failure that revealed the problem, or {@code null}
     */
    public InvalidPagablePropertyException(
            String property, @Nullable Object value, String reason, String accepted, @Nullable Throwable cause) {
        super(
                "Invalid value '" + value + "' for property '" + property + "': " + reason + "; accepted: " + accepted,
                cause);
        this.property = property;
        this.value = value;
        this.reason = reason;
        this.accepted = accepted;
    }

    /**
     * Returns the property's full name.
     *
     * @return e.g. {@code pagable.store.type}
     */
    public String getProperty() {
        return property;
    }

    /**
     * Returns the rejected value.
     *
     * @return the value, or {@code null} if the property was not set
     */
    public @Nullable Object getValue() {
        return value;
    }

    /**
     * Returns why the value is rejected.
     *
     * @return a short reason
     */
    public String getReason() {
        return reason;
    }

    /**
     * Returns what the property accepts.
     *
     * @return a description of the accepted values
     */
    public String getAccepted() {
        return accepted;
    }
}
