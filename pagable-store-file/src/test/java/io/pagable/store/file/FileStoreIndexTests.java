package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pagable.DataKey;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntToLongFunction;
import org.junit.jupiter.api.Test;

class FileStoreIndexTests {

    @Test
    void findsEveryKeyAddedWhileTheTableGrows() {
        FileStoreIndex index = new FileStoreIndex();
        SplittableRandom random = new SplittableRandom(1);
        long[] highs = randomHalves(random, 300_000);
        long[] lows = randomHalves(random, highs.length);
        long[] locations =
                locations(highs.length, (i) -> SegmentFormat.location(1 + i / 100_000, 16 + (i % 100_000) * 40L, 40));
        assertThat(index.putAllAbsent(highs, lows, locations, highs.length, 0, null, null))
                .isEqualTo(highs.length);
        for (int i = 0; i < highs.length; i++) {
            assertThat(index.find(DataKey.of(highs[i], lows[i]))).isEqualTo(locations[i]);
        }
        assertThat(index.find(DataKey.of(random.nextLong(), random.nextLong()))).isZero();
        assertThat(index.size()).isEqualTo(highs.length);
    }

    @Test
    void findAllFindsWhatFindFindsForPresentAndAbsentKeysInAnyBatchSize() {
        FileStoreIndex index = new FileStoreIndex();
        SplittableRandom random = new SplittableRandom(3);
        int stored = 50_000;
        long[] highs = randomHalves(random, 2 * stored);
        long[] lows = randomHalves(random, highs.length);
        long[] locations = locations(highs.length, (i) -> SegmentFormat.location(1, 16 + i * 10L, 10));
        index.putAllAbsent(highs, lows, locations, stored, 0, null, null); // the second half stays absent
        for (int count : new int[] {0, 1, 15, 16, 17, 1_000, highs.length}) {
            int from = random.nextInt(highs.length - count + 1);
            long[] batchHighs = java.util.Arrays.copyOfRange(highs, from, from + count);
            long[] batchLows = java.util.Arrays.copyOfRange(lows, from, from + count);
            long[] found = new long[count];
            index.findAll(batchHighs, batchLows, count, found);
            for (int i = 0; i < count; i++) {
                assertThat(found[i])
                        .as("key %s of %s", i, count)
                        .isEqualTo(index.find(DataKey.of(batchHighs[i], batchLows[i])))
                        .isEqualTo((from + i < stored) ? locations[from + i] : 0);
            }
        }
    }

    @Test
    void putAllAbsentTellsWhichEntriesItAddedAndKeepsTheFirstOfAKey() {
        FileStoreIndex index = new FileStoreIndex();
        index.putIfAbsent(1, 1, SegmentFormat.location(1, 16, 10));
        long[] highs = {1, 2, 3, 2, 4};
        long[] lows = {1, 2, 3, 2, 4};
        long[] locations = new long[highs.length];
        for (int i = 0; i < locations.length; i++) {
            locations[i] = SegmentFormat.location(2, 16 + 10L * i, 10);
        }
        boolean[] added = new boolean[highs.length];
        assertThat(index.putAllAbsent(highs, lows, locations, highs.length, 0, null, added))
                .isEqualTo(3);
        assertThat(added).containsExactly(false, true, true, false, true);
        assertThat(index.find(DataKey.of(1, 1))).isEqualTo(SegmentFormat.location(1, 16, 10));
        assertThat(index.find(DataKey.of(2, 2))).isEqualTo(locations[1]);
        assertThat(index.size()).isEqualTo(4);
    }

    @Test
    void keepsTheFirstLocationOfAKey() {
        FileStoreIndex index = new FileStoreIndex();
        assertThat(index.putIfAbsent(5, 6, SegmentFormat.location(1, 16, 100))).isTrue();
        assertThat(index.putIfAbsent(5, 6, SegmentFormat.location(2, 16, 100))).isFalse();
        assertThat(index.find(DataKey.of(5, 6))).isEqualTo(SegmentFormat.location(1, 16, 100));
        assertThat(index.size()).isEqualTo(1);
    }

