/**
 * The pagable API: {@link io.pagable.PagableStorage} pages values held through
 * {@link io.pagable.PagableArc} out of the heap into a content-addressed
 * {@link io.pagable.store.ContentStore} and back in on demand. Classes annotated
 * {@link io.pagable.PagableNode} are stored once and shared by reference; classes annotated
 * {@link io.pagable.PagableType} round-trip through polymorphic fields under a stable tag.
 * All exceptions extend {@link io.pagable.PagableException}.
 */
@NullMarked
package io.pagable;

import org.jspecify.annotations.NullMarked;
