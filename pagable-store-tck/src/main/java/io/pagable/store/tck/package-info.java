/**
 * The {@link io.pagable.store.ContentStore} contract as JUnit 5 tests: extend
 * {@link io.pagable.store.tck.AbstractContentStoreContractTests} (or
 * {@link io.pagable.store.tck.AbstractPersistentContentStoreContractTests}) to check a store, with
 * {@link io.pagable.store.tck.TestNodes} for deterministic nodes. A persistent store also extends
 * {@link io.pagable.store.tck.AbstractEngineCrashContractTests}, which kills a JVM draining the engine
 * into the store and checks what a reopened store reads back. The file and JDBC stores run these
 * suites in their own modules; the JDBC module's test-jar holds the database fixtures
 * ({@code TestDatabases}, {@code StoreTables}).
 */
@NullMarked
package io.pagable.store.tck;

import org.jspecify.annotations.NullMarked;
