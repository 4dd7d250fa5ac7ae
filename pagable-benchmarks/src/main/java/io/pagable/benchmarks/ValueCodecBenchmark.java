package io.pagable.benchmarks;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableNode;
import io.pagable.PagableType;
import io.pagable.codec.ChildSink;
import io.pagable.codec.ChildSource;
import io.pagable.codec.NodeCodec;
import io.pagable.codec.NodeHeader;
import io.pagable.codec.TypeRegistry;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import tools.jackson.databind.JavaType;

/**
 * Encode and decode through {@link NodeCodec} of the other nodes a page-out and a page-in meet: the
 * workload's member list (a record holding a {@code List<Node>} of 5 shared {@link PagableNode}s of
 * three tagged classes) and the upstream workloads' bare {@code byte[]} values of 10 bytes and 1 KiB.
 * Children are numbered and resolved by trivial sinks and sources, so the score is the codec's cost
 * alone. The encoded size is printed by the trial setup.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class ValueCodecBenchmark {

    /** A node of the member list; its implementations carry stable tags. */
    public interface Node {}

    /**
     * A leaf node.
     *
     * @param name its name
     */
    @PagableNode
    @PagableType("bench.leaf")
    public record Leaf(String name) implements Node {}

    /**
     * A rule node.
     *
     * @param name its name
     */
    @PagableNode
    @PagableType("bench.rule")
    public record Rule(String name) implements Node {}

    /**
     * A group node.
     *
     * @param name its name
     */
    @PagableNode
    @PagableType("bench.group")
    public record Group(String name) implements Node {}

    /**
     * A member list, as the workload holds it in an arc.
     *
     * @param nodes the members
     */
    public record Members(List<Node> nodes) {}

    /** The value encoded. */
    public enum Shape {
        /** A {@link Members} of 5 nodes (2 leaves, 2 rules, 1 group). */
        MEMBERS,
        /** A 10-byte array. */
        BYTES_10,
        /** A 1,024-byte array. */
        BYTES_1K
    }

    /** The value under test. */
    @Param({"MEMBERS", "BYTES_10", "BYTES_1K"})
    public Shape shape;

    private NodeCodec codec;

    private Object value;

    private List<Node> children;

    private byte[] encoded;

    private DataKey key;

    private JavaType type;

    private ChildSource source;

    private int childCount;

    /** Builds the codec and the value and encodes it once. */
    @Setup
    public void setUp() {
        codec = new NodeCodec(TypeRegistry.of(Leaf.class, Rule.class, Group.class), 64 * 1024 * 1024);
        children = List.of(
                new Leaf("//a:leaf_1"),
                new Rule("//a:rule_2"),
                new Group("//a:group_3"),
                new Leaf("//b:leaf_4"),
                new Rule("//b:rule_5"));
        Random random = new Random(20_250_101L);
        value = switch (shape) {
            case MEMBERS -> new Members(children);
            case BYTES_10 -> bytes(random, 10);
            case BYTES_1K -> bytes(random, 1024);
        };
        type = codec.javaType(value.getClass());
        Numbering sink = new Numbering();
        encoded = codec.encode(value, sink);
        childCount = sink.count();
        List<DataKey> childKeys = new ArrayList<>();
        for (int i = 0; i < sink.count(); i++) {
            childKeys.add(DataKey.compute(new byte[] {(byte) i}, List.of()));
        }
        key = StoredNode.of(encoded, childKeys).key();
        List<Object> resolved = sink.children;
        source = new ChildSource() {
            @Override
            public Object node(int index, JavaType type) {
                return resolved.get(index);
            }

            @Override
            public PagableArc<?> arc(int index, JavaType valueType) {
                throw new IllegalStateException("No arcs here");
            }
        };
        System.out.printf("%nencoded by NodeCodec: %s %d bytes, %d children%n", shape, encoded.length, sink.count());
    }

    private static byte[] bytes(Random random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /**
     * Encodes the value, numbering its children.
     *
     * @return the bytes
     */
    @Benchmark
    public byte[] encode() {
        return codec.encode(value, new Numbering());
    }

    /**
     * Decodes the value: header, root type, payload.
     *
     * @return the value
     */
    @Benchmark
    public Object decode() {
        NodeHeader header = codec.readHeader(key, encoded, childCount);
        JavaType concrete = codec.rootType(key, header, type);
        return codec.decode(key, encoded, header, childCount, concrete, source);
    }

    /** Numbers children by identity, as the engine does. */
    private static final class Numbering implements ChildSink {

        final List<Object> children = new ArrayList<>();

        private final Map<Object, Integer> indices = new IdentityHashMap<>();

        @Override
        public int reference(Object child, boolean eager, JavaType declaredType) {
            return indices.computeIfAbsent(child, (c) -> {
                children.add(c);
                return children.size() - 1;
            });
        }

        @Override
        public int count() {
            return children.size();
        }

        @Override
        public boolean isEager(int index) {
            return true;
        }
    }
}
