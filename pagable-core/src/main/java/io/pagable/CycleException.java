package io.pagable;

import java.util.List;

/**
 * Thrown when a graph of {@link PagableNode} instances and {@link PagableArc} values refers back to
 * itself. Content addressing needs every child's key before its parent's, so a cycle cannot be
 * stored; break it with an identifier (a name or an index) instead of a reference.
 */
public class CycleException extends PagableException {

    private static final long serialVersionUID = 1L;

    private final List<String> path;

    /**
     * Creates the exception.
     *
     * @param path the classes along the cycle, from the node first reached again back to itself
     */
    public CycleException(List<String> path) {
        super("Cycle in the node graph: " + String.join(" -> ", path)
                + ". Content-addressed graphs must be acyclic; replace one reference on the cycle by an identifier.");
        this.path = List.copyOf(path);
    }

    /**
     * Returns the cycle, one entry per node, the first node repeated at the end.
     *
     * @return the path of the cycle
     */
    public List<String> getPath() {
        return path;
    }
}
