package io.pagable.benchmarks.workload;

import io.pagable.benchmarks.workload.HeapModel.Traversal;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.eclipse.serializer.reference.Lazy;

/**
 * The graph in Eclipse Store's model: plain classes whose dependency and member lists are held
 * through {@link Lazy} references, which Eclipse Store loads on {@code get()} and which can be
 * cleared to free the heap: the closest JVM counterpart of an arc.
 */
final class EclipseModel {

    private EclipseModel() {}

    /** A node. */
    abstract static class Node {

        final String name;

        Node(String name) {
            this.name = name;
        }
    }

    /** A leaf; its payload is replaced in place by the incremental update. */
    static final class Leaf extends Node {

        byte[] payload;

        Leaf(String name, byte[] payload) {
            super(name);
            this.payload = payload;
        }
    }

    /** A rule. */
    static final class Rule extends Node {

        final Map<String, String> attributes;

        final Lazy<List<Node>> deps;

        Rule(String name, Map<String, String> attributes, Lazy<List<Node>> deps) {
            super(name);
            this.attributes = attributes;
            this.deps = deps;
        }
    }

    /** A group. */
    static final class Group extends Node {

        final Lazy<List<Node>> members;

        Group(String name, Lazy<List<Node>> members) {
            super(name);
            this.members = members;
        }
    }

    /** The storage root: every graph stored, first to last. */
    static final class Root {

        final List<Group> graphs = new ArrayList<>();
    }

    /** Makes Eclipse Store nodes. */
    static final class Factory implements NodeFactory<Node> {

        @Override
        public Node leaf(String name, byte[] payload) {
            return new Leaf(name, payload);
        }

        @Override
        public Node rule(String name, Map<String, String> attributes, List<Node> deps) {
            return new Rule(name, attributes, Lazy.Reference(new ArrayList<>(deps)));
        }

        @Override
        public Node group(String name, List<Node> members) {
            return new Group(name, Lazy.Reference(new ArrayList<>(members)));
        }
    }

    /**
     * Visits every node reachable from the root once, loading lazy lists as it goes.
     *
     * @param root the root
     * @param size the number of node ids
     * @return the payload bytes of all leaves and the node count
     */
    static Traversal traverse(Node root, int size) {
        BitSet visited = new BitSet(size);
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        visited.set(GraphShape.idOf(root.name));
        long payload = 0;
        long nodes = 0;
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            nodes++;
            List<Node> next;
            if (node instanceof Leaf leaf) {
                payload += leaf.payload.length;
                continue;
            } else if (node instanceof Rule rule) {
                next = rule.deps.get();
            } else {
                next = ((Group) node).members.get();
            }
            for (Node child : next) {
                if (!visited.get(GraphShape.idOf(child.name))) {
                    visited.set(GraphShape.idOf(child.name));
                    stack.push(child);
                }
            }
        }
        return new Traversal(nodes, payload);
    }

    /**
     * Clears every loaded lazy reference reachable from the root (a stored one only drops its value).
     *
     * @param root the root
     */
    static void clearAll(Node root) {
        ArrayDeque<Node> stack = new ArrayDeque<>();
        stack.push(root);
        java.util.Set<Lazy<?>> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        while (!stack.isEmpty()) {
            Node node = stack.pop();
            Lazy<List<Node>> lazy =
                    (node instanceof Rule rule) ? rule.deps : (node instanceof Group group) ? group.members : null;
            if (lazy == null || !seen.add(lazy) || !lazy.isLoaded()) {
                continue;
            }
            lazy.peek().forEach(stack::push);
            lazy.clear();
        }
    }
}
