package io.pagable.benchmarks.workload;

import java.io.Serializable;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The graph as plain objects with direct references: the all-on-heap baseline, and what Java
 * serialization writes (shared references are written once and come back shared).
 */
final class HeapModel {

    private HeapModel() {}

    /** A node of the plain graph. */
    sealed interface Node extends Serializable permits Leaf, Rule, Group {

        /**
         * Returns the unique name.
         *
         * @return the name
         */
        String name();
    }

    /**
     * A leaf.
     *
     * @param name its name
     * @param payload its bytes
     */
    record Leaf(String name, byte[] payload) implements Node {}

    /**
     * A rule.
     *
     * @param name its name
     * @param attributes its string pairs
     * @param deps what it depends on
     */
    record Rule(String name, Map<String, String> attributes, List<Node> deps) implements Node {}

    /**
     * A group.
     *
     * @param name its name
     * @param members its members
     */
    record Group(String name, List<Node> members) implements Node {}

    /** Makes plain nodes. */
    static final class Factory implements NodeFactory<Node> {

        @Override
        public Node leaf(String name, byte[] payload) {
            return new Leaf(name, payload);
        }

        @Override
        public Node rule(String name, Map<String, String> attributes, List<Node> deps) {
            return new Rule(name, attributes, List.copyOf(deps));
        }

        @Override
        public Node group(String name, List<Node> members) {
            return new Group(name, List.copyOf(members));
        }
    }

    /**
     * Visits every node reachable from the root once.
     *
     * @param root the root
     * @param size the number of node ids
     * @return the payload bytes of all leaves and the node count
     */
    static Traversal traverse(Node root, int size) {
        BitSet visited = new BitSet(size);
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        visited.set(GraphShape.idOf(root.name()));
        long payload = 0;
        long nodes = 0;
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            nodes++;
            List<Node> next;
            if (node instanceof Leaf leaf) {
                payload += leaf.payload().length;
                continue;
            } else if (node instanceof Rule rule) {
                next = rule.deps();
            } else {
                next = ((Group) node).members();
            }
            for (Node child : next) {
                if (!visited.get(GraphShape.idOf(child.name()))) {
                    visited.set(GraphShape.idOf(child.name()));
                    stack.push(child);
                }
            }
        }
        return new Traversal(nodes, payload);
    }

    /**
     * What a traversal saw; equal across contenders for one shape.
     *
     * @param nodes nodes visited
     * @param payloadBytes payload bytes summed over the leaves
     */
    record Traversal(long nodes, long payloadBytes) {}
}
