package io.pagable;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when a node is larger than a configured limit (bytes per node, children per node), on
 * write or on read. On read it protects the heap from oversized or hostile data; on write it stops
 * a node the configured readers would refuse from being stored.
 */
public class DataLimitExceededException extends CorruptDataException {

    private static final long serialVersionUID = 1L;

    private final String limit;

    private final long actual;

    private final long maximum;

    /**
     * Creates the exception.
     *
     * @param key the node's key, or {@code null} before it is known
     * @param limit the name of the limit, e.g. {@code maxNodeBytes}
     * @param actual the size found
     * @param maximum the configured maximum
     */
    public DataLimitExceededException(@Nullable DataKey key, String limit, long actual, long maximum) {
        super(
                key,
                limit + " exceeded: " + actual + " > " + maximum + " (raise it with PagableStorageBuilder." + limit
                        + "(...) if such nodes are expected)");
        this.limit = limit;
        this.actual = actual;
        this.maximum = maximum;
    }

    /**
     * Returns the name of the limit that was exceeded.
     *
     * @return the limit's builder method name
     */
    public String getLimit() {
        return limit;
    }

    /**
     * Returns the size found.
     *
     * @return the actual size
     */
    public long getActual() {
        return actual;
    }

    /**
     * Returns the configured maximum.
     *
     * @return the maximum
     */
    public long getMaximum() {
        return maximum;
    }
}
