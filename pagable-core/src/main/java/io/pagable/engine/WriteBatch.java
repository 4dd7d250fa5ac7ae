package io.pagable.engine;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The nodes one drain or save has encoded and not yet written, with the keys they gave arcs and node
 * instances; committed to the engine's state only after the store accepted the nodes.
 */
final class WriteBatch {

    final Claims.Claim claim = new Claims.Claim(this);

    final List<StoredNode> nodes = new ArrayList<>();

    final Set<DataKey> keys = new HashSet<>();

    final IdentityHashMap<Object, DataKey> assigned = new IdentityHashMap<>();

    final Map<PagableArc<?>, DataKey> arcs = new LinkedHashMap<>();

    final List<Identity> claimed = new ArrayList<>();

    long dedupHits;

    boolean isEmpty() {
        return nodes.isEmpty() && arcs.isEmpty() && assigned.isEmpty();
    }
}
