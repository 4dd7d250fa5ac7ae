package io.pagable;

import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Thrown when stored data names a type tag that is not registered in this application, or one
 * whose class does not fit the declared type it is read into. Pagable never instantiates a class
 * named by stored data: only registered tags are resolved.
 */
public class UnknownTypeTagException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final String tag;

    private final @Nullable DataKey key;

    /**
     * Creates the exception.
     *
     * @param tag the tag found in the data
     * @param key the key of the node being read, or {@code null} when not known
     * @param knownTags the tags registered in this application
     */
    public UnknownTypeTagException(String tag, @Nullable DataKey key, Set<String> knownTags) {
        super("Unknown type tag '" + tag + "'" + ((key != null) ? " in node " + key : "")
                + "; registered tags are " + knownTags + ". Register the class annotated with @PagableType(\""
                + tag + "\") through PagableStorageBuilder.registerTypes(...) or registerPackages(...).");
        this.tag = tag;
        this.key = key;
    }

    /**
     * Creates the exception for a tag whose registered class does not fit the declared type.
     *
     * @param tag the tag found in the data
     * @param key the key of the node being read, or {@code null} when not known
     * @param registered the class registered for the tag
     * @param expected the declared type the value is read into
     */
    public UnknownTypeTagException(String tag, @Nullable DataKey key, Class<?> registered, Class<?> expected) {
        super("Type tag '" + tag + "'" + ((key != null) ? " in node " + key : "") + " names "
                + registered.getName() + ", which is not a " + expected.getName()
                + "; the data was written for another declared type, or the tag was reassigned.");
        this.tag = tag;
        this.key = key;
    }

    /**
     * Returns the tag found in the data.
     *
     * @return the tag
     */
    public String getTag() {
        return tag;
    }

    /**
     * Returns the key of the node that held the tag.
     *
     * @return the key, or {@code null} when not known
     */
    public @Nullable DataKey getKey() {
        return key;
    }
}
