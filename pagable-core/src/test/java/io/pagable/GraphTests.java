package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.model.Module;
import io.pagable.model.Payload;
import io.pagable.model.Target;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class GraphTests {

    private final CountingContentStore store = new CountingContentStore();

    private PagableStorage storage() {
        return PagableStorage.builder().contentStore(new SharedStore(store)).build();
    }

    private PagableStorage storageWithoutReadAhead() {
        return PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .readAhead(0)
                .build();
    }

    private static Payload payload(String text) {
        return new Payload(text, text.repeat(10).getBytes(StandardCharsets.UTF_8));
    }

    /** A chain-shaped DAG: target i depends on targets i-1 and i-2. */
    private static List<Target> targets(PagableStorage storage, int count, String prefix) {
        List<Target> targets = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            List<Target> deps = new ArrayList<>();
            if (i > 0) {
                deps.add(targets.get(i - 1));
            }
            if (i > 1) {
                deps.add(targets.get(i - 2));
            }
            targets.add(new Target(prefix + i, deps, storage.arc(payload("payload " + i))));
        }
        return targets;
    }

    @Test
    void sharedNodeUnderThreeParentsLoadsAsOneInstance() {
        PagableStorage writer = storage();
        Target shared = new Target("shared", List.of(), writer.arc(payload("s")));
        List<Target> parents = List.of(
                new Target("a", List.of(shared), writer.arc(payload("a"))),
                new Target("b", List.of(shared), writer.arc(payload("b"))),
                new Target("c", List.of(shared), writer.arc(payload("c"))));
        DataKey key = writer.save(new Target("root", parents, writer.arc(payload("root"))));

        Target loaded = storage().load(key, Target.class);

        Target first = loaded.deps().get(0).deps().get(0);
        assertThat(loaded.deps())
                .extracting((parent) -> parent.deps().get(0))
                .allSatisfy((dep) -> assertThat(dep).isSameAs(first));
        assertThat(first.name()).isEqualTo("shared");
    }

    @Test
    void loadingTheSameKeyTwiceGivesTheSameInstanceWhileReachable() {
        PagableStorage storage = storage();
        DataKey key = storage.save(new Target("t", List.of(), storage.arc(payload("p"))));

        assertThat(storage.load(key, Target.class)).isSameAs(storage.load(key, Target.class));
    }

    @Test
    void twoGraphsSharingMostNodesAddOnlyTheChangedNodes() {
        PagableStorage storage = storage();
        List<Target> first = targets(storage, 40, "t");
        storage.save(new Target("root", first, storage.arc(payload("root"))));
        long entriesAfterFirst = store.stats().entries();
        long putsAfterFirst = store.nodesPut.get();

        List<Target> second = new ArrayList<>(first.subList(0, 38));
        second.add(new Target("changed-38", List.of(first.get(37)), storage.arc(payload("changed 38"))));
        second.add(new Target("changed-39", List.of(second.get(38)), storage.arc(payload("changed 39"))));
        storage.save(new Target("root", second, storage.arc(payload("root"))));

        // new: two targets, their two payload arcs, and the root node
        assertThat(store.stats().entries() - entriesAfterFirst).isEqualTo(5);
        assertThat(store.nodesPut.get() - putsAfterFirst).isEqualTo(5);
        assertThat(storage.stats().dedupHits()).isGreaterThanOrEqualTo(38);
    }

    @Test
    void equalGraphsBuiltFromFreshInstancesGetEqualKeysAndAreStoredOnce() {
        PagableStorage storage = storage();
        DataKey first = storage.save(new Target("root", targets(storage, 10, "t"), storage.arc(payload("r"))));
        long entries = store.stats().entries();

        DataKey second = storage.save(new Target("root", targets(storage, 10, "t"), storage.arc(payload("r"))));

        assertThat(second).isEqualTo(first);
        assertThat(store.stats().entries()).isEqualTo(entries);
    }

    @Test
    void withoutReadAheadLoadingAParentReadsOneNodeAndLeavesArcChildrenPagedOut() {
        PagableStorage writer = storage();
        List<PagableArc<Target>> children = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            children.add(writer.arc(new Target("t" + i, List.of(), writer.arc(payload("p" + i)))));
        }
        DataKey key = writer.save(new Module("m", children));
        long readsBefore = store.reads.get();

        Module module = storageWithoutReadAhead().load(key, Module.class);

        assertThat(store.reads.get() - readsBefore).isEqualTo(1);
        assertThat(module.targets())
                .hasSize(5)
                .allSatisfy((arc) -> assertThat(arc.isPagedOut()).isTrue());
        assertThat(module.targets().get(3).get().name()).isEqualTo("t3");
        assertThat(store.reads.get() - readsBefore).isEqualTo(2);
        assertThat(module.targets().get(3).get().payload().isPagedOut()).isTrue();
    }

    @Test
    void newArcIsResidentUntilDrainedThenPagedOutWithAKey() {
        PagableStorage storage = storage();
        PagableArc<Payload> arc = storage.arc(payload("x"));

        assertThat(arc.isPagedOut()).isFalse();
        assertThat(arc.key()).isEmpty();
        assertThat(storage.pendingCount()).isEqualTo(1);

        assertThat(storage.pageOutPending()).isEqualTo(1);

        assertThat(arc.isPagedOut()).isTrue();
        assertThat(arc.key()).isPresent();
        assertThat(storage.pendingCount()).isZero();
        assertThat(arc.get()).usingRecursiveComparison().isEqualTo(payload("x"));
        assertThat(arc.isPagedOut()).isTrue();
    }

    @Test
    void openPinKeepsTheValueResidentThroughADrain() {
        PagableStorage storage =
                PagableStorage.builder().contentStore(store).cacheMaximumSize(0).build();
        PagableArc<Payload> arc = storage.arc(payload("pinned"));

        try (Pinned<Payload> pin = arc.pin()) {
            storage.pageOutPending();
            assertThat(arc.key()).isPresent();
            assertThat(arc.isPagedOut()).isFalse();
            assertThat(pin.get().description()).isEqualTo("pinned");
        }

        assertThat(arc.isPagedOut()).isTrue();
    }

    @Test
    void pinningAPagedOutArcMakesItResidentUntilClosedAndClosingTwiceIsHarmless() {
        PagableStorage storage = storage();
        PagableArc<Payload> arc = storage.arc(payload("p"));
        storage.pageOutPending();

        Pinned<Payload> first = arc.pin();
        Pinned<Payload> second = arc.pin();
        assertThat(arc.isPagedOut()).isFalse();
        first.close();
        first.close();
        assertThat(arc.isPagedOut()).isFalse();
        second.close();

        assertThat(arc.isPagedOut()).isTrue();
        assertThat(storage.stats().resident()).isZero();
    }

    @Test
    void pagedOutValueReferencedByNothingIsCollectedAndGetRestoresIt() throws Exception {
        PagableStorage storage =
                PagableStorage.builder().contentStore(store).cacheMaximumSize(0).build();
        PagableArc<Payload> arc = storage.arc(payload("collect me"));
        WeakReference<Payload> probe = new WeakReference<>(arc.get());
        storage.pageOutPending();

        for (int i = 0; i < 50 && probe.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }

        assertThat(probe.get()).as("the paged-out value is collected").isNull();
        assertThat(arc.get().description()).isEqualTo("collect me");
        assertThat(storage.stats().pageIns()).isEqualTo(1);
    }

    @Test
    void theArcCacheStatisticsCountEveryLookupOfAValue() {
        DataKey key = storage().save(payload("counted"));
        DefaultPagableStorage reader = (DefaultPagableStorage) PagableStorage.builder()
                .contentStore(store)
                .cacheMaximumSize(10)
                .build();

        Payload first = reader.load(key, Payload.class);
        Payload second = reader.load(key, Payload.class);

        assertThat(second).isSameAs(first);
        var stats = reader.arcCache().orElseThrow().stats();
        assertThat(stats.missCount()).as("the first load read the store").isEqualTo(1);
        assertThat(stats.hitCount())
                .as("the second found the value on the heap")
                .isEqualTo(1);
    }

    @Test
    void theArcCacheHoldsTheValueAskedForAndItsNodeChildrenThroughIt() {
        PagableStorage writer = storage();
        Target shared = new Target("shared", List.of(), writer.arc(payload("s")));
        DataKey sharedKey = writer.save(shared);
        DataKey rootKey = writer.save(new Target(
                "root",
                List.of(shared, new Target("other", List.of(shared), writer.arc(payload("o")))),
                writer.arc(payload("root"))));
        PagableStorage reader = PagableStorage.builder()
                .contentStore(store)
                .cacheMaximumSize(10)
                .cacheExecutor(Runnable::run)
                .build();

        Target root = reader.load(rootKey, Target.class);
        long reads = store.reads.get();

        assertThat(reader.stats().cacheSize())
                .as("one entry: the root; its three node children are not entries of their own")
                .isEqualTo(1);
        assertThat(reader.load(sharedKey, Target.class))
                .as("a node child is found through its parent, without a store read")
                .isSameAs(root.deps().get(0))
                .isSameAs(root.deps().get(1).deps().get(0));
        assertThat(store.reads.get()).isEqualTo(reads);
    }

    @Test
    void arcForAKeyIsLazyAndUniquePerKeyAndType() {
        PagableStorage writer = storage();
        DataKey key = writer.save(payload("lazy"));
        PagableStorage reader = storage();
        long reads = store.reads.get();

        PagableArc<Payload> arc = reader.arc(key, Payload.class);

        assertThat(store.reads.get()).isEqualTo(reads);
        assertThat(arc.isPagedOut()).isTrue();
        assertThat(reader.arc(key, Payload.class)).isSameAs(arc);
        assertThat(arc.get().description()).isEqualTo("lazy");
    }

    @Test
    void statsCountWhatHappened() {
        PagableStorage storage = storage();
        PagableArc<Payload> arc = storage.arc(payload("s"));
        storage.pageOutPending();
        arc.get();

        var stats = storage.stats();

        assertThat(stats.pageOuts()).isEqualTo(1);
        assertThat(stats.nodesWritten()).isEqualTo(1);
        assertThat(stats.bytesWritten()).isPositive();
        assertThat(stats.pending()).isZero();
        assertThat(stats.pagedOut()).isEqualTo(1);
        assertThat(stats.store().entries()).isEqualTo(1);
        assertThat(stats.drains()).isEqualTo(1);
        assertThat(stats.lastDrainAt()).isNotNull();
        assertThat(stats.lastError()).isNull();
    }

    @Test
    void closeDrainsWhatIsPending() {
        PagableStorage storage = storage();
        PagableArc<Payload> arc = storage.arc(payload("on close"));

        storage.close();
        storage.close();

        DataKey key = arc.key().orElseThrow();
        assertThat(storage().load(key, Payload.class).description()).isEqualTo("on close");
    }
}
