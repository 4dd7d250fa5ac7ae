package io.pagable.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.store.StoredNode;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
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
        List<WeakReference<Object>> probes = new ArrayList<>();
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object value = new Object();
            held.add(value);
            probes.add(new WeakReference<>(value));
            resident.putWritten(key("n" + i), value);
        }
        assertThat(resident.size()).isEqualTo(10_000);
        int grown = resident.keyCapacity();
        held.clear();

        for (int i = 0; i < 50 && probes.stream().anyMatch((probe) -> probe.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
        for (int i = 0; i < 50 && resident.size() > 0; i++) {
            Thread.sleep(20); // the reference handler enqueues cleared references after the collection
            resident.cleanUp();
        }

        assertThat(resident.size()).isZero();
        assertThat(resident.get(key("n1"))).isNull();
        assertThat(resident.keyCapacity()).as("the key table shrank").isLessThan(grown / 4);
    }

    @Test
    void instanceMapIsReplacedOnceItsInstancesAreCollectedEvenIfNoCleanUpSawThemAlive() throws InterruptedException {
        List<WeakReference<Object>> probes = new ArrayList<>();
        List<Object> held = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Object value = new Object();
            held.add(value);
            probes.add(new WeakReference<>(value));
            resident.putWritten(key("w" + i), value);
        }
        Object grown = resident.instanceMap();
        held.clear();

        for (int i = 0; i < 50 && probes.stream().anyMatch((probe) -> probe.get() != null); i++) {
            System.gc();
            Thread.sleep(20);
        }
        for (int i = 0; i < 50 && resident.instanceMap() == grown; i++) {
            Thread.sleep(20); // the reference handler enqueues cleared references after the collection
            resident.cleanUp();
        }

        assertThat(resident.instanceMap())
                .as("a small map replaces the one grown for 10,000 instances")
                .isNotSameAs(grown);
        assertThat(resident.size()).isZero();
    }

    private static DataKey key(String text) {
        return StoredNode.of(text.getBytes(StandardCharsets.UTF_8), List.of()).key();
    }
}
