package io.pagable.benchmarks;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.ObjectWriter;

/**
 * Smile against CBOR on a build graph of {@value #NODES} {@link RuleNode}s, encoded and decoded one
 * node at a time as the engine does. Scores are per node (each invocation handles every node).
 * The encoded size per node is printed by the trial setup and by {@link #main(String[])}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(3)
public class CodecBenchmark {

    /** Number of rules in the graph. */
    public static final int NODES = 4096;

    private static final long SEED = 20_250_101L;

    /** The format under test. */
    @Param({"SMILE", "SMILE_RAW_BINARY", "CBOR"})
    public CodecFormat format;

    private List<RuleNode> rules;

    private byte[][] encoded;

    private ObjectWriter writer;

    private ObjectReader reader;

    /** Builds the graph and the mapper, encodes every node once and checks round trip and determinism. */
    @Setup
    public void setUp() {
        rules = RuleNode.randomGraph(NODES, SEED);
        ObjectMapper mapper = format.mapper();
        writer = mapper.writerFor(RuleNode.class);
        reader = mapper.readerFor(RuleNode.class);
        encoded = encodeAll(rules, writer);
        check(rules, encoded, writer, reader);
        System.out.println();
        System.out.println(sizeSummary(format, encoded));
    }

    /**
     * Encodes every node, one document per node.
     *
     * @param blackhole sinks the bytes
     */
    @Benchmark
    @OperationsPerInvocation(NODES)
    public void encode(Blackhole blackhole) {
        for (RuleNode rule : rules) {
            blackhole.consume(writer.writeValueAsBytes(rule));
        }
    }

    /**
     * Decodes every node, one document per node.
     *
     * @param blackhole sinks the values
     */
    @Benchmark
    @OperationsPerInvocation(NODES)
    public void decode(Blackhole blackhole) {
        for (byte[] bytes : encoded) {
            blackhole.consume(reader.<RuleNode>readValue(bytes));
        }
    }

    /**
     * Prints the encoded size per node for every format.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        List<RuleNode> rules = RuleNode.randomGraph(NODES, SEED);
        for (CodecFormat format : CodecFormat.values()) {
            ObjectMapper mapper = format.mapper();
            ObjectWriter writer = mapper.writerFor(RuleNode.class);
            byte[][] encoded = encodeAll(rules, writer);
            check(rules, encoded, writer, mapper.readerFor(RuleNode.class));
            System.out.println(sizeSummary(format, encoded));
        }
        long payload = rules.stream().mapToLong((rule) -> rule.payload().length).sum();
        System.out.printf("payload bytes alone: %.1f bytes/node%n", (double) payload / rules.size());
    }

    private static byte[][] encodeAll(List<RuleNode> rules, ObjectWriter writer) {
        byte[][] encoded = new byte[rules.size()][];
        for (int i = 0; i < encoded.length; i++) {
            encoded[i] = writer.writeValueAsBytes(rules.get(i));
        }
        return encoded;
    }

    /** Fails unless every node re-encodes to the same bytes after a round trip and a map reorder. */
    private static void check(List<RuleNode> rules, byte[][] encoded, ObjectWriter writer, ObjectReader reader) {
        for (int i = 0; i < encoded.length; i++) {
            RuleNode decoded = reader.readValue(encoded[i]);
            if (!Arrays.equals(encoded[i], writer.writeValueAsBytes(decoded))) {
                throw new IllegalStateException("Node " + i + " does not round-trip to the same bytes");
            }
            RuleNode rule = rules.get(i);
            Map<String, String> reversed = new LinkedHashMap<>();
            List<String> names = List.copyOf(rule.attributes().keySet());
            for (int j = names.size() - 1; j >= 0; j--) {
                reversed.put(names.get(j), rule.attributes().get(names.get(j)));
            }
            RuleNode reordered = new RuleNode(
                    rule.name(),
                    rule.kind(),
                    reversed,
                    rule.dependencies(),
                    rule.payload(),
                    rule.modified(),
                    rule.testSize());
            if (!Arrays.equals(encoded[i], writer.writeValueAsBytes(reordered))) {
                throw new IllegalStateException("Node " + i + " encodes differently when its map order changes");
            }
        }
    }

    private static String sizeSummary(CodecFormat format, byte[][] encoded) {
        int[] sizes = Arrays.stream(encoded)
                .mapToInt((bytes) -> bytes.length)
                .sorted()
                .toArray();
        long total = Arrays.stream(sizes).asLongStream().sum();
        return String.format(
                "encoded size %-16s total %,d bytes, mean %.1f bytes/node, median %d, min %d, max %d",
                format,
                total,
                (double) total / sizes.length,
                sizes[sizes.length / 2],
                sizes[0],
                sizes[sizes.length - 1]);
    }
}
