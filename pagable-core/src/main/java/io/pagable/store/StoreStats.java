package io.pagable.store;

/**
 * Size of a content store: how many nodes it holds and how many bytes they take. Stores may return
 * estimates (for example a database's table statistics) where an exact count would be slow.
 *
 * @param entries number of stored nodes, or -1 when unknown
 * @param bytes bytes of node data and child keys, or -1 when unknown
 */
public record StoreStats(long entries, long bytes) {

    /** Stats of a store that cannot tell its size. */
    public static final StoreStats UNKNOWN = new StoreStats(-1, -1);
}
