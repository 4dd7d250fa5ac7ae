/**
 * The pagable API and the engine behind it. {@link io.pagable.PagableStorage} pages values held
 * through {@link io.pagable.PagableArc} out of the heap into a content-addressed
 * {@link io.pagable.store.ContentStore} and back in on demand. Classes annotated
 * {@link io.pagable.PagableNode} are stored once and shared by reference; classes annotated
 * {@link io.pagable.PagableType} round-trip through polymorphic fields under a stable tag, held by a
 * {@link io.pagable.TypeRegistry}. All exceptions extend {@link io.pagable.PagableException}.
 *
 * <p>The public types of this package are the whole API an application uses; everything else here is
 * the engine, package-private and reached only through {@link io.pagable.PagableStorage#builder()}, as
 * Caffeine keeps its cache behind its builder:
 *
 * <ul>
 *   <li>the page-out side: the queue of a {@code DefaultPagableStorage}, its child-first
 *       {@code GraphWriter} with claims (so concurrent drains never write one node twice at once) and
 *       the {@code StoreWriter} that overlaps encoding with the store's writes;
 *   <li>the page-in side: the {@code NodeLoader} (the resident map, the bounded arc cache, single-flight
 *       decoding) and its {@code ReadAhead} policy;
 *   <li>the codec: {@code NodeCodec} turns one node of a value graph into deterministic bytes (Jackson 3
 *       with CBOR) and back, writing child references as indices, with the Jackson module and the tag
 *       resolvers of {@link io.pagable.TypeRegistry};
 *   <li>the seam with the arcs: a {@link io.pagable.PagableArc} calls its storage through the
 *       package-private {@code ArcEngine}, and the engine reads and moves an arc's state through the
 *       arc's package-private methods.
 * </ul>
 *
 * <p>The store SPI is {@link io.pagable.store}; the stores themselves are modules of their own
 * ({@code pagable-store-file}, {@code pagable-store-jdbc}).
 */
@NullMarked
package io.pagable;

import org.jspecify.annotations.NullMarked;
