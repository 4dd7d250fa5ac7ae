package io.pagable.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableException;
import io.pagable.PagableStorage;
import io.pagable.model.Assembly;
import io.pagable.model.Bolt;
import io.pagable.model.Circle;
import io.pagable.model.Drawing;
import io.pagable.model.Everything;
import io.pagable.model.Kit;
import io.pagable.model.Label;
import io.pagable.model.Module;
import io.pagable.model.Payload;
import io.pagable.model.Square;
import io.pagable.model.Target;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Feeds the node decoder mutated and random nodes (valid keys, hostile bytes): only
 * {@link PagableException}s may come out, never another exception, an error or a hang. The number of
 * tries is jqwik's default ({@code jqwik.tries.default}): small in the default build, 100,000 in the
 * {@code fuzz} profile ({@code ./mvnw -pl pagable-core verify -Pfuzz}). A hang fails the build through
 * Surefire's fork timeout.
 */
class NodeDecoderFuzzProperties {

    private static final List<Class<?>> TYPES = List.of(
            Everything.class, Drawing.class, Target.class, Module.class, Payload.class, Kit.class, Assembly.class);

    private static final List<StoredNode> SEEDS = seeds();

    private static final AtomicLong DECODED = new AtomicLong();

    private static final AtomicLong REJECTED = new AtomicLong();

    @Property
    void mutatedNodesOnlyEverFailWithPagableExceptions(@ForAll("mutations") Mutation mutation) {
        StoredNode seed = SEEDS.get(mutation.seedIndex());
        byte[] data = mutation.apply(seed.data());
        List<DataKey> children = mutation.dropChildren() ? List.of() : seed.children();
        StoredNode hostile = StoredNode.of(data, children);
        InMemoryContentStore store = new InMemoryContentStore();
        SEEDS.forEach(store::put);
        store.put(hostile);
        PagableStorage storage = PagableStorage.builder()
                .contentStore(store)
                .registerTypes(Circle.class, Square.class, Bolt.class, Assembly.class, Label.class)
                .maxNodeBytes(1 << 20)
                .build();
        Class<?> type = TYPES.get(mutation.typeIndex());

        try {
            Object value = storage.load(hostile.key(), type);
            assertThat(value).isInstanceOf(type);
            DECODED.incrementAndGet();
        } catch (PagableException expected) {
            REJECTED.incrementAndGet();
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("Fuzzed node decoder: " + (DECODED.get() + REJECTED.get()) + " inputs, " + REJECTED.get()
                + " rejected with a PagableException, " + DECODED.get() + " decoded");
    }

    record Mutation(int seedIndex, int typeIndex, long seed, int kind, boolean dropChildren) {

        byte[] apply(byte[] original) {
            Random random = new Random(seed);
            byte[] data = original.clone();
            switch (kind) {
                case 0 -> {
                    for (int i = 0, flips = 1 + random.nextInt(8); i < flips; i++) {
                        int at = random.nextInt(data.length);
                        data[at] ^= (byte) (1 << random.nextInt(8));
                    }
                }
                case 1 -> data = Arrays.copyOf(data, random.nextInt(data.length));
                case 2 -> {
                    int at = random.nextInt(data.length + 1);
                    byte[] inserted = new byte[1 + random.nextInt(16)];
                    random.nextBytes(inserted);
                    byte[] grown = new byte[data.length + inserted.length];
                    System.arraycopy(data, 0, grown, 0, at);
                    System.arraycopy(inserted, 0, grown, at, inserted.length);
                    System.arraycopy(data, at, grown, at + inserted.length, data.length - at);
                    data = grown;
                }
                case 3 -> {
                    int at = random.nextInt(data.length);
                    for (int i = at; i < Math.min(data.length, at + 1 + random.nextInt(12)); i++) {
                        data[i] = (byte) random.nextInt(256);
                    }
                }
                case 4 -> {
                    // a plausible header followed by noise
                    byte[] noise = new byte[random.nextInt(200)];
                    random.nextBytes(noise);
                    data = new byte[2 + noise.length];
                    data[0] = 1;
                    System.arraycopy(noise, 0, data, 2, noise.length);
                }
                default -> {
                    // huge declared lengths: set high bits in a few bytes
                    for (int i = 0; i < 4; i++) {
                        data[random.nextInt(data.length)] = (byte) (0xF0 | random.nextInt(16));
                    }
                }
            }
            return data;
        }
    }

    @Provide
    Arbitrary<Mutation> mutations() {
        return net.jqwik.api.Combinators.combine(
                        Arbitraries.integers().between(0, SEEDS.size() - 1),
                        Arbitraries.integers().between(0, TYPES.size() - 1),
                        Arbitraries.longs(),
                        Arbitraries.integers().between(0, 5),
                        Arbitraries.of(true, false))
                .as(Mutation::new);
    }

    private static List<StoredNode> seeds() {
        InMemoryContentStore store = new InMemoryContentStore();
        PagableStorage storage = PagableStorage.builder()
                .contentStore(store)
                .registerTypes(Circle.class, Square.class, Bolt.class, Assembly.class, Label.class)
                .build();
        List<DataKey> roots = new ArrayList<>();
        roots.add(storage.save(io.pagable.Samples.everything()));
        roots.add(storage.save(
                new Drawing("d", new Circle(1), List.of(new Square(2), new Circle(3)), Map.of("s", new Square(4)))));
        Target shared = new Target(
                "shared", List.of(), storage.arc(new Payload("p", "payload".getBytes(StandardCharsets.UTF_8))));
        roots.add(storage.save(new Target("t", List.of(shared, shared), storage.arc(new Payload("q", new byte[300])))));
        List<PagableArc<Target>> arcs = List.of(
                storage.arc(shared),
                storage.arc(new Target("u", List.of(shared), storage.arc(new Payload("r", new byte[3])))));
        roots.add(storage.save(new Module("m", arcs)));
        // nodes at polymorphic positions (bare child indices) next to tagged values
        Bolt bolt = new Bolt("b");
        Assembly assembly = new Assembly("a", List.of(bolt, new Label("l"), bolt));
        roots.add(storage.save(new Kit("k", assembly, List.of(bolt, assembly, new Label("m")), Map.of("x", bolt))));
        roots.add(storage.save(assembly));
        List<StoredNode> nodes = new ArrayList<>();
        for (DataKey root : roots) {
            nodes.add(store.get(root).orElseThrow());
        }
        return List.copyOf(nodes);
    }
}
