package io.pagable.store.file;

import java.nio.file.Path;

/** Opens file stores with settings the public constructors do not offer, for tests in other packages. */
public final class FileContentStores {

    private FileContentStores() {}

    /**
     * Opens a file store that reads with positional reads, as it does where memory maps are off
     * (Windows).
     *
     * @param directory the store's directory
     * @return the store
     */
    public static FileContentStore positionalReads(Path directory) {
        return new FileContentStore(directory, true, FileContentStore.DEFAULT_MAX_SEGMENT_BYTES, false);
    }
}
