package io.pagable.benchmarks.workload;

import java.util.List;
import java.util.Map;

/**
 * Makes the nodes of one contender's model from the content {@link GraphShape} derives; the shape
 * calls it in topological order, so children always exist before their parents.
 *
 * @param <T> the contender's node type
 */
interface NodeFactory<T> {

    /**
     * Makes a leaf.
     *
     * @param name unique name, {@code "leaf-<id>"}
     * @param payload 64–512 random bytes, a new array owned by the node
     * @return the leaf
     */
    T leaf(String name, byte[] payload);

    /**
     * Makes a rule.
     *
     * @param name unique name, {@code "rule-<id>"}
     * @param attributes 3–6 string pairs, a new map owned by the node
     * @param deps 2–8 earlier nodes
     * @return the rule
     */
    T rule(String name, Map<String, String> attributes, List<T> deps);

    /**
     * Makes a group.
     *
     * @param name unique name, {@code "group-<id>"}
     * @param members 2–8 earlier nodes (any number for a root)
     * @return the group
     */
    T group(String name, List<T> members);
}
