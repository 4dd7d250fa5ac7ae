/**
 * The {@link io.pagable.store.ContentStore} contract as JUnit 5 tests: extend
 * {@link io.pagable.store.tck.AbstractContentStoreContractTests} (or
 * {@link io.pagable.store.tck.AbstractPersistentContentStoreContractTests}) to check a store, with
 * {@link io.pagable.store.tck.TestNodes} for deterministic nodes, {@link io.pagable.store.tck.TestDatabases}
 * to find PostgreSQL and MariaDB (environment, Testcontainers, or skip) and
 * {@link io.pagable.store.tck.StoreTables} to create the JDBC store's table from the shipped scripts.
 */
@NullMarked
package io.pagable.store.tck;

import org.jspecify.annotations.NullMarked;
