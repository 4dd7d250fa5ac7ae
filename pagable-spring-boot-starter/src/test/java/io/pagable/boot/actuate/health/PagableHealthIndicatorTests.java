package io.pagable.boot.actuate.health;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.StoreException;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoreStats;
import io.pagable.store.StoredNode;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

class PagableHealthIndicatorTests {

    @Test
    void upWithStoreFiguresWhenStoreAnswersAndDrainsSucceed() {
        InMemoryContentStore store = new InMemoryContentStore();
        PagableStorage storage = PagableStorage.builder().contentStore(store).build();
        PagableDrainer drainer = new PagableDrainer(storage, Duration.ofHours(1), 10, 1);
        storage.arc(new Circle(1));
        drainer.drain();
        Health health = new PagableHealthIndicator(storage, store, drainer).health();
        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails())
                .containsEntry("store", "memory")
                .containsEntry("entries", 1L)
                .containsEntry("pending", 0L)
                .containsKey("lastDrainAt");
    }

    @Test
    void downWithTheErrorWhenTheStoreCannotBeReached() {
        PagableStorage storage = PagableStorage.builder().build();
        Health health = new PagableHealthIndicator(storage, new UnreachableStore(), null).health();
        assertThat(health.getStatus()).isEqualTo(Status.DOWN);
        assertThat(health.getDetails()).containsEntry("error", StoreException.class.getName() + ": connection refused");
    }

    @Test
    void downWithTheErrorWhileDrainsFailAndUpAgainAfterASuccessfulOne() {
        SwitchableStore store = new SwitchableStore();
        PagableStorage storage = PagableStorage.builder().contentStore(store).build();
        PagableDrainer drainer = new PagableDrainer(storage, Duration.ofHours(1), 10, 1);
        PagableHealthIndicator indicator = new PagableHealthIndicator(storage, null, drainer);
        storage.arc(new Circle(1));
        store.failWrites = true;
        try {
            drainer.drain();
        } catch (StoreException expected) {
            // Recorded by the drainer.
        }
        Health down = indicator.health();
        assertThat(down.getStatus()).isEqualTo(Status.DOWN);
        assertThat(down.getDetails()).containsEntry("failedDrainsInARow", 1);
        assertThat((String) down.getDetails().get("error")).contains("write refused");

        store.failWrites = false;
        drainer.drain();
        assertThat(indicator.health().getStatus()).isEqualTo(Status.UP);
    }

    @Test
    void reportsTheDrainerOffWhenThereIsNone() {
        PagableStorage storage = PagableStorage.builder().build();
        assertThat(new PagableHealthIndicator(storage, null, null).health().getDetails())
                .containsEntry("drainer", "off");
    }

    static class UnreachableStore implements ContentStore {

        @Override
        public void putAll(List<StoredNode> nodes) {
            throw new StoreException("connection refused");
        }

        @Override
        public Optional<StoredNode> get(DataKey key) {
            throw new StoreException("connection refused");
        }

        @Override
        public boolean contains(DataKey key) {
            throw new StoreException("connection refused");
        }

        @Override
        public StoreStats stats() {
            return StoreStats.UNKNOWN;
        }
    }

    static class SwitchableStore implements ContentStore {

        private final InMemoryContentStore delegate = new InMemoryContentStore();

        volatile boolean failWrites;

        @Override
        public void putAll(List<StoredNode> nodes) {
            if (failWrites) {
                throw new StoreException("write refused");
            }
            delegate.putAll(nodes);
        }

        @Override
        public Optional<StoredNode> get(DataKey key) {
            return delegate.get(key);
        }

        @Override
        public boolean contains(DataKey key) {
            return delegate.contains(key);
        }

        @Override
        public StoreStats stats() {
            return delegate.stats();
        }
    }
}
