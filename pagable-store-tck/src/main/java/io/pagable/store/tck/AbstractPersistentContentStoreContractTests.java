package io.pagable.store.tck;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.store.ContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contract of a {@link ContentStore} that keeps its data when it is closed: everything in
 * {@link AbstractContentStoreContractTests}, plus that a new store opened over the same data (same
 * directory, same table) holds every node the closed one held and keeps accepting nodes.
 */
public abstract class AbstractPersistentContentStoreContractTests extends AbstractContentStoreContractTests {

    /**
     * Opens a new store over the data of the store created by {@link #createStore()}, which the
     * suite has closed before calling this.
     *
     * @return the reopened store
     * @throws Exception if it cannot be opened
     */
    protected abstract ContentStore reopenStore() throws Exception;

    @Test
    void reopenedStoreKeepsEveryNode() throws Exception {
        List<StoredNode> nodes = new ArrayList<>(TestNodes.nodes(1, 1_000, 700));
        nodes.add(TestNodes.node(5_000, 1024 * 1024));
        store().putAll(nodes);
        store().flush();
        ContentStore reopened = reopen();
        assertThat(reopened.getAll(TestNodes.keys(nodes)))
                .hasSize(nodes.size())
                .containsValues(nodes.toArray(StoredNode[]::new));
        assertThat(reopened.stats()).isEqualTo(new StoreStats(nodes.size(), TestNodes.storedSize(nodes)));
    }

    @Test
    void reopenedStoreAcceptsNewNodesAndKeepsFirstBytes() throws Exception {
        List<StoredNode> before = TestNodes.nodes(1, 100, 100);
        store().putAll(before);
        ContentStore reopened = reopen();
        List<StoredNode> after = TestNodes.nodes(1_000, 100, 100);
        reopened.putAll(after);
        reopened.put(new StoredNode(before.get(0).key(), after.get(0).data(), List.of()));
        ContentStore again = reopen();
        assertThat(again.get(before.get(0).key())).contains(before.get(0));
        assertThat(again.getAll(TestNodes.keys(after))).hasSize(after.size());
        assertThat(again.stats().entries()).isEqualTo(200);
    }

    private ContentStore reopen() throws Exception {
        store().close();
        ContentStore reopened = reopenStore();
        useStore(reopened);
        return reopened;
    }
}
