package io.pagable.store.file;

import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractPersistentContentStoreContractTests;
import io.pagable.store.tck.Corruption;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The contract, for a file store reading with positional reads instead of memory maps (as on Windows). */
class PositionalReadFileContentStoreContractTests extends AbstractPersistentContentStoreContractTests {

    @TempDir
    Path directory;

    @Override
    protected ContentStore createStore() {
        return FileContentStores.positionalReads(directory);
    }

    @Override
    protected ContentStore reopenStore() {
        return FileContentStores.positionalReads(directory);
    }

    @Override
    protected void corrupt(DataKey key, Corruption corruption) throws Exception {
        SegmentFiles.corrupt(directory, key, corruption);
    }
}
