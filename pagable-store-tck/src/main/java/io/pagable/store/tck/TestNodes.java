package io.pagable.store.tck;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic test nodes: the same seed always gives the same bytes, so a test (or a child process
 * it starts) can recreate the nodes it expects to find in a store without keeping them.
 */
public final class TestNodes {

    private TestNodes() {}

    /**
     * Returns a node of pseudo-random bytes without children.
     *
     * @param seed what the bytes are derived from; different seeds give different keys
     * @param dataBytes the number of data bytes
     * @return the node under its computed key
     */
    public static StoredNode node(long seed, int dataBytes) {
        return StoredNode.of(bytes(seed, dataBytes), List.of());
    }

    /**
     * Returns a node of pseudo-random bytes with the given children.
     *
     * @param seed what the bytes are derived from
     * @param dataBytes the number of data bytes
     * @param children the child keys, in order
     * @return the node under its computed key
     */
    public static StoredNode node(long seed, int dataBytes, List<DataKey> children) {
        return StoredNode.of(bytes(seed, dataBytes), children);
    }

    /**
     * Returns {@code count} distinct nodes, the i-th from seed {@code firstSeed + i}; every fourth
     * node has the previous node as its child, so child keys are exercised too.
     *
     * @param firstSeed the seed of the first node
     * @param count how many nodes
     * @param dataBytes the number of data bytes of each node
     * @return the nodes, children before parents
     */
    public static List<StoredNode> nodes(long firstSeed, int count, int dataBytes) {
        List<StoredNode> nodes = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            List<DataKey> children = (i % 4 == 3) ? List.of(nodes.get(i - 1).key()) : List.of();
            nodes.add(node(firstSeed + i, dataBytes, children));
        }
        return nodes;
    }

    /**
     * Returns the keys of nodes, in order.
     *
     * @param nodes the nodes
     * @return their keys
     */
    public static List<DataKey> keys(List<StoredNode> nodes) {
        return nodes.stream().map(StoredNode::key).toList();
    }

    /**
     * Returns the bytes all nodes take in a store: the sum of {@link StoredNode#storedSize()}.
     *
     * @param nodes the nodes
     * @return their stored size
     */
    public static long storedSize(List<StoredNode> nodes) {
        return nodes.stream().mapToLong(StoredNode::storedSize).sum();
    }

    private static byte[] bytes(long seed, int length) {
        SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + length);
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i += 8) {
            long value = random.nextLong();
            for (int j = i; j < Math.min(length, i + 8); j++) {
                bytes[j] = (byte) value;
                value >>>= 8;
            }
        }
        return bytes;
    }
}
