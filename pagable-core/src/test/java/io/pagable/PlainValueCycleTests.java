package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.store.InMemoryContentStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cycles and too deep nesting among plain values (records, classes, collections, maps) within a node. */
class PlainValueCycleTests {

    private final InMemoryContentStore store = new InMemoryContentStore();

    private final PagableStorage storage = PagableStorage.builder()
            .contentStore(new SharedStore(store))
            .registerTypes(Loop.class)
            .build();

    record Mod(String name, List<Mod> children) {}

    /** A final class: its field needs no tag. */
    static final class Ring {
        String name;

        Ring next;

        Ring(String name) {
            this.name = name;
        }
    }

    /** A non-final class: its field is polymorphic, so the class is registered. */
    @PagableType("test.loop")
    static class Loop {
        String name;

        Loop next;
    }

    record Holder(String name, Map<String, Object> values) {}

    static final class Station {
        String name;

        PagableArc<Platform> platform;
    }

    record Platform(Station station) {}

    @PagableNode
    static final class Hub {
        Spoke spoke;
    }

    record Spoke(List<Hub> hubs) {}

    record Chain(int depth, Chain next) {}

    private void assertCycleStoringNothing(Object value, String... path) {
        assertThatExceptionOfType(CycleException.class)
                .isThrownBy(() -> storage.save(value))
                .satisfies((ex) -> assertThat(ex.getPath()).containsExactly(path));
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void saveOfRecordCycleThroughListThrowsCycleExceptionWithPath() {
        Mod a = new Mod("a", new ArrayList<>());
        Mod b = new Mod("b", List.of(new Mod("leaf", List.of()), a));
        a.children().add(b);

        assertThatExceptionOfType(CycleException.class)
                .isThrownBy(() -> storage.save(a))
                .satisfies(
                        (ex) -> assertThat(ex.getPath()).containsExactly("Mod.children[0]", "Mod.children[1]", "Mod"))
                .withMessageContaining("Cycle in the graph: Mod.children[0] -> Mod.children[1] -> Mod")
                .withMessageContaining("replace one reference on the cycle by an identifier");
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void saveOfPlainClassCycleThroughFieldThrowsCycleExceptionWithPath() {
        Ring a = new Ring("a");
        a.next = new Ring("b");
        a.next.next = a;

        assertCycleStoringNothing(a, "Ring.next", "Ring.next", "Ring");
    }

    @Test
    void saveOfTaggedNonFinalClassCycleThrowsAShortCycleException() {
        Loop a = new Loop();
        a.next = new Loop();
        a.next.next = a;

        assertThatExceptionOfType(CycleException.class)
                .isThrownBy(() -> storage.save(a))
                .satisfies((ex) -> assertThat(ex.getPath()).containsExactly("Loop.next", "Loop.next", "Loop"))
                .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(300));
    }

    @Test
    void saveOfCycleThroughMapValueThrowsCycleExceptionWithTheKey() {
        Map<String, Object> values = new HashMap<>();
        Holder holder = new Holder("h", values);
        values.put("self", holder);

        assertCycleStoringNothing(holder, "Holder.values[self]", "Holder");
    }

    @Test
    void saveOfListHoldingItselfThrowsCycleException() {
        List<Object> list = new ArrayList<>();
        list.add(list);

        assertThatExceptionOfType(CycleException.class)
                .isThrownBy(() -> storage.save(list))
                .satisfies((ex) -> assertThat(ex.getPath()).containsExactly("ArrayList[0]", "ArrayList"));
    }

    @Test
    void saveOfCycleThroughAnArcAndPlainValuesThrowsCycleException() {
        Station station = new Station();
        station.name = "s";
        station.platform = storage.arc(new Platform(station));

        assertCycleStoringNothing(station, "PagableArc<Platform>", "PagableArc<Platform>");
    }

    @Test
    void saveOfCycleThroughANodeAndPlainValuesThrowsCycleException() {
        Hub hub = new Hub();
        hub.spoke = new Spoke(List.of(hub));

        assertCycleStoringNothing(hub, "Hub", "Hub");
    }

    @Test
    void longCycleIsElidedInTheMessageAndKeptWholeInThePath() {
        Mod first = new Mod("0", new ArrayList<>());
        Mod last = first;
        for (int i = 1; i < 200; i++) {
            Mod next = new Mod(Integer.toString(i), new ArrayList<>());
            last.children().add(next);
            last = next;
        }
        last.children().add(first);

        assertThatExceptionOfType(CycleException.class)
                .isThrownBy(() -> storage.save(first))
                .satisfies((ex) -> assertThat(ex.getPath()).hasSize(201).endsWith("Mod"))
                .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400))
                .withMessageContaining("(195 more)");
    }

    @Test
    void saveOfTooDeepAcyclicValueNamesTheNestingLimitAndTheFix() {
        Chain chain = null;
        for (int i = 0; i < 1000; i++) {
            chain = new Chain(i, chain);
        }
        Chain deep = chain;

        assertThatExceptionOfType(PagableException.class)
                .isThrownBy(() -> storage.save(deep))
                .isNotInstanceOf(CycleException.class)
                .withMessageContaining(Chain.class.getName())
                .withMessageContaining("nesting depth limit of 500")
                .withMessageContaining("Chain.next -> Chain.next")
                .withMessageContaining("PagableArc")
                .withMessageContaining("@PagableNode")
                .satisfies((ex) -> assertThat(ex.getMessage()).hasSizeLessThan(400));
    }

    @Test
    void failedSaveLeavesTheStoreUnchanged() {
        DataKey saved = storage.save(new Mod("kept", List.of()));
        long entries = store.stats().entries();
        Mod a = new Mod("a", new ArrayList<>());
        a.children().add(a);

        assertThatExceptionOfType(CycleException.class).isThrownBy(() -> storage.save(a));
        assertThat(store.stats().entries()).isEqualTo(entries);
        assertThat(storage.load(saved, Mod.class)).isEqualTo(new Mod("kept", List.of()));
    }
}
