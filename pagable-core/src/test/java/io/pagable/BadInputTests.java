package io.pagable;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import io.pagable.model.Linked;
import io.pagable.model.Module;
import io.pagable.model.Payload;
import io.pagable.model.Target;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

class BadInputTests {

    /** The store as a damaged disk or a hostile writer leaves it: some keys hold other content. */
    private final Map<DataKey, StoredNode> damaged = new ConcurrentHashMap<>();

    private final ContentStore store = new ForwardingContentStore(new InMemoryContentStore()) {
        @Override
        public Optional<StoredNode> get(DataKey key) {
            StoredNode node = damaged.get(key);
            return (node != null) ? Optional.of(node) : super.get(key);
        }

        @Override
        public Map<DataKey, StoredNode> getAll(Collection<DataKey> keys) {
            Map<DataKey, StoredNode> found = new LinkedHashMap<>(super.getAll(keys));
            damaged.forEach((key, node) -> found.computeIfPresent(key, (k, stored) -> node));
            return found;
        }
    };

    private PagableStorage storage() {
        return PagableStorage.builder().contentStore(new SharedStore(store)).build();
    }

    private PagableStorage unverified() {
        return PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .verifyReads(false)
                .build();
    }

    private static Payload payload(String text) {
        return new Payload(text, text.getBytes(StandardCharsets.UTF_8));
    }

    /** Replaces the node under a key with other content, as a damaged disk or a hostile writer would. */
    private DataKey tamper(DataKey key, byte[] data, List<DataKey> children) {
        replace(key, new StoredNode(key, data, children));
        return key;
    }

    private void replace(DataKey key, StoredNode node) {
        damaged.put(key, node);
    }

