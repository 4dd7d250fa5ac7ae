package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class MapCompactionTests {

    private final MapCompaction compaction = new MapCompaction();

    @Test
    void aMapThatTookFewEntriesIsKeptHoweverEmptyItIs() {
        ConcurrentHashMap<Integer, Integer> map = mapAfterAdding(MapCompaction.COPY_ABOVE);
        map.clear();

        assertThat(compaction.compacted(map)).isSameAs(map);
    }

    @Test
    void aMapHoldingAnEighthOrMoreOfWhatItTookIsKept() {
        ConcurrentHashMap<Integer, Integer> map = mapAfterAdding(80_000);
        map.keySet().removeIf((key) -> key >= 10_000);

        assertThat(compaction.compacted(map)).isSameAs(map);
    }

    @Test
    void aMapHoldingLessThanAnEighthOfWhatItTookIsCopiedWithWhatIsLeftAndCountingStartsAgain() {
        ConcurrentHashMap<Integer, Integer> map = mapAfterAdding(80_000);
        map.keySet().removeIf((key) -> key >= 9_999);

        ConcurrentHashMap<Integer, Integer> copy = compaction.compacted(map);

        assertThat(copy).isNotSameAs(map).isEqualTo(map).hasSize(9_999);
        assertThat(compaction.compacted(copy))
                .as("counted from the copy's 9,999")
                .isSameAs(copy);
    }

    private ConcurrentHashMap<Integer, Integer> mapAfterAdding(int entries) {
        ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
        for (int i = 0; i < entries; i++) {
            map.put(i, i);
            compaction.added();
        }
        return map;
    }
}
