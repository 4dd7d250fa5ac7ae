package io.pagable.boot.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.endpoint.PagableEndpoint.DrainDescriptor;
import io.pagable.boot.actuate.endpoint.PagableEndpoint.PagableDescriptor;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import io.pagable.store.InMemoryContentStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class PagableEndpointTests {

    private final InMemoryContentStore store = new InMemoryContentStore();

    private final PagableStorage storage =
            PagableStorage.builder().contentStore(store).build();

    @Test
    void reportsPendingArcsBeforeADrainAndStoreFiguresAfter() {
        PagableDrainer drainer = new PagableDrainer(storage, Duration.ofSeconds(5), 100, 2);
        PagableEndpoint endpoint = new PagableEndpoint(storage, store, drainer, null);
        storage.arc(new Circle(1));
        storage.arc(new Circle(2));

        PagableDescriptor before = endpoint.pagable();
        assertThat(before.pending()).isEqualTo(2);
        assertThat(before.resident()).isEqualTo(2);
        assertThat(before.store().type()).isEqualTo("memory");
        assertThat(before.store().entries()).isZero();
        assertThat(before.drainer().enabled()).isFalse();
        assertThat(before.drainer().interval()).isEqualTo("PT5S");
        assertThat(before.drainer().batchSize()).isEqualTo(100);
        assertThat(before.drainer().threads()).isEqualTo(2);
        assertThat(before.drainer().lastDrainAt()).isNull();

        DrainDescriptor drained = endpoint.drain();
        assertThat(drained.pagedOut()).isEqualTo(2);
        assertThat(drained.pending()).isZero();

        PagableDescriptor after = endpoint.pagable();
        assertThat(after.pending()).isZero();
        assertThat(after.pageOuts()).isEqualTo(2);
        assertThat(after.pagedOut()).isEqualTo(2);
        assertThat(after.nodesWritten()).isEqualTo(2);
        assertThat(after.bytesWritten()).isPositive();
        assertThat(after.store().entries()).isEqualTo(2);
        assertThat(after.store().bytes()).isPositive();
        assertThat(after.drainer().runs()).isEqualTo(1);
        assertThat(after.drainer().lastDrainAt()).isNotNull();
        assertThat(after.drainer().lastError()).isNull();
    }

    @Test
    void withoutDrainerReportsItOffAndDrainsThroughTheStorage() {
        PagableEndpoint endpoint = new PagableEndpoint(storage, store, null, null);
        storage.arc(new Circle(3));
        assertThat(endpoint.drain().pagedOut()).isEqualTo(1);
        PagableDescriptor descriptor = endpoint.pagable();
        assertThat(descriptor.drainer().enabled()).isFalse();
        assertThat(descriptor.drainer().interval()).isNull();
        assertThat(descriptor.drainer().lastDrainAt()).isNotNull();
    }

    @Test
    void pageInsAndCacheAreReported() {
        PagableEndpoint endpoint = new PagableEndpoint(storage, null, null, null);
        DataKey key = storage.save(new Circle(4));
        storage.load(key, Circle.class);
        PagableDescriptor descriptor = endpoint.pagable();
        assertThat(descriptor.store().type()).isEqualTo("unknown");
        assertThat(descriptor.cache().hitRate()).isBetween(0.0, 1.0);
        assertThat(descriptor.bytesRead()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void rootsAndTheLastCollectionAreReported() {
        PagableGarbageCollector collector = new PagableGarbageCollector(storage, Duration.ofHours(1));
        PagableEndpoint endpoint = new PagableEndpoint(storage, store, null, collector);
        PagableDescriptor before = endpoint.pagable();
        assertThat(before.roots()).isZero();
        assertThat(before.gc().enabled()).as("not started").isFalse();
        assertThat(before.gc().interval()).isEqualTo("PT1H");
        assertThat(before.gc().lastCollection()).isNull();

        storage.saveRoot("first", new Circle(5));
        storage.saveRoot("second", new Circle(6));
        storage.saveRoot("second", new Circle(7)); // Circle(6) is garbage after the grace period
        collector.collect();

        PagableDescriptor after = endpoint.pagable();
        assertThat(after.roots()).isEqualTo(2);
        assertThat(after.gc().runs()).isEqualTo(1);
        assertThat(after.gc().failedRuns()).isZero();
        assertThat(after.gc().lastError()).isNull();
        PagableEndpoint.CollectionDescriptor last = after.gc().lastCollection();
        assertThat(last).isNotNull();
        assertThat(last.outcome()).isEqualTo("COMPLETED");
        assertThat(last.nodesMarked())
                .as("everything is within the grace period")
                .isEqualTo(3);
        assertThat(last.nodesDeleted()).isZero();
    }

    @Test
    void aStoreWithoutRootsReportsMinusOneRoots() {
        PagableStorage plain = PagableStorage.builder()
                .contentStore(new io.pagable.store.ForwardingContentStore(store) {
                    @Override
                    public java.util.List<io.pagable.PagableRoot> roots(String afterName, int limit) {
                        throw new io.pagable.UnsupportedStoreOperationException(this, "named roots");
                    }
                })
                .build();
        assertThat(new PagableEndpoint(plain, null, null, null).pagable().roots())
                .isEqualTo(-1);
    }
}
