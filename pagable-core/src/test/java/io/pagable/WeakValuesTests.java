package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WeakValuesTests {

    private final WeakValues<String, Object> values = new WeakValues<>();

    @Test
    void aReachableValueIsCreatedOnceAndReturnedForItsKey() {
        AtomicInteger created = new AtomicInteger();
        Object first = values.get("a", (key) -> {
            created.incrementAndGet();
            return new Object();
        });
        Object again = values.get("a", (key) -> {
            created.incrementAndGet();
            return new Object();
        });

        assertThat(again).isSameAs(first);
        assertThat(created).hasValue(1);
    }

    @Test
    void mapIsReplacedByASmallOneOnceItsValuesAreCollected() throws InterruptedException {
        List<Object> held = new ArrayList<>();
        List<WeakReference<Object>> probes = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object value = values.get("k" + i, (key) -> new Object());
            held.add(value);
            probes.add(new WeakReference<>(value));
        }
        Object grown = values.map();
        values.cleanUp();
        assertThat(values.map()).as("kept while its values are reachable").isSameAs(grown);
        Object survivor = held.get(7);
        held.clear();

        for (int i = 0;
                i < 50 && probes.stream().filter((probe) -> probe.get() != null).count() > 1;
                i++) {
            System.gc();
            Thread.sleep(20);
        }
        for (int i = 0; i < 50 && values.map() == grown; i++) {
            Thread.sleep(20); // the reference handler enqueues cleared references after the collection
            values.cleanUp();
        }

        assertThat(values.map())
                .as("a small map replaces the one grown for 10,000 values")
                .isNotSameAs(grown);
        assertThat(values.get("k7", (key) -> new Object()))
                .as("a value still reachable is kept through the replacement")
                .isSameAs(survivor);
    }
}
