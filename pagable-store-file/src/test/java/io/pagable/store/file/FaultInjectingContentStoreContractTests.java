package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractContentStoreContractTests;
import io.pagable.store.tck.Corruption;
import io.pagable.store.tck.FaultInjectingContentStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * Without a fault set, the wrapper meets the whole store contract around a file store, damage
 * reporting included: it changes nothing by itself and passes the store's errors through.
 */
class FaultInjectingContentStoreContractTests extends AbstractContentStoreContractTests {

    @TempDir
    Path directory;

    @Override
    protected ContentStore createStore() {
        return new FaultInjectingContentStore(new FileContentStore(directory));
    }

    @Override
    protected void corrupt(DataKey key, Corruption corruption) throws Exception {
        SegmentFiles.corrupt(directory, key, corruption);
    }
}
