package io.pagable.store.tck;

/**
 * The kinds of damage the contract suite asks a store's test to inflict on one stored node through
 * {@link AbstractContentStoreContractTests#corrupt}.
 */
public enum Corruption {

    /** One byte of the node's stored data is changed (a bit flip on disk or in transit). */
    FLIP_BYTE,

    /** The node's stored data loses its second half (a write cut short). */
    CUT_SHORT
}
