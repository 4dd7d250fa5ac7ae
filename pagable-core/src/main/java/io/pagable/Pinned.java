package io.pagable;

/**
 * A pin on a {@link PagableArc}: while it is open, the arc keeps its value resident and no drain
 * pages it out. Use it in try-with-resources.
 *
 * @param <T> the value's type
 */
public interface Pinned<T> extends AutoCloseable {

    /**
     * Returns the pinned value; valid until and after {@link #close()} (the value is a plain object).
     *
     * @return the value
     */
    T get();

    /** Releases the pin. Closing twice is harmless. */
    @Override
    void close();
}
