package io.pagable;

/**
 * Thrown when the content store failed to read or write. Arcs whose write failed stay resident and
 * queued, so nothing is lost; the next drain retries them.
 */
public class StoreException extends PagableException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what operation failed, on which store and which keys
     * @param cause the store's own failure
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * Creates the exception without an underlying cause.
     *
     * @param message what operation failed, on which store and which keys
     */
    public StoreException(String message) {
        super(message);
    }
}
