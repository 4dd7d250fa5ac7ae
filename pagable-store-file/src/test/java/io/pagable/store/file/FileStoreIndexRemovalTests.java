package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The index's entries change: touched, moved and removed (by backward shift), against a plain map. */
class FileStoreIndexRemovalTests {

    @Test
    void keysRemovedAreGoneAndEveryOtherKeyIsStillFoundAfterManyBackwardShifts() {
        FileStoreIndex index = new FileStoreIndex();
        Map<DataKey, Long> model = new HashMap<>();
        List<DataKey> present = new ArrayList<>();
        SplittableRandom random = new SplittableRandom(7);
        long offset = 16;
        for (int step = 0; step < 200_000; step++) {
            // a full table of the first capacity (3/4 of 1024 slots) at most, so probe runs are long and wrap
            boolean add = present.size() < 300 || (present.size() < 760 && random.nextInt(100) < 52);
            if (add) {
                DataKey key = DataKey.of(random.nextLong(), random.nextLong());
                long location = SegmentFormat.location(1, offset, 10);
                offset += 10;
                assertThat(index.putIfAbsent(key.high(), key.low(), location)).isTrue();
                model.put(key, location);
                present.add(key);
            } else {
                DataKey key = present.remove(random.nextInt(present.size()));
                boolean[] removed = new boolean[1];
                index.removeAll(
                        new long[] {key.high()}, new long[] {key.low()}, new long[] {model.get(key)}, 1, removed);
                assertThat(removed[0]).isTrue();
                model.remove(key);
                assertThat(index.find(key)).isZero();
            }
            if (step % 5_000 == 0) {
                assertMatches(index, model);
            }
        }
        assertMatches(index, model);
        assertThat(index.capacity()).as("never grew: removals made room").isEqualTo(1024);
    }

    @Test
    void aKeyIsRemovedOrMovedOnlyFromTheLocationExpected() {
        FileStoreIndex index = new FileStoreIndex();
        long first = SegmentFormat.location(1, 16, 10);
        long elsewhere = SegmentFormat.location(1, 26, 10);
        long unused = SegmentFormat.location(2, 16, 10);
        long copy = SegmentFormat.location(2, 26, 10);
        index.putIfAbsent(5, 6, first);
        boolean[] removed = new boolean[1];
        index.removeAll(new long[] {5}, new long[] {6}, new long[] {elsewhere}, 1, removed);
        assertThat(removed[0]).isFalse();
        assertThat(index.moveAll(new long[] {5}, new long[] {6}, new long[] {elsewhere}, new long[] {unused}, 1))
                .isZero();
        assertThat(index.find(DataKey.of(5, 6))).isEqualTo(first);

        assertThat(index.moveAll(new long[] {5}, new long[] {6}, new long[] {first}, new long[] {copy}, 1))
                .isOne();
        assertThat(index.find(DataKey.of(5, 6))).isEqualTo(copy);
        index.removeAll(new long[] {5}, new long[] {6}, new long[] {copy}, 1, removed);
        assertThat(removed[0]).isTrue();
        assertThat(index.size()).isZero();
        DataKey[] keys = new DataKey[3];
        index.keysAt(new long[] {first, unused, copy}, 3, keys);
        assertThat(keys).as("every record stays known by location").containsOnly(DataKey.of(5, 6));
    }

    @Test
    void aTouchRaisesTouchedTimesOfPresentKeysAndNeverLowersThem() {
        FileStoreIndex index = new FileStoreIndex();
        long location = SegmentFormat.location(1, 16, 10);
        index.putAllAbsent(new long[] {1}, new long[] {1}, new long[] {location}, 1, 1_000, null, null);
        long[] found = new long[2];
        index.touchAll(new long[] {1, 2}, new long[] {1, 2}, 2, 2_000, found);
        assertThat(found).containsExactly(location, 0);
        assertThat(touched(index, 1)).isEqualTo(2_000);
        index.touchAll(new long[] {1}, new long[] {1}, 1, 1_500, found);
        assertThat(touched(index, 1)).isEqualTo(2_000);
        index.moveAll(
                new long[] {1},
                new long[] {1},
                new long[] {location},
                new long[] {SegmentFormat.location(2, 16, 10)},
                1);
        assertThat(touched(index, 1)).as("a move keeps it").isEqualTo(2_000);
    }

