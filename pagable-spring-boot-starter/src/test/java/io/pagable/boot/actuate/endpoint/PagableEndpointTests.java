package io.pagable.boot.actuate.endpoint;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableStorage;
import io.pagable.boot.actuate.endpoint.PagableEndpoint.DrainDescriptor;
import io.pagable.boot.actuate.endpoint.PagableEndpoint.PagableDescriptor;
import io.pagable.boot.autoconfigure.model.Circle;
import io.pagable.boot.drainer.PagableDrainer;
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
        PagableEndpoint endpoint = new PagableEndpoint(storage, store, drainer);
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
        PagableEndpoint endpoint = new PagableEndpoint(storage, store, null);
        storage.arc(new Circle(3));
        assertThat(endpoint.drain().pagedOut()).isEqualTo(1);
        PagableDescriptor descriptor = endpoint.pagable();
        assertThat(descriptor.drainer().enabled()).isFalse();
        assertThat(descriptor.drainer().interval()).isNull();
        assertThat(descriptor.drainer().lastDrainAt()).isNotNull();
    }

    @Test
    void pageInsAndCacheAreReported() {
        PagableEndpoint endpoint = new PagableEndpoint(storage, null, null);
        DataKey key = storage.save(new Circle(4));
        storage.load(key, Circle.class);
        PagableDescriptor descriptor = endpoint.pagable();
        assertThat(descriptor.store().type()).isEqualTo("unknown");
        assertThat(descriptor.cache().hitRate()).isBetween(0.0, 1.0);
        assertThat(descriptor.bytesRead()).isGreaterThanOrEqualTo(0);
    }
}
