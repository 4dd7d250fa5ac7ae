/**
 * Node encoding: {@link io.pagable.codec.NodeCodec} turns one node of a value graph into
 * deterministic bytes (Jackson 3 with CBOR) and back, writing child references as indices, and
 * {@link io.pagable.codec.TypeRegistry} holds the stable {@link io.pagable.PagableType} tags of
 * polymorphic values.
 */
@NullMarked
package io.pagable.codec;

import org.jspecify.annotations.NullMarked;
