package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class KeyTableTests {

    private final KeyTable<String> table = new KeyTable<>();

    @Test
    void agreesWithAHashMapThroughRandomPutsAndRemoves() {
        SplittableRandom random = new SplittableRandom(42);
        Map<DataKey, String> model = new HashMap<>();
        List<DataKey> keys = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            keys.add(DataKey.of(random.nextLong(), random.nextLong()));
        }
        for (int step = 0; step < 200_000; step++) {
            DataKey key = keys.get(random.nextInt(keys.size()));
            int operation = random.nextInt(10);
            if (operation < 5) {
                String value = "v" + step;
                assertThat(table.put(key, value)).isEqualTo(model.put(key, value));
            } else if (operation < 8) {
                String present = model.get(key);
                if (present != null) {
                    assertThat(table.remove(key, present)).isTrue();
                    model.remove(key);
                } else {
                    assertThat(table.remove(key, "absent")).isFalse();
                }
            } else {
                assertThat(table.get(key)).isEqualTo(model.get(key));
            }
        }
        assertThat(table.size()).isEqualTo(model.size());
        for (DataKey key : keys) {
            assertThat(table.get(key)).as("key %s", key).isEqualTo(model.get(key));
        }
    }

    @Test
    void removeLeavesAKeyMappedToAnotherValue() {
        DataKey key = DataKey.of(1, 2);
        table.put(key, new String("a"));

        assertThat(table.remove(key, new String("a")))
                .as("equal but not the same value")
                .isFalse();
        assertThat(table.get(key)).isEqualTo("a");
    }

    @Test
    void putUnlessKeepsAValueThatPassesAndReplacesOneThatDoesNot() {
        DataKey key = DataKey.of(3, 4);
        table.put(key, "keep me");

        assertThat(table.putUnless(key, "new", (present) -> present.startsWith("keep")))
                .isEqualTo("keep me");
        assertThat(table.get(key)).isEqualTo("keep me");
        assertThat(table.putUnless(key, "newer", (present) -> false)).isNull();
        assertThat(table.get(key)).isEqualTo("newer");
    }

    @Test
    void theTableShrinksBackOnShrinkAfterItsEntriesAreRemoved() {
        int empty = table.capacity();
        List<DataKey> keys = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            DataKey key = DataKey.of(random.nextLong(), random.nextLong());
            keys.add(key);
            table.put(key, "v");
        }
        assertThat(table.capacity()).isGreaterThanOrEqualTo(200_000);

        keys.forEach((key) -> table.remove(key, "v"));
        table.shrink();

        assertThat(table.size()).isZero();
        assertThat(table.capacity()).isLessThanOrEqualTo(4 * empty);
    }

    @Test
    void concurrentWritersAndReadersSeeEveryKeyWithItsOwnValue() throws Exception {
        int threads = 4;
        int perThread = 50_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                done.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(thread);
                    List<DataKey> mine = new ArrayList<>();
                    for (int i = 0; i < perThread; i++) {
                        DataKey key = DataKey.of(random.nextLong(), random.nextLong());
                        mine.add(key);
                        table.put(key, key.toHex());
                        if (i % 2 == 0) { // removes the oldest half of this thread's keys as it goes
                            DataKey gone = mine.get(i / 2);
                            assertThat(table.remove(gone, table.get(gone))).isTrue();
                            assertThat(table.get(gone)).isNull();
                        }
                        int firstKept = i / 2 + 1; // the keys from here on are still mapped
                        if (firstKept <= i) {
                            DataKey earlier = mine.get(firstKept + random.nextInt(i - firstKept + 1));
                            assertThat(table.get(earlier)).isEqualTo(earlier.toHex());
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(table.size()).isEqualTo(threads * perThread / 2);
    }
}
