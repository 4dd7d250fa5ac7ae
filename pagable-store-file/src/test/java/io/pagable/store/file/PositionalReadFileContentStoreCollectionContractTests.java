package io.pagable.store.file;

import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractPersistentCollectableContentStoreContractTests;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The roots and collection contract, for a file store reading with positional reads (as on
 * Windows) and in small segments, so that the collection's space reclaiming rewrites and deletes
 * many of them.
 */
class PositionalReadFileContentStoreCollectionContractTests
        extends AbstractPersistentCollectableContentStoreContractTests {

    @TempDir
    Path directory;

    @Override
    protected ContentStore createStore() {
        return new FileContentStore(directory, true, 64 * 1024, false);
    }

    @Override
    protected ContentStore reopenStore() {
        return new FileContentStore(directory, true, 64 * 1024, false);
    }
}
