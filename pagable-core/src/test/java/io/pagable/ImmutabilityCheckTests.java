package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pagable.model.Module;
import io.pagable.model.Payload;
import io.pagable.model.Target;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ImmutabilityCheckTests {

    private static final byte[] ORIGINAL = "original".getBytes(StandardCharsets.UTF_8);

    private final InMemoryContentStore store = new InMemoryContentStore();

    /** Runs before each {@code putAll} reaches the store: a change made here happens while a drain writes. */
    private Runnable beforePut = () -> {};

    private PagableStorage storage(boolean verifyImmutability) {
        ForwardingContentStore hooked = new ForwardingContentStore(store) {
            @Override
            public void putAll(List<StoredNode> nodes) {
                beforePut.run();
                super.putAll(nodes);
            }
        };
        return PagableStorage.builder()
                .contentStore(hooked)
                .verifyImmutability(verifyImmutability)
                .build();
    }

    /** Counts how often it is encoded, through an accessor the codec is told to read its component with. */
    record Counted(String name) {

        static final AtomicInteger READS = new AtomicInteger();

        @Override
        @JsonProperty("name")
        public String name() {
            READS.incrementAndGet();
            return name;
        }
    }

    private static Payload payload() {
        return new Payload("payload", ORIGINAL.clone());
    }

    private static void change(Payload payload) {
        payload.data()[0] = '#';
    }

    /** Queues an arc of the value, which then changes while the drain writes it. */
    private PagableArc<Payload> changedWhileWritten(PagableStorage storage, Payload value) {
        PagableArc<Payload> arc = storage.arc(value);
        beforePut = () -> change(value);
        return arc;
    }

    @Test
    void drainFailsNamingTypeAndKeyWhenAValueChangesWhileItIsWritten() {
        PagableStorage storage = storage(true);
        Payload value = payload();
        PagableArc<Payload> arc = changedWhileWritten(storage, value);

        assertThatExceptionOfType(MutatedValueException.class)
                .isThrownBy(storage::pageOutPending)
                .satisfies((ex) -> {
                    assertThat(ex.getKey()).isEqualTo(arc.key().orElseThrow());
                    assertThat(ex.getType()).isEqualTo(Payload.class);
                })
                .withMessageContaining(Payload.class.getName())
                .withMessageContaining(arc.key().orElseThrow().toHex())
                .withMessageContaining("copy before changing, or create a new arc");
        assertThat(storage.stats().failedDrains()).isEqualTo(1);
        assertThat(storage.stats().lastError()).contains(Payload.class.getName());
    }

    @Test
    void failedPageOutKeepsTheStoredValueAndTheArcsKey() {
        PagableStorage storage = storage(true);
        Payload value = payload();
        PagableArc<Payload> arc = changedWhileWritten(storage, value);

        assertThatExceptionOfType(MutatedValueException.class).isThrownBy(storage::pageOutPending);

        DataKey key = arc.key().orElseThrow();
        assertThat(arc.isPagedOut()).isTrue();
        assertThat(storage.pendingCount()).isZero();
        assertThat(storage.load(key, Payload.class).data()).isEqualTo(ORIGINAL);
        assertThat(arc.get()).isNotSameAs(value);
        assertThat(arc.get().data()).isEqualTo(ORIGINAL);
        assertThat(storage.pageOutPending()).isZero();
    }

    @Test
    void saveFailsForEachArcWhoseValueChangedWhileItWasWritten() {
        PagableStorage storage = storage(true);
        Payload first = payload();
        Payload second = payload();
        Payload third = new Payload("unchanged", ORIGINAL.clone());
        List<PagableArc<Payload>> payloads = List.of(storage.arc(first), storage.arc(second), storage.arc(third));
        List<PagableArc<Target>> targets = new ArrayList<>();
        for (PagableArc<Payload> payload : payloads) {
            targets.add(storage.arc(new Target("t" + targets.size(), List.of(), payload)));
        }
        beforePut = () -> {
            change(first);
            change(second);
        };

        assertThatExceptionOfType(MutatedValueException.class)
                .isThrownBy(() -> storage.save(new Module("m", targets)))
                .satisfies((ex) ->
                        assertThat(ex.getSuppressed()).singleElement().isInstanceOf(MutatedValueException.class));

        assertThat(payloads).allSatisfy((arc) -> assertThat(arc.key()).isPresent());
        assertThat(payloads.get(0).get().data()).isEqualTo(ORIGINAL);
        assertThat(payloads.get(1).get().data()).isEqualTo(ORIGINAL);
        assertThat(payloads.get(2).get()).isSameAs(third);
        assertThat(storage.pendingCount()).isZero();
    }

    @Test
    void closingTheLastPinFailsWhenThePinnedValueChanged() {
        PagableStorage storage = storage(true);
        PagableArc<Payload> arc = storage.arc(payload());
        Pinned<Payload> outer = arc.pin();
        Pinned<Payload> inner = arc.pin();
        storage.pageOutPending(); // written, but pinned: it stays resident
        change(outer.get());

        assertThatNoException().isThrownBy(inner::close);
        assertThatExceptionOfType(MutatedValueException.class)
                .isThrownBy(outer::close)
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(arc.key().orElseThrow()))
                .withMessageContaining(Payload.class.getName());

        assertThat(arc.isPagedOut()).isTrue();
        assertThat(arc.get().data()).isEqualTo(ORIGINAL);
        assertThat(storage.load(arc.key().orElseThrow(), Payload.class).data()).isEqualTo(ORIGINAL);
    }

    @Test
    void getOfAPagedOutArcFailsWhenItsValueChangedAfterSave() {
        PagableStorage storage = storage(true);
        Payload value = payload();
        PagableArc<Payload> arc = storage.arc(value);
        DataKey key = storage.save(arc);
        assertThat(arc.isPagedOut()).isTrue();
        change(value); // the caller still holds the value, so the arc still finds it

        assertThatExceptionOfType(MutatedValueException.class)
                .isThrownBy(arc::get)
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key));

        assertThat(arc.get().data()).isEqualTo(ORIGINAL);
        assertThat(storage.load(key, Payload.class).data()).isEqualTo(ORIGINAL);
    }

    @Test
    void pinOfAPagedOutArcFailsWhenItsValueChangedAndLeavesTheArcUnpinned() {
        PagableStorage storage = storage(true);
        Payload value = payload();
        PagableArc<Payload> arc = storage.arc(value);
        storage.pageOutPending();
        change(value);

        assertThatExceptionOfType(MutatedValueException.class).isThrownBy(arc::pin);

        try (Pinned<Payload> pinned = arc.pin()) {
            assertThat(pinned.get().data()).isEqualTo(ORIGINAL);
        }
        assertThat(arc.isPagedOut()).isTrue();
    }

    @Test
    void changeToANodeInstanceBelowTheValueIsDetected() {
        PagableStorage storage = storage(true);
        List<Target> deps = new ArrayList<>();
        Target dep = new Target("dep", deps, storage.arc(payload()));
        Target root = new Target("root", List.of(dep), storage.arc(payload()));
        PagableArc<Target> arc = storage.arc(root);
        storage.pageOutPending();
        deps.add(new Target("added", List.of(), dep.payload()));

        assertThatExceptionOfType(MutatedValueException.class)
                .isThrownBy(arc::get)
                .satisfies((ex) -> assertThat(ex.getType()).isEqualTo(Target.class));
    }

    @Test
    void unchangedValuesPassEveryCheck() {
        PagableStorage storage = storage(true);
        Payload value = payload();
        Target dep = new Target("dep", List.of(), storage.arc(payload()));
        Target root = new Target("root", List.of(dep, dep), storage.arc(value));
        PagableArc<Target> arc = storage.arc(root);
        Pinned<Target> pinned = arc.pin();
        storage.pageOutPending();

        assertThatNoException().isThrownBy(pinned::close);
        assertThat(arc.isPagedOut()).isTrue();
        assertThat(arc.get()).isSameAs(root);
        try (Pinned<Payload> payload = root.payload().pin()) {
            assertThat(payload.get()).isSameAs(value);
        }
        PagableArc<Target> loaded = storage.arc(arc.key().orElseThrow(), Target.class);
        assertThat(loaded.get().payload().get().data()).isEqualTo(ORIGINAL);
        assertThat(loaded.get().payload().get().data()).isEqualTo(ORIGINAL);
    }

    @Test
    void withoutVerificationAChangedValueGoesUnnoticed() {
        PagableStorage storage = storage(false);
        Payload value = payload();
        PagableArc<Payload> arc = changedWhileWritten(storage, value);
        assertThat(storage.pageOutPending()).isEqualTo(1);

        Payload changed = arc.get();
        try (Pinned<Payload> pinned = arc.pin()) {
            assertThat(pinned.get()).isSameAs(value);
        }

        assertThat(changed).isSameAs(value);
        assertThat(changed.data()).isNotEqualTo(ORIGINAL);
        assertThat(storage.load(arc.key().orElseThrow(), Payload.class).data()).isEqualTo(ORIGINAL);
    }

    @Test
    void withoutVerificationAValueIsEncodedOnceWhateverTheArcDoes() {
        assertThat(encodesOfOnePageOutPinAndGet(false)).isEqualTo(1);
        // the write, then a check each: the page-out, the pin finding it weakly held, the pin's close, the get
        assertThat(encodesOfOnePageOutPinAndGet(true)).isEqualTo(5);
    }

    private int encodesOfOnePageOutPinAndGet(boolean verifyImmutability) {
        PagableStorage storage = storage(verifyImmutability);
        Counted value = new Counted("counted");
        PagableArc<Counted> arc = storage.arc(value);
        int before = Counted.READS.get();
        storage.pageOutPending();
        arc.pin().close();
        assertThat(arc.get()).isSameAs(value);
        return Counted.READS.get() - before;
    }
}
