package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lease's filter of live keys: every live key found, few others, read back as written. */
class LiveKeyFilterTests {

    private static List<DataKey> keys(int count, long seed) {
        Random random = new Random(seed);
        List<DataKey> keys = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            keys.add(DataKey.of(random.nextLong(), random.nextLong()));
        }
        return keys;
    }

    private static LiveKeyFilter filterOf(List<DataKey> keys, long oldest) {
        LiveKeyFilter filter = LiveKeyFilter.create(keys.size(), oldest);
        keys.forEach(filter::add);
        return LiveKeyFilter.decode(filter.encode());
    }

    @Test
    void everyAddedKeyIsFoundAfterEncodingAndAboutOnePercentOfOthers() {
        List<DataKey> live = keys(20_000, 1);
        LiveKeyFilter filter = filterOf(live, 1234);

        assertThat(live).allMatch(filter::mightContain);
        long falsePositives =
                keys(100_000, 2).stream().filter(filter::mightContain).count();
        assertThat(falsePositives).isBetween(200L, 2_000L); // sized for 1%
        assertThat(filter.oldestOperationMillis()).isEqualTo(1234);
    }

    @Test
    void aFilterOfAFewKeysHasAlmostNoFalsePositives() {
        LiveKeyFilter filter = filterOf(keys(1, 3), -1);

        assertThat(keys(100_000, 4).stream().filter(filter::mightContain).count())
                .isZero();
        assertThat(filter.oldestOperationMillis()).isEqualTo(-1);
    }

    @Test
    void bytesThatAreNotAFilterOfThisVersionAreNotRead() {
        byte[] encoded = LiveKeyFilter.create(10, -1).encode();
        byte[] otherVersion = encoded.clone();
        otherVersion[0] = 2;
        byte[] cutShort = java.util.Arrays.copyOf(encoded, encoded.length - 1);

        assertThat(LiveKeyFilter.decode(otherVersion)).isNull();
        assertThat(LiveKeyFilter.decode(cutShort)).isNull();
        assertThat(LiveKeyFilter.decode(new byte[3])).isNull();
    }
}
