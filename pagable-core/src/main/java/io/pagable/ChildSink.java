package io.pagable;

import tools.jackson.databind.JavaType;

/**
 * Receives the child references met while a node is encoded and numbers them: the number is what
 * the node's bytes hold, and the position in the node's child key list.
 */
interface ChildSink {

    /**
     * Registers a child reference.
     *
     * @param child a {@link io.pagable.PagableArc} (lazy) or a {@link io.pagable.PagableNode} instance (eager)
     * @param eager true for a node instance, false for an arc
     * @param declaredType the declared type of the position holding it (the arc's value type for arcs)
     * @return the child's index in the node's child list; the same child gets the same index
     */
    int reference(Object child, boolean eager, JavaType declaredType);

    /**
     * Returns how many distinct children were referenced.
     *
     * @return the child count
     */
    int count();

    /**
     * Tells whether the child at an index is an eager node (true) or a lazy arc (false).
     *
     * @param index a child index
     * @return whether it is eager
     */
    boolean isEager(int index);

    /**
     * Returns the sink for a value that holds no child references: it counts none and refuses any
     * reference with an {@link IllegalStateException}.
     *
     * @return the sink, one shared instance
     */
    static ChildSink none() {
        return NoChildren.INSTANCE;
    }
}
