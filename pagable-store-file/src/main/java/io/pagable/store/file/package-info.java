/**
 * The file store: {@link io.pagable.store.file.FileContentStore} keeps nodes in append-only,
 * checksummed segment files in one local directory, with an index of key to record location off the
 * Java heap, rebuilt when the store opens. A crash never makes a cut-short or damaged record
 * readable; with {@code fsync}, what {@code flush()} returned for survives a power failure. A
 * directory is open in one process at a time. Create it with the directory
 * ({@code new FileContentStore(path)}) and hand it to {@code PagableStorage.builder().contentStore(...)};
 * everything else in this package is its implementation.
 */
@NullMarked
package io.pagable.store.file;

import org.jspecify.annotations.NullMarked;