    @Test
    void recordsOfOneSegmentAreListedInOrderAndForgottenWithTheirSegment() {
        FileStoreIndex index = new FileStoreIndex();
        int perSegment = 5_000;
        for (int segment = 1; segment <= 3; segment++) {
            long[] highs = new long[perSegment];
            long[] lows = new long[perSegment];
            long[] locations = new long[perSegment];
            for (int i = 0; i < perSegment; i++) {
                highs[i] = segment;
                lows[i] = i;
                locations[i] = SegmentFormat.location(segment, 16 + 100L * i, (i % 2 == 0) ? 100 : 0);
            }
            index.putAllAbsent(highs, lows, locations, perSegment, 0, null, null);
        }
        long[] highs = new long[700];
        long[] lows = new long[700];
        long[] positions = new long[700];
        List<Long> listed = new ArrayList<>();
        long after = 0;
        int count;
        while ((count = index.recordsOf(2, after, 700, highs, lows, positions)) > 0) {
            for (int i = 0; i < count; i++) {
                assertThat(highs[i]).isEqualTo(2);
                assertThat(positions[i]).isEqualTo(SegmentFormat.location(2, 16 + 100L * lows[i], 0));
                listed.add(lows[i]);
            }
            after = positions[count - 1];
        }
        assertThat(listed).hasSize(perSegment).isSorted();

        long[] live = index.liveBytes(new long[] {0, 16 + 100L * perSegment, 16 + 100L * perSegment});
        assertThat(live).as("segment 3 left out").containsExactly(0, 100L * perSegment, 100L * perSegment);

        index.forgetSegments((id) -> id == 2);
        assertThat(index.recordsOf(2, 0, 700, highs, lows, positions)).isZero();
        assertThat(index.recordsOf(3, 0, 700, highs, lows, positions)).isEqualTo(700);
        DataKey[] keys = new DataKey[3];
        index.keysAt(
                new long[] {
                    SegmentFormat.location(1, 16 + 100L * 4_999, 0),
                    SegmentFormat.location(2, 16, 0),
                    SegmentFormat.location(3, 16 + 100L * 4_999, 0)
                },
                3,
                keys);
        assertThat(keys).containsExactly(DataKey.of(1, 4_999), null, DataKey.of(3, 4_999));
    }

    @Test
    void keysSortInKeyOrderWhateverTheirSignsAndEqualHighHalves() {
        SplittableRandom random = new SplittableRandom(11);
        int count = 50_000;
        long[] highs = new long[count];
        long[] lows = new long[count];
        List<DataKey> expected = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            highs[i] = (i % 5 == 0) ? -1L : (i % 7 == 0) ? 42 : random.nextLong(); // many equal high halves
            lows[i] = random.nextLong();
            expected.add(DataKey.of(highs[i], lows[i]));
        }
        FileStoreKeyOrder order = new FileStoreKeyOrder(highs, lows);
        expected.sort(null);
        for (int i = 0; i < count; i++) {
            assertThat(DataKey.of(order.high(i), order.low(i))).isEqualTo(expected.get(i));
        }
        DataKey middle = expected.get(count / 2);
        assertThat(order.firstAfter(middle.high(), middle.low())).isEqualTo(count / 2 + 1);
        assertThat(order.firstAfter(-1L, -1L)).isEqualTo(count);
        assertThat(order.firstAfter(0, 0)).isEqualTo(expected.get(0).equals(DataKey.of(0, 0)) ? 1 : 0);
        assertThat(new FileStoreKeyOrder(new long[0], new long[0]).size()).isZero();
    }

    private static long touched(FileStoreIndex index, long key) {
        long[] locations = new long[1];
        long[] touched = new long[1];
        index.findAll(new long[] {key}, new long[] {key}, 1, locations, touched);
        return touched[0];
    }

    private static void assertMatches(FileStoreIndex index, Map<DataKey, Long> model) {
        assertThat(index.size()).isEqualTo(model.size());
        long[][] keys = index.keys();
        assertThat(keys[0]).hasSize(model.size());
        for (Map.Entry<DataKey, Long> entry : model.entrySet()) {
            assertThat(index.find(entry.getKey())).isEqualTo(entry.getValue());
        }
        List<DataKey> listed = new ArrayList<>();
        for (int i = 0; i < keys[0].length; i++) {
            listed.add(DataKey.of(keys[0][i], keys[1][i]));
        }
        assertThat(listed).containsExactlyInAnyOrderElementsOf(model.keySet());
    }
}
