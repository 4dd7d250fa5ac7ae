package io.pagable.boot.gc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

import io.pagable.DataKey;
import io.pagable.GarbageCollection;
import io.pagable.PagableStorage;
import io.pagable.StoreException;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

@ExtendWith(OutputCaptureExtension.class)
class PagableGarbageCollectorTests {

    private final InMemoryContentStore store = new InMemoryContentStore();

    private PagableStorage storage(ContentStore contentStore) {
        return PagableStorage.builder()
                .contentStore(contentStore)
                .gcGracePeriod(Duration.ZERO)
                .lease(Duration.ofSeconds(5), Duration.ofMillis(100))
                .build();
    }

    @Test
    void collectsOnItsOwnSchedule(CapturedOutput output) {
        try (PagableStorage storage = storage(store)) {
            storage.saveRoot("kept", new Circle(1));
            storage.saveRoot("moved", new Circle(2));
            storage.saveRoot("moved", new Circle(3)); // Circle(2) is garbage
            PagableGarbageCollector collector = new PagableGarbageCollector(storage, Duration.ofMillis(100));
            collector.start();
            try {
                await().atMost(Duration.ofSeconds(10)).until(() -> store.stats().entries() == 2);
            } finally {
                collector.stop();
            }
            assertThat(collector.isRunning()).isFalse();
            assertThat(collector.stats().runs()).isPositive();
            assertThat(storage.stats().lastCollection()).isNotNull();
            assertThat(Thread.getAllStackTraces().keySet())
                    .noneMatch((thread) ->
                            thread.getName().startsWith("pagable-gc-") && thread.isAlive() && !thread.isDaemon());
        }
        assertThat(output).contains("Pagable garbage collection deleted 1 node(s)");
    }

    @Test
    void aFailedCollectionIsLoggedOnceCountedAndRetriedAtTheNextTurn(CapturedOutput output) {
        AtomicBoolean failing = new AtomicBoolean(true);
        ContentStore flaky = new ForwardingContentStore(store) {
            @Override
            public java.util.List<io.pagable.store.NodeSummary> scan(DataKey after, int limit) {
                if (failing.get()) {
                    throw new StoreException("the database is down");
                }
                return super.scan(after, limit);
            }
        };
        try (PagableStorage storage = storage(flaky)) {
            storage.saveRoot("kept", new Circle(1));
            PagableGarbageCollector collector = new PagableGarbageCollector(storage, Duration.ofMillis(50));
            collector.start();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> collector.stats().failedRuns() >= 3);
                failing.set(false);
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> storage.stats().lastCollection() != null
                                && storage.stats().lastCollectionError() == null);
            } finally {
                collector.stop();
            }
        }
        assertThat(output.toString().split("Pagable garbage collection failed; nothing live was deleted", -1))
                .as("logged once")
                .hasSize(2);
        assertThat(output).contains("the database is down").contains("Pagable garbage collection works again");
    }

    @Test
    void aStoreThatCannotDeleteStopsTheScheduleWithOneMessage(CapturedOutput output) {
        ContentStore plain = new PlainStore();
        try (PagableStorage storage =
                PagableStorage.builder().contentStore(plain).build()) {
            PagableGarbageCollector collector = new PagableGarbageCollector(storage, Duration.ofMillis(50));
            collector.start();
            try {
                await().atMost(Duration.ofSeconds(10))
                        .until(() -> collector.stats().unsupported());
            } finally {
                collector.stop();
            }
            assertThat(collector.stats().failedRuns()).isZero();
            assertThatExceptionOfType(io.pagable.UnsupportedStoreOperationException.class)
                    .isThrownBy(collector::collect);
        }
        assertThat(output)
                .contains("Scheduled garbage collection is off: The content store PlainStore does not support");
    }

    @Test
    void anIntervalMustBePositive() {
        try (PagableStorage storage = storage(store)) {
            assertThatIllegalArgumentException()
                    .isThrownBy(() -> new PagableGarbageCollector(storage, Duration.ZERO))
                    .withMessage("interval must be positive, but was PT0S");
        }
    }

    @Test
    void collectReturnsWhatTheCollectionDid() {
        try (PagableStorage storage = storage(store)) {
            storage.saveRoot("kept", new Circle(1));
            GarbageCollection collection = new PagableGarbageCollector(storage, Duration.ofHours(1)).collect();
            assertThat(collection.outcome()).isEqualTo(GarbageCollection.Outcome.COMPLETED);
            assertThat(collection.nodesMarked()).isEqualTo(1);
        }
    }

    /** A store of the kind written before roots existed. */
    private static final class PlainStore implements ContentStore {

        private final InMemoryContentStore nodes = new InMemoryContentStore();

        @Override
        public void putAll(List<StoredNode> batch) {
            nodes.putAll(batch);
        }

        @Override
        public Optional<StoredNode> get(DataKey key) {
            return nodes.get(key);
        }

        @Override
        public boolean contains(DataKey key) {
            return nodes.contains(key);
        }

        @Override
        public StoreStats stats() {
            return nodes.stats();
        }

        @Override
        public String toString() {
            return "PlainStore";
        }
    }
}
