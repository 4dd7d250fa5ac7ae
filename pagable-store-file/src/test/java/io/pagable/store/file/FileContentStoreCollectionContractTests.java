package io.pagable.store.file;

import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractPersistentCollectableContentStoreContractTests;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/** The roots and collection contract, for a file store reading through memory maps. */
class FileContentStoreCollectionContractTests extends AbstractPersistentCollectableContentStoreContractTests {

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
}
