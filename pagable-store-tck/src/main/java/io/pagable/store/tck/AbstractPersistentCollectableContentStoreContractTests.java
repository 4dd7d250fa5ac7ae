package io.pagable.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableRoot;
import io.pagable.store.ContentStore;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The roots and collection contract of a store that keeps its data when closed: everything in
 * {@link AbstractCollectableContentStoreContractTests}, plus that roots and deletions survive a
 * close and reopen.
 */
public abstract class AbstractPersistentCollectableContentStoreContractTests
        extends AbstractCollectableContentStoreContractTests {

    /**
     * Opens a new store over the data of the store created by {@link #createStore()}, which the
     * suite has closed before calling this.
     *
     * @return the reopened store
     * @throws Exception if it cannot be opened
     */
    protected abstract ContentStore reopenStore() throws Exception;

    @Test
    void rootsSurviveACloseAndReopen() throws Exception {
        DataKey first = TestNodes.node(1, 10).key();
        DataKey second = TestNodes.node(2, 10).key();
        store().replaceRoot("kept", null, first);
        store().replaceRoot("moved", null, first);
        store().replaceRoot("moved", first, second);
        store().replaceRoot("deleted", null, second);
        store().replaceRoot("deleted", second, null);

        ContentStore reopened = reopen();

        assertThat(reopened.roots(null, 10))
                .extracting(PagableRoot::name, PagableRoot::key)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("kept", first),
                        org.assertj.core.groups.Tuple.tuple("moved", second));
        assertThat(reopened.replaceRoot("moved", second, first)).isTrue();
        assertThat(reopen().root("moved").orElseThrow().key()).isEqualTo(first);
    }

    @Test
    void deletedNodesStayDeletedAfterACloseAndReopen() throws Exception {
        List<io.pagable.store.StoredNode> nodes = TestNodes.nodes(10, 300, 200);
        store().putAll(nodes);
        store().flush();
        Thread.sleep(20);
        store().deleteUntouched(TestNodes.keys(nodes.subList(0, 200)), store().now());

        ContentStore reopened = reopen();

        assertThat(reopened.getAll(TestNodes.keys(nodes))).hasSize(100);
        assertThat(reopened.stats().entries()).isEqualTo(100);
        assertThat(reopened.contains(nodes.get(0).key())).isFalse();
        assertThat(reopened.get(nodes.get(299).key())).contains(nodes.get(299));
    }

    private ContentStore reopen() throws Exception {
        store().close();
        ContentStore reopened = reopenStore();
        useStore(reopened);
        return reopened;
    }
}
