package io.pagable.docs.stores;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.AbstractContentStoreContractTests;
import io.pagable.store.tck.Corruption;
import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

// tag::tck[]
class MapContentStoreContractTests extends AbstractContentStoreContractTests {

    private final ConcurrentMap<DataKey, StoredNode> nodes = new ConcurrentHashMap<>();

    @Override
    protected ContentStore createStore() {
        nodes.clear();
        return new MapContentStore(nodes);
    }

    @Override
    protected void corrupt(DataKey key, Corruption corruption) { // damage the data behind the store's back
        StoredNode node = nodes.get(key);
        byte[] data = node.data().clone();
        if (corruption == Corruption.FLIP_BYTE) {
            data[0] ^= 1;
        } else {
            data = Arrays.copyOf(data, data.length / 2);
        }
        nodes.put(key, new StoredNode(key, data, node.children()));
    }
}
// end::tck[]
