package io.pagable.benchmarks;

import io.pagable.DataKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.apache.commons.codec.digest.Blake3;
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
 * Cost of computing a node's {@link DataKey}: the chosen SHA-256 derivation ({@link
 * DataKey#compute(byte[], List)}) against BLAKE3 (commons-codec, pure Java) over exactly the same
 * key input, so the ratio between the two is the ratio of the hash functions alone.
 *
 * <p>Key input, format version 1: {@code "pagable.key.v1"}, child count (u32), child keys (16 bytes
 * each), data length (u64), data; the key is the first 16 bytes of the digest.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
public class DataKeyBenchmark {

    private static final byte[] DOMAIN = "pagable.key.v1".getBytes(StandardCharsets.US_ASCII);

    private static final ThreadLocal<Blake3> BLAKE3 = ThreadLocal.withInitial(Blake3::initHash);

    /** Size of the node's bytes. */
    @Param({"64", "1024", "65536"})
    public int size;

    /** Number of child keys hashed with the bytes. */
    @Param({"0", "4"})
    public int children;

    private byte[] data;

    private List<DataKey> childKeys;

    /** Fills the node's bytes and child keys from a fixed seed. */
    @Setup
    public void setUp() {
        Random random = new Random(42);
        data = new byte[size];
        random.nextBytes(data);
        childKeys = new ArrayList<>(children);
        for (int i = 0; i < children; i++) {
            childKeys.add(DataKey.of(random.nextLong(), random.nextLong()));
        }
        childKeys = List.copyOf(childKeys);
    }

    /**
     * The chosen derivation: SHA-256 (JDK, intrinsified where the CPU has SHA extensions).
     *
     * @return the key
     */
    @Benchmark
    public DataKey sha256() {
        return DataKey.compute(data, childKeys);
    }

    /**
     * The alternative: BLAKE3 over the same key input.
     *
     * @return the key
     */
    @Benchmark
    public DataKey blake3() {
        return blake3Key(data, childKeys);
    }

    /**
     * Derives a key with BLAKE3 from exactly the input {@link DataKey#compute(byte[], List)} hashes.
     *
     * @param data the node's bytes
     * @param children the child keys, in order
     * @return the first 16 bytes of the BLAKE3 digest, as a key
     */
    static DataKey blake3Key(byte[] data, List<DataKey> children) {
        Blake3 hasher = BLAKE3.get();
        hasher.reset();
        hasher.update(DOMAIN);
        ByteBuffer header = ByteBuffer.allocate(4 + children.size() * DataKey.LENGTH + 8);
        header.putInt(children.size());
        for (DataKey child : children) {
            header.putLong(child.high()).putLong(child.low());
        }
        header.putLong(data.length);
        hasher.update(header.array());
        hasher.update(data);
        return DataKey.fromBytes(hasher.doFinalize(DataKey.LENGTH));
    }
}
