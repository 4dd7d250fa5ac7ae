package io.pagable;

import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;

/** A view of another engine's store that does not close it, to read with a second engine. */
final class SharedStore extends ForwardingContentStore {

    SharedStore(ContentStore delegate) {
        super(delegate);
    }

    @Override
    public void close() {
        // the store belongs to the engine that wrote it
    }
}
