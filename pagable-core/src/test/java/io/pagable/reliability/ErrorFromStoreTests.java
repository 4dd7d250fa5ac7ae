package io.pagable.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableStorage;
import io.pagable.model.Circle;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A store (or the JDBC driver under it) can throw an {@link Error} rather than an exception: an
 * {@link AssertionError} of a driver run with {@code -ea} (the PostgreSQL driver does this when a
 * connection breaks in the middle of a batch), an {@link OutOfMemoryError} while it buffers a batch,
 * a {@link NoClassDefFoundError}. The drain fails, but as for any failed write the arcs must stay
 * queued and be written by the next drain; otherwise they stay on the heap for ever, never written.
 */
class ErrorFromStoreTests {

    static Stream<Error> errors() {
        return Stream.of(
                new AssertionError("pgStatement.getConnection().getAutoCommit() should not throw"),
                new OutOfMemoryError("simulated: Java heap space"),
                new NoClassDefFoundError("simulated/Missing"));
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorThrownByTheStoreLeavesTheArcsQueuedForTheNextDrain(Error error) {
        FailingOnce store = new FailingOnce(error);
        PagableStorage storage = PagableStorage.builder().contentStore(store).build();
        PagableArc<Circle> arc = storage.arc(new Circle(7));

        assertThatThrownBy(storage::pageOutPending).isSameAs(error);
        assertThat(arc.key()).isEmpty();
        assertThat(arc.isPagedOut()).isFalse();
        assertThat(storage.pendingCount()).isEqualTo(1);

        assertThat(storage.pageOutPending())
                .as("arcs written by the drain after the error")
                .isEqualTo(1);
        assertThat(arc.key()).isPresent();
        assertThat(storage.pendingCount()).isZero();
        assertThat(store.holds(arc.key().get())).isTrue();
    }

    @ParameterizedTest
    @MethodSource("errors")
    void errorThrownByTheStoreIsCountedAsAFailedDrain(Error error) {
        PagableStorage storage =
                PagableStorage.builder().contentStore(new FailingOnce(error)).build();
        storage.arc(new Circle(7));

        assertThatThrownBy(storage::pageOutPending).isSameAs(error);

        assertThat(storage.stats().failedDrains()).isEqualTo(1);
        assertThat(storage.stats().lastError()).contains(error.getMessage());
    }

    /** An in-memory store whose first write throws the given error. */
    private static final class FailingOnce extends ForwardingContentStore {

        private final AtomicReference<Error> error;

        FailingOnce(Error error) {
            super(new InMemoryContentStore());
            this.error = new AtomicReference<>(error);
        }

        @Override
        public void putAll(List<StoredNode> nodes) {
            Error once = error.getAndSet(null);
            if (once != null) {
                throw once;
            }
            super.putAll(nodes);
        }

        boolean holds(DataKey key) {
            return delegate().contains(key);
        }
    }
}
