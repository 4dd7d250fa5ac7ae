package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class KeySetTests {

    @Test
    void addsEachKeyOnceThroughGrowthLikeAHashSet() {
        KeySet keys = new KeySet(4);
        Set<DataKey> model = new HashSet<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 50_000; i++) {
            // few distinct values, so keys repeat
            DataKey key = DataKey.of(random.nextInt(20_000), random.nextInt(2));
            assertThat(keys.add(key)).as("add %s", key).isEqualTo(model.add(key));
        }
        assertThat(keys.size()).isEqualTo(model.size());
    }

    @Test
    void theAllZeroKeyIsAKeyLikeAnyOther() {
        KeySet keys = new KeySet(4);
        DataKey zero = DataKey.of(0, 0);

        assertThat(keys.add(zero)).isTrue();
        assertThat(keys.add(zero)).isFalse();
        assertThat(keys.add(DataKey.of(0, 1))).isTrue();
        assertThat(keys.size()).isEqualTo(2);
    }

    @Test
    void addsEachKeyGivenAsHalvesOnceWhateverItsHalves() {
        KeySet keys = new KeySet(3_000);
        for (int i = 0; i < 1_000; i++) {
            assertThat(keys.add(7, i)).isTrue();
            assertThat(keys.add(i, 7)).isEqualTo(i != 7);
            assertThat(keys.add(i, i)).isEqualTo(i != 7);
        }
        for (int i = 0; i < 1_000; i++) {
            assertThat(keys.add(7, i)).isFalse();
            assertThat(keys.add(i, 7)).isFalse();
            assertThat(keys.add(i, i)).isFalse();
        }
        KeySet one = new KeySet(1);
        assertThat(one.add(0, 0)).isTrue();
        assertThat(one.add(0, 0)).isFalse();
    }
}