    @Test
    void keysThatDifferOnlyInTheirLowHalfAreDistinct() {
        FileStoreIndex index = new FileStoreIndex();
        for (int i = 1; i <= 5_000; i++) {
            index.putIfAbsent(42, i, SegmentFormat.location(1, i, 0));
        }
        for (int i = 1; i <= 5_000; i++) {
            assertThat(index.find(DataKey.of(42, i))).isEqualTo(SegmentFormat.location(1, i, 0));
        }
    }

    @Test
    void locationPacksSegmentOffsetAndTheLengthOfSmallRecords() {
        long small = SegmentFormat.location(SegmentFormat.MAX_SEGMENT_ID, SegmentFormat.MAX_SEGMENT_BYTES - 1, 4095);
        assertThat(SegmentFormat.segmentId(small)).isEqualTo(SegmentFormat.MAX_SEGMENT_ID);
        assertThat(SegmentFormat.offset(small)).isEqualTo(SegmentFormat.MAX_SEGMENT_BYTES - 1);
        assertThat(SegmentFormat.recordBytesHint(small)).isEqualTo(4095);
        long large = SegmentFormat.location(1, 16, 4096);
        assertThat(SegmentFormat.segmentId(large)).isEqualTo(1);
        assertThat(SegmentFormat.offset(large)).isEqualTo(16);
        assertThat(SegmentFormat.recordBytesHint(large)).isZero();
    }

    @Test
    void nativeMemoryPerEntryStaysBetweenSixtySixAndOneHundredTenBytes() {
        FileStoreIndex index = new FileStoreIndex();
        SplittableRandom random = new SplittableRandom(2);
        for (int i = 1; i <= 1_000_000; i++) {
            index.putIfAbsent(random.nextLong(), random.nextLong(), SegmentFormat.location(1, 8L * i, 8));
            if (i % 100_000 == 0) {
                assertThat(index.nativeBytes() / (double) i).isBetween(66.0, 110.0);
            }
        }
    }

    @Test
    void reservedRoomTakesItsEntriesWithoutGrowingAndLessRoomChangesNothing() {
        FileStoreIndex index = new FileStoreIndex();
        long before = index.nativeBytes();
        index.reserve(10);
        assertThat(index.nativeBytes()).isEqualTo(before);

        index.reserve(300_000);
        int reserved = index.capacity();
        assertThat(reserved * 3L / 4).isBetween(300_000L, 600_000L);
        SplittableRandom random = new SplittableRandom(5);
        long[] highs = randomHalves(random, 300_000);
        long[] lows = randomHalves(random, highs.length);
        long[] locations = locations(highs.length, (i) -> SegmentFormat.location(1, 16 + i * 10L, 10));
        index.putAllAbsent(highs, lows, locations, highs.length, 0, null, null);
        assertThat(index.capacity()).isEqualTo(reserved);
        index.reserve(1_000);
        assertThat(index.capacity()).isEqualTo(reserved);
        for (int i = 0; i < highs.length; i += 997) {
            assertThat(index.find(DataKey.of(highs[i], lows[i]))).isEqualTo(locations[i]);
        }
    }

    @Test
    void tableSpreadOverManyBuffersFindsEveryKey() {
        FileStoreIndex index = new FileStoreIndex(64);
        SplittableRandom random = new SplittableRandom(3);
        long[] highs = randomHalves(random, 50_000);
        long[] lows = randomHalves(random, highs.length);
        long[] locations = locations(highs.length, (i) -> SegmentFormat.location(1, 16 + i * 9L, 9));
        for (int i = 0; i < highs.length; i++) {
            index.putIfAbsent(highs[i], lows[i], locations[i]);
        }
        assertThat(index.bufferCount()).isEqualTo(index.capacity() / 64);
        assertThat(index.bufferCount()).isGreaterThan(1_000);
        for (int i = 0; i < highs.length; i++) {
            assertThat(index.find(DataKey.of(highs[i], lows[i]))).isEqualTo(locations[i]);
        }
        long[] later = locations(highs.length, (i) -> SegmentFormat.location(2, 16 + i * 9L, 9));
        assertThat(index.putAllAbsent(highs, lows, later, highs.length, 0, null, null))
                .isZero();
        assertThat(index.size()).isEqualTo(highs.length);
    }

