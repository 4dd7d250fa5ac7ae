package io.pagable;

import tools.jackson.databind.JavaType;

/** Resolves the child references of a node being decoded, by their index in its child list. */
interface ChildSource {

    /**
     * Returns the eagerly loaded child at an index.
     *
     * @param index the child's index
     * @param type the type to decode it as
     * @return the child instance
     */
    Object node(int index, JavaType type);

    /**
     * Returns a paged-out arc for the child at an index.
     *
     * @param index the child's index
     * @param valueType the arc's value type
     * @return the arc
     */
    PagableArc<?> arc(int index, JavaType valueType);

    /**
     * Returns the source for a node without children: asking it for a child throws an
     * {@link IllegalStateException}.
     *
     * @return the source, one shared instance
     */
    static ChildSource none() {
        return NoChildren.INSTANCE;
    }
}
