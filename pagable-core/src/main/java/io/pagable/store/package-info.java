/**
 * The storage SPI: {@link io.pagable.store.ContentStore} keeps {@link io.pagable.store.StoredNode}s
 * (bytes plus ordered child keys) under their content address. This package holds the in-memory
 * store and {@link io.pagable.store.ForwardingContentStore}, a base for stores that wrap another;
 * the file store ({@code io.pagable.store.file}, module {@code pagable-store-file}) and the JDBC
 * store ({@code io.pagable.store.jdbc}, module {@code pagable-store-jdbc}) come in modules of their
 * own. Implement the interface to page out to anything else.
 */
@NullMarked
package io.pagable.store;

import org.jspecify.annotations.NullMarked;
