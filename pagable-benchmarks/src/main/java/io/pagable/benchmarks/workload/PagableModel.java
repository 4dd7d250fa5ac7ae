package io.pagable.benchmarks.workload;

import io.pagable.PagableArc;
import io.pagable.PagableNode;
import io.pagable.PagableStorage;
import io.pagable.PagableType;
import io.pagable.benchmarks.workload.HeapModel.Traversal;
import java.util.ArrayDeque;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * The graph in the pagable model: every node is a {@link PagableNode} (stored once, one instance
 * per key on page-in) and every dependency or member list is held through a {@link PagableArc}, so
 * a subgraph pages out and in lazily, one list at a time; reading a list reads its member nodes
 * with it (eagerly, in one batch) and leaves their own lists paged out.
 */
final class PagableModel {

    private PagableModel() {}

    /** A node; its implementations carry stable tags. */
    interface Node {

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
    @PagableNode
    @PagableType("bench.leaf")
    record Leaf(String name, byte[] payload) implements Node {}

    /**
     * A rule.
     *
     * @param name its name
     * @param attributes its string pairs
     * @param deps what it depends on, paged in on demand
     */
    @PagableNode
    @PagableType("bench.rule")
    record Rule(String name, Map<String, String> attributes, PagableArc<Members> deps) implements Node {}

    /**
     * A group.
     *
     * @param name its name
     * @param members its members, paged in on demand
     */
    @PagableNode
    @PagableType("bench.group")
    record Group(String name, PagableArc<Members> members) implements Node {}

    /**
     * A dependency or member list, the value of one arc. (A bare {@code PagableArc<List<Node>>} is
     * written with the list's runtime class, whose elements carry no type tags, but read with the
     * declared element type {@code Node}, which needs them: the value would not read back.)
     *
     * @param nodes the nodes, read eagerly with the list
     */
    record Members(List<Node> nodes) {}

    /** Makes pagable nodes; each list becomes a new arc, queued for page-out. */
    static final class Factory implements NodeFactory<Node> {

        private final PagableStorage storage;

        Factory(PagableStorage storage) {
            this.storage = storage;
        }

        @Override
        public Node leaf(String name, byte[] payload) {
            return new Leaf(name, payload);
        }

        @Override
        public Node rule(String name, Map<String, String> attributes, List<Node> deps) {
            return new Rule(name, attributes, storage.arc(new Members(List.copyOf(deps))));
        }

        @Override
        public Node group(String name, List<Node> members) {
            return new Group(name, storage.arc(new Members(List.copyOf(members))));
        }
    }

    /**
     * Visits every node reachable from the root once, paging lists in as it goes.
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
                next = rule.deps().get().nodes();
            } else {
                next = ((Group) node).members().get().nodes();
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
}
