package io.pagable.store.jdbc;

import io.pagable.store.ContentStore;
import io.pagable.store.tck.AbstractPersistentCollectableContentStoreContractTests;

/**
 * Runs the roots and collection contract against {@link JdbcContentStore} on one database: each test
 * gets its own tables, created from the shipped schema script and dropped afterwards
 * ({@link JdbcStoreFixture}); reopening makes a new store on the same tables.
 */
abstract class AbstractJdbcCollectionContractTests extends AbstractPersistentCollectableContentStoreContractTests {

    private final JdbcStoreFixture fixture = new JdbcStoreFixture(this::database);

    /** Returns the database the current test uses. */
    protected abstract StoreDatabase database();

    @Override
    protected ContentStore createStore() throws Exception {
        return fixture.create();
    }

    @Override
    protected ContentStore reopenStore() throws Exception {
        return fixture.reopen();
    }

    @Override
    protected void destroyStore() throws Exception {
        fixture.destroy();
    }
}
