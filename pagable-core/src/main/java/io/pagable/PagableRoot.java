package io.pagable;

import java.time.Instant;
import java.util.Objects;

/**
 * A named root: a name under which a store keeps the key of one saved graph, so that every instance
 * on the store finds the graph by name, and the garbage collector keeps it and everything it reaches.
 * Names are 1 to 200 characters, letters, digits and {@code . _ - / :}.
 *
 * @param name the root's name
 * @param key the key of the graph the name points at
 * @param updatedAt when the name was last pointed at a graph, by the store's clock
 */
public record PagableRoot(String name, DataKey key, Instant updatedAt) {

    /**
     * Checks the parts of a root.
     *
     * @throws IllegalArgumentException if the name is not a valid root name
     */
    public PagableRoot {
        RootNames.check(name);
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }
}
