package io.pagable;

/**
 * Thrown when a key is asked for that the content store does not hold: the graph was never saved
 * to this store, was saved to another one, or the store lost it.
 */
public class MissingDataException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final DataKey key;

    /**
     * Creates the exception for a key the store does not hold.
     *
     * @param key the missing key
     * @param context what was being read, for the message (e.g. "child 2 of node ...")
     */
    public MissingDataException(DataKey key, String context) {
        super("No data is stored under key " + key + " (" + context + "). Check that the application "
                + "reads from the store the graph was saved to, and that the store was not cleared.");
        this.key = key;
    }

    /**
     * Returns the key that was not found.
     *
     * @return the missing key
     */
    public DataKey getKey() {
        return key;
    }
}
