package io.pagable.boot.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import io.pagable.PagableRoot;
import io.pagable.PagableStorage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.data.support.WindowIterator;

class PagableRootWindowsTests {

    private final PagableStorage storage = PagableStorage.builder().build();

    @AfterEach
    void close() {
        storage.close();
    }

    @Test
    void windowsScrollEveryRootInNameOrder() {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 25; i++) {
            names.add(String.format("graphs/%02d", i));
            storage.saveRoot(names.get(i), "graph " + i);
        }

        Window<PagableRoot> first = PagableRootWindows.scroll(storage, ScrollPosition.keyset(), 10);
        assertThat(first.size()).isEqualTo(10);
        assertThat(first.hasNext()).isTrue();
        List<String> seen = new ArrayList<>();
        WindowIterator.of((position) -> PagableRootWindows.scroll(storage, position, 10))
                .startingAt(ScrollPosition.keyset())
                .forEachRemaining((root) -> seen.add(root.name()));

        assertThat(seen).isEqualTo(names);
        Window<PagableRoot> last =
                PagableRootWindows.scroll(storage, ScrollPosition.forward(Map.of("name", "graphs/19")), 10);
        assertThat(last.size()).isEqualTo(5);
        assertThat(last.isLast()).isTrue();
    }

    @Test
    void onlyForwardKeysetPositionsByNameAreAccepted() {
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PagableRootWindows.scroll(storage, ScrollPosition.offset(), 10))
                .withMessageContaining("Roots scroll forward by keyset on 'name'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PagableRootWindows.scroll(storage, ScrollPosition.backward(Map.of("name", "a")), 10));
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PagableRootWindows.scroll(storage, ScrollPosition.forward(Map.of("id", 3)), 10))
                .withMessageContaining("names the last root as 'name'");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> PagableRootWindows.scroll(storage, ScrollPosition.keyset(), 0));
    }
}
