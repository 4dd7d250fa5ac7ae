package io.pagable.store;

import io.pagable.CorruptDataException;
import io.pagable.DataKey;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The unit a {@link ContentStore} keeps: a node's encoded bytes and the ordered keys of its
 * children, under the key computed from both ({@link DataKey#compute(byte[], List)}).
 *
 * <p>The data array is not copied, for speed: callers must not modify it after handing it over.
 * Two nodes are equal when their keys, bytes and children are equal.
 *
 * @param key the node's content address
 * @param data the node's encoded bytes
 * @param children the keys of the node's children, in order
 */
public record StoredNode(DataKey key, byte[] data, List<DataKey> children) {

    /**
     * Creates a node, copying the child list.
     *
     * @param key the node's content address
     * @param data the node's encoded bytes
     * @param children the keys of the node's children, in order
     */
    public StoredNode {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(data, "data");
        children = List.copyOf(children);
    }

    /**
     * Creates a node and computes its key from its bytes and children.
     *
     * @param data the node's encoded bytes
     * @param children the keys of the node's children, in order
     * @return the node under its computed key
     */
    public static StoredNode of(byte[] data, List<DataKey> children) {
        return new StoredNode(DataKey.compute(data, children), data, children);
    }

    /**
     * Checks that the node's bytes and children hash to its key.
     *
     * @return this node
     * @throws CorruptDataException naming the key when they do not
     */
    public StoredNode verify() {
        DataKey actual = DataKey.compute(data, children);
        if (!actual.equals(key)) {
            throw new CorruptDataException(
                    key, "its " + data.length + " bytes and " + children.size() + " child keys hash to " + actual);
        }
        return this;
    }

    /**
     * Returns the number of bytes this node takes in a store: its data plus 16 bytes per child key.
     *
     * @return the stored size in bytes
     */
    public long storedSize() {
        return (long) data.length + (long) children.size() * DataKey.LENGTH;
    }

    @Override
    public boolean equals(Object obj) {
        return (obj instanceof StoredNode other)
                && key.equals(other.key)
                && Arrays.equals(data, other.data)
                && children.equals(other.children);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public String toString() {
        return "StoredNode[key=" + key + ", " + data.length + " bytes, " + children.size() + " children]";
    }
}
