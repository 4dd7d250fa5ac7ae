package io.pagable;

/**
 * Thrown when a stored node was written in a format version this release cannot read, typically by
 * a newer release sharing the store. Upgrade this application, or keep the releases' stores apart.
 */
public class IncompatibleFormatException extends CorruptDataException {

    private static final long serialVersionUID = 1L;

    private final int version;

    /**
     * Creates the exception.
     *
     * @param key the node's key
     * @param version the format version found in the node
     * @param supported the highest format version this release reads
     */
    public IncompatibleFormatException(DataKey key, int version, int supported) {
        super(
                key,
                "node format version " + version + " is newer than this release reads (up to " + supported
                        + "); upgrade pagable in this application");
        this.version = version;
    }

    /**
     * Returns the format version found in the data.
     *
     * @return the version
     */
    public int getVersion() {
        return version;
    }
}
