package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Module;
import io.pagable.model.Payload;
import io.pagable.model.Target;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.StoredNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ReadAheadTests {

    private final CountingContentStore store = new CountingContentStore();

    private DataKey moduleKey;

    private final Set<DataKey> targetKeys = new HashSet<>();

    @BeforeEach
    void storeAModuleOfFiveTargetArcsEachWithAPayloadArc() {
        PagableStorage writer =
                PagableStorage.builder().contentStore(new SharedStore(store)).build();
        List<PagableArc<Target>> targets = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            targets.add(writer.arc(new Target("t" + i, List.of(), writer.arc(payload("p" + i)))));
        }
        moduleKey = writer.save(new Module("m", targets));
        targets.forEach((arc) -> targetKeys.add(arc.key().orElseThrow()));
    }

    @Test
    void loadingANodeReadsTheArcsBelowItOneLevelPerRoundTripWithoutDecodingThem() {
        PagableStorage reader = reader(store, PagableStorageBuilder.DEFAULT_READ_AHEAD);

        Module module = reader.load(moduleKey, Module.class);

        // the module, then its 5 target arcs, then their 5 payload arcs
        assertThat(store.readCalls.get()).isEqualTo(3);
        assertThat(store.reads.get()).isEqualTo(11);
        assertThat(module.targets())
                .allSatisfy((arc) -> assertThat(arc.isPagedOut()).isTrue());
        assertThat(reader.stats().pageIns()).isEqualTo(1);

        for (int i = 0; i < 5; i++) {
            Target target = module.targets().get(i).get();
            assertThat(target.name()).isEqualTo("t" + i);
            assertThat(new String(target.payload().get().data(), StandardCharsets.UTF_8))
                    .isEqualTo("p" + i);
        }
        assertThat(store.readCalls.get()).as("everything was read ahead").isEqualTo(3);
    }

    @Test
    void readAheadStopsAtItsSizeAndTheRestIsReadWhenAskedFor() {
        PagableStorage reader = reader(store, 3);

        Module module = reader.load(moduleKey, Module.class);

        assertThat(store.reads.get()).isEqualTo(1 + 3);
        List<String> names = new ArrayList<>();
        module.targets().forEach((arc) -> names.add(arc.get().name()));
        assertThat(names).containsExactly("t0", "t1", "t2", "t3", "t4");
    }

    @Test
    void aMissedArcIsReadInOneStoreCallWithTheSiblingsTheReadAheadLeftOut() {
        List<Set<DataKey>> calls = new ArrayList<>();
        ContentStore recording = new ForwardingContentStore(store) {
            @Override
            public Optional<StoredNode> get(DataKey key) {
                calls.add(Set.of(key));
                return super.get(key);
            }

            @Override
            public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
                calls.add(Set.copyOf(keys));
                return super.getAll(keys);
            }
        };
        PagableStorage reader = reader(recording, 3);
        Module module = reader.load(moduleKey, Module.class); // reads t0-t2 ahead, leaves t3 and t4 out
        calls.clear();

        Target fourth = module.targets().get(3).get();

        DataKey t3 = module.targets().get(3).key().orElseThrow();
        DataKey t4 = module.targets().get(4).key().orElseThrow();
        assertThat(fourth.name()).isEqualTo("t3");
        assertThat(calls.get(0)).as("the first store call after the miss").containsExactlyInAnyOrder(t3, t4);
        int callsSoFar = calls.size();
        assertThat(module.targets().get(4).get().name()).isEqualTo("t4");
        assertThat(calls).as("t4 came with t3").hasSize(callsSoFar);
    }

    @Test
    void aMissedArcWhoseBatchWithItsSiblingsFailsIsReadAlone() {
        PagableStorage reader = reader(failingBatches(), 3);
        Module module = reader.load(moduleKey, Module.class); // t3 and t4 are left out as siblings

        assertThat(module.targets().get(3).get().name()).isEqualTo("t3");
        assertThat(module.targets().get(4).get().name()).isEqualTo("t4");
    }

    @Test
    void aFailingReadAheadIsLeftForTheLoadsThatNeedTheNodes() {
        PagableStorage reader = reader(failingBatches(), PagableStorageBuilder.DEFAULT_READ_AHEAD);

        Module module = reader.load(moduleKey, Module.class);

        assertThat(module.targets().get(2).get().name()).isEqualTo("t2");
    }

    @Test
    void aNodeReadAheadIsVerifiedAgainstItsKeyWhenItIsUsed() {
        ContentStore tamperingBatches = new ForwardingContentStore(store) {
            @Override
            public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
                Map<DataKey, StoredNode> tampered = new LinkedHashMap<>();
                super.getAll(keys).forEach((key, node) -> {
                    byte[] data = node.data().clone();
                    data[data.length - 1] ^= 1;
                    tampered.put(key, new StoredNode(key, data, node.children()));
                });
                return tampered;
            }
        };
        PagableStorage reader = reader(tamperingBatches, PagableStorageBuilder.DEFAULT_READ_AHEAD);
        Module module = reader.load(moduleKey, Module.class);
        PagableArc<Target> first = module.targets().get(0);

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(first::get)
                .satisfies((ex) -> assertThat(targetKeys).contains(ex.getKey()));
    }

    @Test
    void theBufferKeepsTheNewestNodesWithinItsSize() {
        List<StoredNode> nodes = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            nodes.add(StoredNode.of(("node " + i).repeat(25).getBytes(StandardCharsets.UTF_8), List.of()));
        }
        long each = ReadAheadBuffer.cost(nodes.get(0));
        ReadAheadBuffer buffer = new ReadAheadBuffer(4 * each, 100);

        buffer.addAll(nodes.subList(0, 3));
        buffer.addAll(nodes.subList(3, 10));

        assertThat(buffer.size()).isEqualTo(4);
        assertThat(buffer.take(nodes.get(5).key())).isNull();
        assertThat(buffer.take(nodes.get(9).key())).isSameAs(nodes.get(9));
        assertThat(buffer.take(nodes.get(9).key())).isNull();
        assertThat(buffer.size()).isEqualTo(3);
    }

    /** The store, with its batch reads ({@code getAll}) failing and single reads working. */
    private ContentStore failingBatches() {
        return new ForwardingContentStore(store) {
            @Override
            public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
                throw new IllegalStateException("batch reads are down");
            }
        };
    }

    private static PagableStorage reader(ContentStore store, int readAhead) {
        return PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .readAhead(readAhead)
                .build();
    }

    private static Payload payload(String text) {
        return new Payload(text, text.getBytes(StandardCharsets.UTF_8));
    }
}