    @Test
    void flippedByteIsReportedAsCorruptNamingTheKey() {
        DataKey key = storage().save(payload("original"));
        StoredNode node = store.get(key).orElseThrow();
        byte[] flipped = node.data().clone();
        flipped[flipped.length - 1] ^= 0x01;
        tamper(key, flipped, node.children());

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> storage().load(key, Payload.class))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key))
                .withMessageContaining(key.toHex());
    }

    @Test
    void truncatedBytesAreReportedAsCorruptEvenWithoutVerification() {
        DataKey key = storage().save(payload("will be cut short"));
        StoredNode node = store.get(key).orElseThrow();
        tamper(key, Arrays.copyOf(node.data(), node.data().length - 5), node.children());

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> storage().load(key, Payload.class))
                .withMessageContaining(key.toHex());
        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> unverified().load(key, Payload.class))
                .withMessageContaining(key.toHex());
    }

    @Test
    void wrongChildCountIsReportedAsCorrupt() {
        PagableStorage writer = storage();
        DataKey key =
                writer.save(new Module("m", List.of(writer.arc(new Target("t", List.of(), writer.arc(payload("p")))))));
        StoredNode node = store.get(key).orElseThrow();
        tamper(key, node.data(), List.of());

        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> storage().load(key, Module.class))
                .withMessageContaining(key.toHex());
        assertThatExceptionOfType(CorruptDataException.class)
                .isThrownBy(() -> unverified().load(key, Module.class))
                .withMessageContaining(key.toHex());
    }

    @Test
    void newerFormatVersionIsNamedNotDecoded() {
        DataKey key = storage().save(payload("from the future"));
        StoredNode node = store.get(key).orElseThrow();
        byte[] future = node.data().clone();
        future[0] = 9;
        StoredNode rewritten = StoredNode.of(future, node.children());
        store.put(rewritten);

        assertThatExceptionOfType(IncompatibleFormatException.class)
                .isThrownBy(() -> storage().load(rewritten.key(), Payload.class))
                .satisfies((ex) -> assertThat(ex.getVersion()).isEqualTo(9))
                .withMessageContaining("version 9")
                .withMessageContaining(rewritten.key().toHex());
    }

    @Test
    void missingKeyIsNamed() {
        DataKey absent = DataKey.compute(new byte[] {42}, List.of());

        assertThatExceptionOfType(MissingDataException.class)
                .isThrownBy(() -> storage().load(absent, Payload.class))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(absent))
                .withMessageContaining(absent.toHex());
    }

    @Test
    void missingChildNamesTheChildAndItsParent() {
        PagableStorage writer = storage();
        Target child = new Target("child", List.of(), writer.arc(payload("c")));
        DataKey childKey = writer.save(child);
        DataKey parentKey = writer.save(new Target("parent", List.of(child), writer.arc(payload("p"))));
        InMemoryContentStore partial = new InMemoryContentStore();
        partial.put(store.get(parentKey).orElseThrow());
        PagableStorage reader = PagableStorage.builder().contentStore(partial).build();

        assertThatExceptionOfType(MissingDataException.class)
                .isThrownBy(() -> reader.load(parentKey, Target.class))
                .withMessageContaining(childKey.toHex())
                .withMessageContaining("child of node " + parentKey.toHex());
    }

    @Test
    void cycleFailsWithItsPathAndWritesNothing() {
        Linked a = new Linked("a");
        Linked b = new Linked("b");
        a.next = b;
        b.next = a;

        assertThatExceptionOfType(CycleException.class)
                .isThrownBy(() -> storage().save(a))
                .satisfies((ex) -> assertThat(ex.getPath()).containsExactly("Linked", "Linked", "Linked"))
                .withMessageContaining("Linked -> Linked -> Linked");
        assertThat(store.stats().entries()).isZero();
    }

    @Test
    void selfReferenceIsACycle() {
        Linked a = new Linked("a");
        a.next = a;

        assertThatExceptionOfType(CycleException.class)
                .isThrownBy(() -> storage().save(a));
    }

    @Test
    void arcCycleIsReportedByADrainAndLeavesTheArcResidentOutOfTheQueue() {
        PagableStorage storage = storage();
        Linked a = new Linked("a");
        a.next = new Linked("b");
        a.next.next = a;
        PagableArc<Linked> arc = storage.arc(a);

        assertThat(storage.pageOutPending()).isZero();
        assertThat(arc.isPagedOut()).isFalse();
        assertThat(storage.pendingCount()).isZero();
        assertThat(storage.stats().recentUnwritable())
                .singleElement()
                .satisfies((unwritable) -> assertThat(unwritable.reason()).startsWith("CycleException"));
        assertThatExceptionOfType(CycleException.class).isThrownBy(() -> storage.save(a));
    }

    @Test
    void oversizedNodeIsRejectedOnWriteAndOnRead() {
        PagableStorage small = PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .maxNodeBytes(100)
                .build();
        Payload big = new Payload("big", new byte[1000]);

        assertThatExceptionOfType(DataLimitExceededException.class)
                .isThrownBy(() -> small.save(big))
                .withMessageContaining("maxNodeBytes");
        DataKey key = storage().save(big);
        assertThatExceptionOfType(DataLimitExceededException.class)
                .isThrownBy(() -> small.load(key, Payload.class))
                .satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(key))
                .withMessageContaining("maxNodeBytes")
                .withMessageContaining(key.toHex());
    }

    @Test
    void tooManyChildrenAreRejected() {
        PagableStorage writer = storage();
        List<PagableArc<Target>> children = new java.util.ArrayList<>();
        for (int i = 0; i < 5; i++) {
            children.add(writer.arc(new Target("t" + i, List.of(), writer.arc(payload("p" + i)))));
        }
        DataKey key = writer.save(new Module("m", children));
        PagableStorage strict = PagableStorage.builder()
                .contentStore(new SharedStore(store))
                .maxChildren(3)
                .build();

        assertThatExceptionOfType(DataLimitExceededException.class)
                .isThrownBy(() -> strict.load(key, Module.class))
                .withMessageContaining("maxChildren");
    }
}
