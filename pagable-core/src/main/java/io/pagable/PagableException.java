package io.pagable;

/**
 * Root of every exception pagable throws. All are unchecked; each subclass carries the key, type or
 * tag involved as a field and says in its message what to do next.
 */
public class PagableException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates an exception with a message.
     *
     * @param message what went wrong and what to do about it
     */
    public PagableException(String message) {
        super(message);
    }

    /**
     * Creates an exception with a message and a cause.
     *
     * @param message what went wrong and what to do about it
     * @param cause the underlying failure
     */
    public PagableException(String message, Throwable cause) {
        super(message, cause);
    }
}
