/**
 * The storage SPI: {@link io.pagable.store.ContentStore} keeps {@link io.pagable.store.StoredNode}s
 * (bytes plus ordered child keys) under their content address. Pagable ships an in-memory store,
 * a file store and a JDBC store; implement the interface to page out to anything else.
 */
@NullMarked
package io.pagable.store;

import org.jspecify.annotations.NullMarked;
