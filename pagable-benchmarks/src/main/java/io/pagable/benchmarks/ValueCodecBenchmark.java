package io.pagable.benchmarks;

import io.pagable.DataKey;
import io.pagable.NodeCodecFixture;
import io.pagable.PagableNode;
import io.pagable.PagableType;
import io.pagable.TypeRegistry;
import io.pagable.store.StoredNode;
import java.util.ArrayList;
import java.util.List;
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

/**
 * Encode and decode through the engine's node codec of the other nodes a page-out and a page-in meet: the
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

    private NodeCodecFixture codec;

    private Object value;

    private List<Node> children;

    private byte[] encoded;

    private DataKey key;

    private List<Object> resolved;

    /** Builds the codec and the value and encodes it once. */
    @Setup
    public void setUp() {
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
        codec = new NodeCodecFixture(TypeRegistry.of(Leaf.class, Rule.class, Group.class), value.getClass());
        resolved = new ArrayList<>();
        encoded = codec.encode(value, resolved);
        List<DataKey> childKeys = new ArrayList<>();
        for (int i = 0; i < resolved.size(); i++) {
            childKeys.add(DataKey.compute(new byte[] {(byte) i}, List.of()));
        }
        key = StoredNode.of(encoded, childKeys).key();
        System.out.printf("%nencoded by NodeCodec: %s %d bytes, %d children%n", shape, encoded.length, resolved.size());
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
        return codec.encode(value, new ArrayList<>());
    }

    /**
     * Decodes the value: header, root type, payload.
     *
     * @return the value
     */
    @Benchmark
    public Object decode() {
        return codec.decode(key, encoded, resolved);
    }
}
