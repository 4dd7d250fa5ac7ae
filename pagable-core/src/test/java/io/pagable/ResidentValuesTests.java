package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.store.StoredNode;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ResidentValuesTests {

    private final ResidentValues resident = new ResidentValues();

    @Test
    void aWrittenInstanceIsFoundByKeyAndByIdentityOnly() {
        DataKey key = key("a");
        String instance = new String("value");

        resident.putWritten(key, instance);

        assertThat(resident.get(key)).isSameAs(instance);
        assertThat(resident.keyOf(instance)).isEqualTo(key);
        assertThat(resident.keyOf(new String("value")))
                .as("an equal but other instance")
                .isNull();
    }

    @Test
    void aReadValueDoesNotReplaceAReachableOne() {
        DataKey key = key("b");
        Object first = new Object();
        Object second = new Object();

        assertThat(resident.putIfAbsent(key, first)).isNull();
        assertThat(resident.putIfAbsent(key, second)).isSameAs(first);
        assertThat(resident.get(key)).isSameAs(first);
    }

    @Test
    void entriesOfCollectedValuesAreDroppedOnCleanUp() throws InterruptedException {
        List<Object> held = new ArrayList<>();
        List<WeakReference<Object>> probes = write("n", 10_000, held);
        assertThat(resident.size()).isEqualTo(10_000);
        int grown = resident.keyCapacity();
        held.clear();

        collect(probes);
        cleanUpWhile(() -> resident.size() > 0);

        assertThat(resident.size()).isZero();
        assertThat(resident.get(key("n1"))).isNull();
        assertThat(resident.keyCapacity()).as("the key table shrank").isLessThan(grown / 4);
    }

    @Test
    void instanceMapIsReplacedOnceItsInstancesAreCollectedEvenIfNoCleanUpSawThemAlive() throws InterruptedException {
        List<Object> held = new ArrayList<>();
        List<WeakReference<Object>> probes = write("w", 10_000, held);
        Object grown = resident.instanceMap();
        held.clear();

        collect(probes);
        cleanUpWhile(() -> resident.instanceMap() == grown);

        assertThat(resident.instanceMap())
                .as("a small map replaces the one grown for 10,000 instances")
                .isNotSameAs(grown);
        assertThat(resident.size()).isZero();
    }

    /**
     * Writes {@code count} instances, held only by {@code held} (so clearing it lets them be collected);
     * returns probes that tell when they are.
     */
    private List<WeakReference<Object>> write(String prefix, int count, List<Object> held) {
        List<WeakReference<Object>> probes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Object value = new Object();
            held.add(value);
            probes.add(new WeakReference<>(value));
            resident.putWritten(key(prefix + i), value);
        }
        return probes;
    }

    private static void collect(List<WeakReference<Object>> probes) throws InterruptedException {
        for (int i = 0; i < 50 && probes.stream().anyMatch((probe) -> probe.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
    }

    private void cleanUpWhile(BooleanSupplier condition) throws InterruptedException {
        for (int i = 0; i < 50 && condition.getAsBoolean(); i++) {
            Thread.sleep(20); // the reference handler enqueues cleared references after the collection
            resident.cleanUp();
        }
    }

    private static DataKey key(String text) {
        return StoredNode.of(text.getBytes(StandardCharsets.UTF_8), List.of()).key();
    }
}
