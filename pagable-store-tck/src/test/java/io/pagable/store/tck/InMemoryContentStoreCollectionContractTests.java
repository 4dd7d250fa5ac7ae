package io.pagable.store.tck;

import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;

class InMemoryContentStoreCollectionContractTests extends AbstractCollectableContentStoreContractTests {

    @Override
    protected ContentStore createStore() {
        return new InMemoryContentStore();
    }
}
