package io.pagable.sample.registry;

import io.pagable.PagableNode;

// tag::dependency[]
/**
 * A dependency edge: a {@code @PagableNode}, so consecutive versions that keep an edge share one
 * instance, and equal edges anywhere in the store share one stored node.
 *
 * @param packageName the package depended on
 * @param range the accepted versions, e.g. {@code ^1.4}
 * @param scope when the dependency is needed
 */
@PagableNode
public record Dependency(String packageName, String range, Scope scope) {

    /** When a dependency is needed. */
    public enum Scope {
        COMPILE,
        RUNTIME,
        TEST,
        OPTIONAL
    }
}
// end::dependency[]
