package io.pagable.store.tck.reliability;

import static io.pagable.store.tck.FaultInjectingContentStore.Operation.FLUSH;
import static io.pagable.store.tck.FaultInjectingContentStore.Operation.READ;
import static io.pagable.store.tck.FaultInjectingContentStore.Operation.WRITE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pagable.StoreException;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.FaultInjectingContentStore;
import io.pagable.store.tck.TestNodes;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FaultInjectingContentStoreTests {

    private final InMemoryContentStore backing = new InMemoryContentStore();

    private final FaultInjectingContentStore store = new FaultInjectingContentStore(backing);

    @Test
    void failEveryFailsEveryNthCallCountedFromWhenItWasSet() {
        store.put(TestNodes.node(0, 10));
        store.failEvery(WRITE, 3);
        List<Integer> failedCalls = new ArrayList<>();
        for (int i = 1; i <= 9; i++) {
            try {
                store.put(TestNodes.node(i, 10));
            } catch (StoreException ex) {
                assertThat(ex).hasMessageContaining("Injected fault: write #" + (i + 1));
                failedCalls.add(i);
            }
        }
        assertThat(failedCalls).containsExactly(3, 6, 9);
        assertThat(store.calls(WRITE)).isEqualTo(10);
        assertThat(store.failures(WRITE)).isEqualTo(3);
        assertThat(backing.stats().entries()).isEqualTo(7);
    }

    @Test
    void failNthFailsOnlyThatCall() {
        StoredNode node = TestNodes.node(1, 10);
        store.put(node);
        store.failNth(READ, 2);
        assertThat(store.get(node.key())).contains(node);
        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.contains(node.key()));
        assertThat(store.getAll(List.of(node.key()))).containsValue(node);
        assertThat(store.failures(READ)).isEqualTo(1);
    }

    @Test
    void failMidBatchStoresAPrefixOfTheBatchBeforeThrowing() {
        List<StoredNode> nodes = TestNodes.nodes(1, 10, 10);
        store.failAlways(WRITE).failMidBatch(4);
        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(() -> store.putAll(nodes))
                .withMessageContaining("after storing 4 of them");
        assertThat(backing.stats().entries()).isEqualTo(4);
        assertThat(backing.contains(nodes.get(3).key())).isTrue();
        assertThat(backing.contains(nodes.get(4).key())).isFalse();
    }

    @Test
    void failMidBatchNeverStoresAWholeBatch() {
        store.failAlways(WRITE).failMidBatch(100);
        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.putAll(TestNodes.nodes(1, 3, 10)));
        assertThat(backing.stats().entries()).isEqualTo(2);
    }

    @Test
    void healRestoresNormalBehaviour() {
        store.failAlways(WRITE).failAlways(READ).failAlways(FLUSH);
        StoredNode node = TestNodes.node(1, 10);
        assertThatExceptionOfType(StoreException.class).isThrownBy(() -> store.put(node));
        assertThatExceptionOfType(StoreException.class).isThrownBy(store::flush);
        store.heal();
        store.put(node);
        store.flush();
        assertThat(store.get(node.key())).contains(node);
        assertThat(store.stats()).isEqualTo(backing.stats());
    }

    @Test
    void throwingChangesTheExceptionType() {
        store.failAlways(READ).throwing((message) -> new UncheckedIOException(message, new java.io.IOException()));
        assertThatExceptionOfType(UncheckedIOException.class)
                .isThrownBy(() -> store.get(TestNodes.node(1, 1).key()))
                .withMessageContaining("Injected fault: read #1");
    }

    @Test
    void latencyDelaysCallsWithoutFailingThem() {
        store.latency(WRITE, Duration.ofMillis(20));
        long start = System.nanoTime();
        store.put(TestNodes.node(1, 1));
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(20));
        assertThat(store.failures(WRITE)).isZero();
    }

    @Test
    void argumentsAreChecked() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> store.failEvery(WRITE, 0))
                .withMessage("n must be >= 1, but was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> store.failMidBatch(-1));
        assertThatIllegalArgumentException().isThrownBy(() -> store.latency(READ, Duration.ofMillis(-1)));
    }
}
