package io.pagable;

import org.jspecify.annotations.Nullable;

/**
 * Thrown when stored bytes cannot be what was written under their key: the content does not hash
 * to the key, a length or count is out of range, the encoding is broken, or the data is larger than
 * the configured limits allow. Nothing is returned from such data; the store is left unchanged.
 */
public class CorruptDataException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final @Nullable DataKey key;

    /**
     * Creates the exception.
     *
     * @param key the key whose data is corrupt, or {@code null} when not known
     * @param problem what is wrong with the data
     */
    public CorruptDataException(@Nullable DataKey key, String problem) {
        this(key, problem, null);
    }

    /**
     * Creates the exception with the failure that revealed the corruption.
     *
     * @param key the key whose data is corrupt, or {@code null} when not known
     * @param problem what is wrong with the data
     * @param cause the failure that revealed it, may be {@code null}
     */
    public CorruptDataException(@Nullable DataKey key, String problem, @Nullable Throwable cause) {
        super(
                "Corrupt data" + ((key != null) ? " under key " + key : "") + ": " + problem
                        + ". The stored node cannot be trusted; restore it from a backup or save the graph again.",
                cause);
        this.key = key;
    }

    /**
     * Returns the key whose data is corrupt.
     *
     * @return the key, or {@code null} when the corruption was found outside a keyed node
     */
    public @Nullable DataKey getKey() {
        return key;
    }
}
