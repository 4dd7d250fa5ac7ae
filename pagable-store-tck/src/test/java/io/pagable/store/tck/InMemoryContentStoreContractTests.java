package io.pagable.store.tck;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import org.junit.jupiter.api.Assumptions;

class InMemoryContentStoreContractTests extends AbstractContentStoreContractTests {

    @Override
    protected ContentStore createStore() {
        return new InMemoryContentStore();
    }

    @Override
    protected void corrupt(DataKey key, Corruption corruption) {
        Assumptions.abort("InMemoryContentStore keeps the callers' StoredNode objects, not a stored copy of their "
                + "bytes: there is nothing to damage behind its back, and the engine verifies what it reads");
    }
}
