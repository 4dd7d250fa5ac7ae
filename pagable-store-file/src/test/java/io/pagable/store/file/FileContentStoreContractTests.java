package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractPersistentContentStoreContractTests;
import io.pagable.store.tck.Corruption;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

class FileContentStoreContractTests extends AbstractPersistentContentStoreContractTests {

    @TempDir
    Path directory;

    @Override
    protected ContentStore createStore() {
        return new FileContentStore(directory);
    }

    @Override
    protected ContentStore reopenStore() {
        return new FileContentStore(directory);
    }

    @Override
    protected void corrupt(DataKey key, Corruption corruption) throws Exception {
        SegmentFiles.corrupt(directory, key, corruption);
    }
}
