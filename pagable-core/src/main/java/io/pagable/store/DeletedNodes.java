package io.pagable.store;

/**
 * What one {@link ContentStore#deleteUntouched} call deleted.
 *
 * @param nodes how many nodes
 * @param bytes their stored size, as {@link StoredNode#storedSize()} counts it
 */
public record DeletedNodes(long nodes, long bytes) {

    /** Nothing deleted. */
    public static final DeletedNodes NONE = new DeletedNodes(0, 0);

    /**
     * Adds another result to this one.
     *
     * @param other the other result
     * @return the sum
     */
    public DeletedNodes plus(DeletedNodes other) {
        return new DeletedNodes(nodes + other.nodes, bytes + other.bytes);
    }
}
