package io.pagable;

import java.util.List;

/**
 * Thrown when a graph refers back to itself: through {@link PagableNode} instances and
 * {@link PagableArc} values, or through plain values (records, classes, collections, maps) within
 * one node. Content addressing needs every child's key before its parent's, so a cycle cannot be
 * stored; break it with an identifier (a name or an index) instead of a reference.
 */
public class CycleException extends PagableException {

    private static final long serialVersionUID = 1L;

    /** Steps of the path shown in the message; the middle of a longer cycle is elided. */
    private static final int SHOWN_STEPS = 6;

    private final List<String> path;

    /**
     * Creates the exception.
     *
     * @param path the steps along the cycle, from the value first reached again back to it: a node's
     *     class, or within a node a class with the property followed (and collection index or map
     *     key), such as {@code Mod.children[0]}
     */
    public CycleException(List<String> path) {
        super("Cycle in the graph: " + shortPath(path)
                + ". Content-addressed graphs must be acyclic; replace one reference on the cycle by an identifier.");
        this.path = List.copyOf(path);
    }

    /**
     * Returns the cycle, one entry per step, the value first reached again repeated at the end.
     *
     * @return the path of the cycle
     */
    public List<String> getPath() {
        return path;
    }

    private static String shortPath(List<String> path) {
        if (path.size() <= SHOWN_STEPS) {
            return String.join(" -> ", path);
        }
        int head = SHOWN_STEPS / 2;
        return String.join(" -> ", path.subList(0, head)) + " -> … (" + (path.size() - SHOWN_STEPS) + " more) -> "
                + String.join(" -> ", path.subList(path.size() - (SHOWN_STEPS - head), path.size()));
    }
}
