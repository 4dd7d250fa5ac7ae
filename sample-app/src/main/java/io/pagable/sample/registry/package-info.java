/**
 * The sample's model: a package registry. A {@link io.pagable.sample.registry.Registry} holds its
 * packages through {@link io.pagable.PagableArc}s (each loads lazily); a package's versions are
 * {@link io.pagable.PagableNode}s shared between its version list and its dist-tags; dependency
 * edges are {@code @PagableNode}s shared by consecutive versions; README and manifest texts are
 * large payloads held through arcs; artifacts are a polymorphic {@link io.pagable.PagableType}
 * hierarchy.
 */
@NullMarked
package io.pagable.sample.registry;

import org.jspecify.annotations.NullMarked;
