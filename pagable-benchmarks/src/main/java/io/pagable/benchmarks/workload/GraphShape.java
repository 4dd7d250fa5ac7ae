package io.pagable.benchmarks.workload;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The "build graph" of the workload, deterministic from a seed: {@code nodes} unique nodes in
 * topological order (50% leaves, 40% rules, 10% groups; each rule or group takes 2–8 distinct
 * earlier nodes, skewed towards early, popular ones), plus a root group whose members are the nodes
 * no other node references, so the root reaches every node.
 *
 * <p>The shape holds only kinds, child indices and one seed per node (a few bytes per node); each
 * contender makes its own objects from it with {@link #build}, so no two contenders share an array
 * or a string, and heap figures measure each model alone.
 */
final class GraphShape {

    static final byte LEAF = 0;

    static final byte RULE = 1;

    static final byte GROUP = 2;

    private static final int[] NO_CHILDREN = new int[0];

    private final byte[] kinds;

    private final int[][] children;

    private final long[] seeds;

    /** Leaves whose payload is the changed variant. */
    private final BitSet changed;

    private GraphShape(byte[] kinds, int[][] children, long[] seeds, BitSet changed) {
        this.kinds = kinds;
        this.children = children;
        this.seeds = seeds;
        this.changed = changed;
    }

    /**
     * Generates a graph.
     *
     * @param nodes the number of unique nodes, without the root
     * @param seed the random seed
     * @return the shape; its last index is the root
     */
    static GraphShape generate(int nodes, long seed) {
        GraphShape empty = new GraphShape(new byte[0], new int[0][], new long[0], new BitSet());
        return empty.extendWith(nodes, seed, 0);
    }

    /**
     * The second graph: this graph's nodes (not its root), {@code added} new nodes made the same way
     * on top of them, and a new root over every node nothing references.
     *
     * @param added the number of new nodes
     * @param seed the random seed of the new nodes
     * @return the new shape; indices below {@code size() - 1} mean the same nodes as here
     */
    GraphShape extend(int added, long seed) {
        return extendWith(added, seed, uniqueNodes());
    }

    private GraphShape extendWith(int added, long seed, int kept) {
        int total = kept + added;
        byte[] newKinds = Arrays.copyOf(kinds, total + 1);
        int[][] newChildren = Arrays.copyOf(children, total + 1);
        long[] newSeeds = Arrays.copyOf(seeds, total + 1);
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = kept; i < total; i++) {
            int roll = random.nextInt(10);
            byte kind = (i < 8 || roll < 5) ? LEAF : (roll < 9) ? RULE : GROUP;
            newKinds[i] = kind;
            newSeeds[i] = random.nextLong();
            newChildren[i] = (kind == LEAF) ? NO_CHILDREN : pickChildren(random, i);
        }
        BitSet referenced = new BitSet(total);
        for (int i = 0; i < total; i++) {
            for (int child : newChildren[i]) {
                referenced.set(child);
            }
        }
        int[] orphans = new int[total - referenced.cardinality()];
        for (int i = referenced.nextClearBit(0), at = 0; i < total; i = referenced.nextClearBit(i + 1)) {
            orphans[at++] = i;
        }
        newKinds[total] = GROUP;
        newSeeds[total] = random.nextLong();
        newChildren[total] = orphans;
        return new GraphShape(newKinds, newChildren, newSeeds, (BitSet) changed.clone());
    }

    private static int[] pickChildren(SplittableRandom random, int index) {
        int wanted = 2 + random.nextInt(7);
        BitSet picked = new BitSet();
        int[] chosen = new int[wanted];
        int count = 0;
        while (count < wanted) {
            double skew = random.nextDouble();
            int child = (int) (skew * skew * index);
            if (!picked.get(child)) {
                picked.set(child);
                chosen[count++] = child;
            }
        }
        return chosen;
    }

    /**
     * This graph with a fraction of its leaves changed (a different payload of the same length).
     *
     * @param fraction of the leaves, 0 to 1
     * @param seed which leaves
     * @return the changed shape
     */
    GraphShape withChangedLeaves(double fraction, long seed) {
        int[] leaves = indicesOf(LEAF);
        SplittableRandom random = new SplittableRandom(seed);
        BitSet picked = (BitSet) changed.clone();
        int wanted = (int) Math.round(leaves.length * fraction);
        for (int done = 0; done < wanted; ) {
            int leaf = leaves[random.nextInt(leaves.length)];
            if (!picked.get(leaf)) {
                picked.set(leaf);
                done++;
            }
        }
        return new GraphShape(kinds, children, seeds, picked);
    }

    /**
     * Nodes whose content differs from {@code other}'s, or that reach such a node: with content
     * addressing, exactly the nodes whose keys change.
     *
     * @param other a shape with the same nodes
     * @return the indices affected, the root included when anything changed
     */
    BitSet affectedComparedWith(GraphShape other) {
        BitSet affected = new BitSet(size());
        for (int i = 0; i < size(); i++) {
            boolean differs = i >= other.size() || changed.get(i) != other.changed.get(i);
            for (int child : children[i]) {
                differs |= affected.get(child);
            }
            if (differs) {
                affected.set(i);
            }
        }
        return affected;
    }

    /**
     * Makes every node with a factory.
     *
     * @param factory makes one contender's nodes
     * @param <T> the node type
     * @return the nodes by index; the root is last
     */
    <T> List<T> build(NodeFactory<T> factory) {
        return rebuild(factory, null, null);
    }

    /**
     * Makes the nodes in {@code affected} again and reuses the other instances of {@code previous}:
     * the structural sharing of an immutable update.
     *
     * @param factory makes one contender's nodes
     * @param previous the nodes of an earlier build of a shape with the same indices, or null
     * @param affected the indices to make anew, or null for all
     * @param <T> the node type
     * @return the nodes by index; the root is last
     */
    <T> List<T> rebuild(NodeFactory<T> factory, List<T> previous, BitSet affected) {
        List<T> built = new ArrayList<>(size());
        for (int i = 0; i < size(); i++) {
            if (previous != null && !affected.get(i)) {
                built.add(previous.get(i));
            } else {
                built.add(make(factory, i, built));
            }
        }
        return built;
    }

    private <T> T make(NodeFactory<T> factory, int index, List<T> built) {
        SplittableRandom random = new SplittableRandom(seeds[index]);
        if (kinds[index] == LEAF) {
            byte[] payload = new byte[64 + random.nextInt(449)];
            random.nextBytes(payload);
            if (changed.get(index)) {
                payload[0] ^= 0x5A;
            }
            return factory.leaf("leaf-" + index, payload);
        }
        List<T> members = new ArrayList<>(children[index].length);
        for (int child : children[index]) {
            members.add(built.get(child));
        }
        if (kinds[index] == GROUP) {
            return factory.group("group-" + index, members);
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        int pairs = 3 + random.nextInt(4);
        for (int i = 0; i < pairs; i++) {
            attributes.put(
                    ATTRIBUTE_NAMES[(i * 3 + random.nextInt(3)) % ATTRIBUTE_NAMES.length],
                    "//pkg/m" + random.nextInt(100) + ":value_" + random.nextInt(100_000));
        }
        return factory.rule("rule-" + index, attributes, members);
    }

    private static final String[] ATTRIBUTE_NAMES = {
        "srcs", "visibility", "copts", "resources", "tags", "licenses", "main_class", "deps_mode", "features"
    };

    private int[] indicesOf(byte kind) {
        int[] found = new int[size()];
        int count = 0;
        for (int i = 0; i < uniqueNodes(); i++) {
            if (kinds[i] == kind) {
                found[count++] = i;
            }
        }
        return Arrays.copyOf(found, count);
    }

    /** Unique nodes plus the root. */
    int size() {
        return kinds.length;
    }

    int uniqueNodes() {
        return kinds.length - 1;
    }

    int count(byte kind) {
        return indicesOf(kind).length;
    }

    byte kind(int index) {
        return kinds[index];
    }

    int rootMembers() {
        return children[size() - 1].length;
    }

    /**
     * The id a node's name carries, {@code "rule-17"} gives 17: what traversals mark as visited.
     *
     * @param name a node name
     * @return its index
     */
    static int idOf(String name) {
        return Integer.parseInt(name, name.indexOf('-') + 1, name.length(), 10);
    }
}
