package io.pagable;

/**
 * Thrown, when {@link PagableStorageBuilder#verifyImmutability(boolean) verifyImmutability} is on, when
 * the value of an arc no longer encodes to the node stored under the arc's key: it was changed after it
 * was handed to the arc. The store still holds the value as it was written, and the arc keeps that key,
 * so a later {@code get()} of the arc reads the stored value once the engine lets go of the changed one.
 */
public class MutatedValueException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final DataKey key;

    private final Class<?> type;

    /**
     * Creates the exception.
     *
     * @param key the key the value was stored under
     * @param type the class of the changed value
     */
    public MutatedValueException(DataKey key, Class<?> type) {
        super("The " + type.getName() + " stored under key " + key + " was changed after it was handed to its "
                + "arc: it no longer encodes to the stored bytes, which keep the value as it was written. Values "
                + "handed to an arc must not change; copy before changing, or create a new arc.");
        this.key = key;
        this.type = type;
    }

    /**
     * Returns the key the value was stored under.
     *
     * @return the stored key
     */
    public DataKey getKey() {
        return key;
    }

    /**
     * Returns the class of the changed value.
     *
     * @return the class
     */
    public Class<?> getType() {
        return type;
    }
}
