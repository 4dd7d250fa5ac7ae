package io.pagable.store.file;

import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractEngineCrashContractTests;
import java.nio.file.Path;

/** The engine crash contract on a {@link FileContentStore} with fsync. */
class FileContentStoreEngineCrashTests extends AbstractEngineCrashContractTests {

    @Override
    protected Class<? extends StoreFactory> storeFactory() {
        return Stores.class;
    }

    /** A {@link FileContentStore} in the directory, with fsync. */
    public static final class Stores implements StoreFactory {

        @Override
        public ContentStore open(Path directory) {
            return new FileContentStore(directory);
        }
    }
}
