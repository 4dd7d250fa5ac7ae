package io.pagable.benchmarks;

import io.pagable.DataKey;
import io.pagable.NodeCodecFixture;
import io.pagable.TypeRegistry;
import io.pagable.store.StoredNode;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Encode and decode of a typical node through the engine's own node codec (node header,
 * canonical Smile, codec session), on the {@value #NODES} {@link RuleNode}s of {@link CodecBenchmark}
 * (about 400 bytes each). Where {@code CodecBenchmark} compares bare Jackson formats, this is what a
 * page-out and a page-in pay per node for the codec, without hashing and store. Scores are per node.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class NodeCodecBenchmark {

    static final int NODES = 4096;

    private NodeCodecFixture codec;

    private List<RuleNode> rules;

    private byte[][] encoded;

    private DataKey[] keys;

    /** Builds the codec and encodes every node once. */
    @Setup
    public void setUp() {
        codec = new NodeCodecFixture(TypeRegistry.builder().build(), RuleNode.class);
        rules = RuleNode.randomGraph(NODES, 20_250_101L);
        encoded = new byte[NODES][];
        keys = new DataKey[NODES];
        long total = 0;
        for (int i = 0; i < NODES; i++) {
            encoded[i] = codec.encode(rules.get(i), null);
            keys[i] = StoredNode.of(encoded[i], List.of()).key();
            total += encoded[i].length;
        }
        System.out.printf("%nencoded by NodeCodec: %.1f bytes/node%n", (double) total / NODES);
    }

    /**
     * Encodes every node.
     *
     * @param blackhole sinks the bytes
     */
    @Benchmark
    @OperationsPerInvocation(NODES)
    public void encode(Blackhole blackhole) {
        for (RuleNode rule : rules) {
            blackhole.consume(codec.encode(rule, null));
        }
    }

    /**
     * Decodes every node: header, root type, payload.
     *
     * @param blackhole sinks the values
     */
    @Benchmark
    @OperationsPerInvocation(NODES)
    public void decode(Blackhole blackhole) {
        for (int i = 0; i < NODES; i++) {
            blackhole.consume(codec.decode(keys[i], encoded[i], List.of()));
        }
    }
}
