package io.pagable;

import java.util.BitSet;
import org.jspecify.annotations.Nullable;

/**
 * The header of an encoded node: its root type tag (if the root's class is registered) and which
 * children are eager nodes rather than lazy arcs, so a reader can fetch eager children in one batch
 * before decoding.
 *
 * @param tag the root's type tag, or {@code null}
 * @param eagerChildren bit i set when child i is an eager {@link io.pagable.PagableNode}
 * @param payloadOffset where the CBOR payload starts in the node's bytes
 */
record NodeHeader(@Nullable String tag, BitSet eagerChildren, int payloadOffset) {}
