package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Payload;
import io.pagable.model.Target;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The drain's chunks reach the store on writer threads, in order, and a failed chunk fails the drain. */
class StoreWriterTests {

    private final RecordingStore store = new RecordingStore();

    @Test
    void everyNodeReachesTheStoreAfterItsChildrenOnAWriterThread() {
        PagableStorage storage =
                PagableStorage.builder().contentStore(store).writeBatchSize(3).build();
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            List<Target> deps = List.copyOf(targets.subList(Math.max(0, i - 2), i));
            targets.add(new Target("t" + i, deps, storage.arc(payload("p" + i))));
        }
        PagableArc<Target> root = storage.arc(targets.get(targets.size() - 1));

        storage.pageOutPending();

        assertThat(store.orphans).as("nodes put before one of their children").isEmpty();
        assertThat(store.threads).allMatch((name) -> name.startsWith("pagable-store-writer-"));
        assertThat(store.putCalls.get()).isGreaterThan(10);
        assertThat(root.isPagedOut()).isTrue();
    }

    @Test
    void aFailedChunkFailsTheDrainAndTheBatchWritesNoMoreChunks() {
        PagableStorage storage =
                PagableStorage.builder().contentStore(store).writeBatchSize(2).build();
        List<PagableArc<Payload>> arcs = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            arcs.add(storage.arc(payload("v" + i)));
        }
        store.failAtCall = 2;

        assertThatExceptionOfType(StoreException.class)
                .isThrownBy(storage::pageOutPending)
                .withMessageContaining("Injected failure of put call 2");

        assertThat(store.putCalls.get())
                .as("chunks handed over after the failed one are not written")
                .isEqualTo(2);
        assertThat(arcs).noneMatch(PagableArc::isPagedOut);
        assertThat(storage.pendingCount()).isEqualTo(40);

        store.failAtCall = 0;
        assertThat(storage.pageOutPending()).isEqualTo(40);
        assertThat(arcs).allMatch(PagableArc::isPagedOut);
    }

    private static Payload payload(String text) {
        return new Payload(text, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Records the threads that put, nodes put before their children, and can fail one put call. */
    private static final class RecordingStore extends ForwardingContentStore {

        final Set<String> threads = ConcurrentHashMap.newKeySet();

        final Set<DataKey> stored = ConcurrentHashMap.newKeySet();

        final List<DataKey> orphans = new ArrayList<>();

        final AtomicInteger putCalls = new AtomicInteger();

        volatile int failAtCall;

        RecordingStore() {
            super(new InMemoryContentStore());
        }

        @Override
        public synchronized void putAll(List<StoredNode> nodes) {
            int call = putCalls.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            if (call == failAtCall) {
                throw new StoreException("Injected failure of put call " + call);
            }
            for (StoredNode node : nodes) {
                if (!stored.containsAll(node.children())) {
                    orphans.add(node.key());
                }
                stored.add(node.key());
            }
            super.putAll(nodes);
        }
    }
}