    @Test
    void readersFindEveryKeyAddedBeforeThemWhileTheTableGrows() throws Exception {
        FileStoreIndex index = new FileStoreIndex(256);
        int count = 200_000;
        AtomicInteger published = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread[] readers = new Thread[2];
        for (int r = 0; r < readers.length; r++) {
            readers[r] = new Thread(() -> {
                SplittableRandom random = new SplittableRandom();
                while (published.get() < count && failure.get() == null) {
                    int upTo = published.get();
                    if (upTo == 0) {
                        continue;
                    }
                    int i = random.nextInt(upTo);
                    long location = index.find(DataKey.of(i, ~i));
                    if (location != locationOf(i)) {
                        failure.set(new AssertionError("key " + i + " found at " + location));
                    }
                    DataKey key = keyAt(index, locationOf(i));
                    if (!DataKey.of(i, ~i).equals(key)) {
                        failure.set(new AssertionError("record " + i + " found with key " + key));
                    }
                }
            });
            readers[r].start();
        }
        for (int i = 0; i < count; i++) {
            index.putIfAbsent(i, ~i, locationOf(i));
            published.set(i + 1);
        }
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failure.get()).isNull();
    }

    /** Random key halves, as SHA-256 output is. */
    private static long[] randomHalves(SplittableRandom random, int count) {
        long[] halves = new long[count];
        for (int i = 0; i < count; i++) {
            halves[i] = random.nextLong();
        }
        return halves;
    }

    /** Locations of {@code count} records, ascending as a store adds them. */
    private static long[] locations(int count, IntToLongFunction location) {
        long[] locations = new long[count];
        for (int i = 0; i < count; i++) {
            locations[i] = location.applyAsLong(i);
        }
        return locations;
    }

    /** The key of the record at one location, as a reader looks it up ({@link FileStoreIndex#keysAt}). */
    private static DataKey keyAt(FileStoreIndex index, long location) {
        DataKey[] key = new DataKey[1];
        index.keysAt(new long[] {location}, 1, key);
        return key[0];
    }

    private static long locationOf(int record) {
        return SegmentFormat.location(1, 16 + 10L * record, 10);
    }

    @Test
    void everyRecordAddedIsFoundByItsLocationWhetherItsKeyWasNewOrNot() {
        FileStoreIndex index = new FileStoreIndex();
        long first = SegmentFormat.location(1, 16, 100);
        long copy = SegmentFormat.location(1, 116, 100);
        long other = SegmentFormat.location(2, 16, 5_000); // too long for the location to hold its length
        index.putAllAbsent(
                new long[] {5, 5, 7}, new long[] {6, 6, 8}, new long[] {first, copy, other}, 3, 0, null, null);
        assertThat(index.find(DataKey.of(5, 6))).isEqualTo(first);
        assertThat(keyAt(index, first)).isEqualTo(DataKey.of(5, 6));
        assertThat(keyAt(index, copy)).isEqualTo(DataKey.of(5, 6));
        assertThat(keyAt(index, SegmentFormat.withoutLength(copy)))
                .as("without its length")
                .isEqualTo(DataKey.of(5, 6));
        assertThat(keyAt(index, other)).isEqualTo(DataKey.of(7, 8));
        assertThat(keyAt(index, SegmentFormat.location(1, 17, 0)))
                .as("inside a record")
                .isNull();
        assertThat(keyAt(index, SegmentFormat.location(3, 16, 0)))
                .as("beyond the last")
                .isNull();
    }

    @Test
    void recordsOutOfLocationOrderAreRefusedAndNothingOfTheBatchIsAdded() {
        FileStoreIndex index = new FileStoreIndex();
        index.putIfAbsent(1, 1, SegmentFormat.location(1, 1_000, 10));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> index.putAllAbsent(
                        new long[] {2, 3},
                        new long[] {2, 3},
                        new long[] {SegmentFormat.location(1, 2_000, 10), SegmentFormat.location(1, 500, 10)},
                        2,
                        0,
                        null,
                        null))
                .withMessageContaining("order of their locations");
        assertThat(index.size()).isEqualTo(1);
        assertThat(index.find(DataKey.of(2, 2))).isZero();
        assertThat(keyAt(index, SegmentFormat.location(1, 2_000, 10))).isNull();
    }
}
