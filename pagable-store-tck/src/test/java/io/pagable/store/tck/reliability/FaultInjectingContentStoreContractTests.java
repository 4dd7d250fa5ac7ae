package io.pagable.store.tck.reliability;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.tck.AbstractContentStoreContractTests;
import io.pagable.store.tck.Corruption;
import io.pagable.store.tck.FaultInjectingContentStore;
import org.junit.jupiter.api.Assumptions;

/** Without a fault set, the wrapper meets the whole store contract: it changes nothing by itself. */
class FaultInjectingContentStoreContractTests extends AbstractContentStoreContractTests {

    @Override
    protected ContentStore createStore() {
        return new FaultInjectingContentStore(new InMemoryContentStore());
    }

    @Override
    protected void corrupt(DataKey key, Corruption corruption) {
        Assumptions.abort("the wrapped InMemoryContentStore keeps no stored bytes to damage");
    }
}
