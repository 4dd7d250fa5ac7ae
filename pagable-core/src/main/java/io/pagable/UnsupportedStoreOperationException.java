package io.pagable;

/**
 * The content store does not support an operation pagable asked of it: named roots, or deleting
 * nodes for the garbage collector. The message names the store and the operation; use one of
 * pagable's stores, or implement the operation in your store (see {@link io.pagable.store.ContentStore}).
 */
public class UnsupportedStoreOperationException extends PagableException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param store the store, named in the message
     * @param operation what it cannot do, for example "named roots"
     */
    public UnsupportedStoreOperationException(Object store, String operation) {
        super("The content store " + store + " does not support " + operation
                + "; use one of pagable's stores (memory, file, JDBC), or implement the ContentStore methods for "
                + operation + " in " + store.getClass().getName());
    }
}
