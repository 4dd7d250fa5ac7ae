package io.pagable.benchmarks.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pagable.DataKey;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import io.pagable.store.file.FileContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.BenchmarkParams;

/**
 * Puts and gets per second of each {@link ContentStore}, for nodes of 1 KiB and 64 KiB, in batches
 * of {@value #BATCH} (one {@code putAll} or {@code getAll} per invocation; scores are per node, so
 * MB/s = score x node bytes / 10^6).
 *
 * <ul>
 *   <li>{@code memory}: {@link InMemoryContentStore}, the ceiling.
 *   <li>{@code file}: {@link FileContentStore}; {@code putAll} only, as H2 is measured without a
 *       forced sync per commit.
 *   <li>{@code file-fsync}: the same, plus {@code flush()} (an fdatasync) after every batch, which
 *       is what the engine does after each save.
 *   <li>{@code h2}: {@link JdbcContentStore} on embedded H2 in file mode, behind HikariCP.
 *   <li>{@code postgresql}: {@link JdbcContentStore} on PostgreSQL ({@code -Dpagable.bench.postgres.url},
 *       else {@code PAGABLE_TEST_POSTGRES_URL}, else {@code jdbc:postgresql://127.0.0.1:5432/test};
 *       user from {@code PAGABLE_TEST_POSTGRES_USER}, else {@code postgres}); when it is not
 *       reachable, its runs fail in setup and the others go on.
 * </ul>
 *
 * Every iteration starts from an empty store (a new directory, H2 database or table; the last one's
 * files deleted). Puts write fresh keys on every invocation (keys are synthetic, the bytes random:
 * the stores do not verify keys on write). Gets read 1,000 random keys of 4,000 real nodes stored
 * when the iteration starts, each checked by the store as on any read.
 *
 * <pre>
 * ./mvnw -pl pagable-benchmarks -am package -DskipTests
 * java -jar pagable-benchmarks/target/benchmarks.jar StoreBenchmark
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
        value = 1,
        jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class StoreBenchmark {

    static final int BATCH = 1_000;

    private static final int STORED_FOR_GETS = 4_000;

    /** The store under test. */
    @Param({"memory", "file", "file-fsync", "h2", "postgresql"})
    public String store;

    /** Bytes of data per node. */
    @Param({"1024", "65536"})
    public int nodeBytes;

    private ContentStore contentStore;

    private Path directory;

    private HikariDataSource pool;

    private String table;

    private List<DataKey> storedKeys;

    private byte[][] payloads;

    private long nextKey;

    /** Makes the payloads of the put benchmark's nodes. */
    @Setup(Level.Trial)
    public void makePayloads() {
        SplittableRandom random = new SplittableRandom(42);
        payloads = new byte[16][];
        for (int i = 0; i < payloads.length; i++) {
            payloads[i] = randomBytes(random, nodeBytes);
        }
    }

    /**
     * Opens an empty store for each iteration; for the get benchmark, stores the nodes it reads.
     * A fresh store (and the deletion of the last one's files) per iteration keeps the put figures
     * about the stores, not about how far the OS's dirty page cache has filled with earlier writes.
     */
    @Setup(Level.Iteration)
    public void openStore(BenchmarkParams params) throws IOException, SQLException {
        directory = Files.createTempDirectory("pagable-store-bench");
        contentStore = switch (store) {
            case "memory" -> new InMemoryContentStore();
            case "file", "file-fsync" -> new FileContentStore(directory.resolve("store"), true);
            case "h2" -> jdbc("jdbc:h2:file:" + directory.resolve("h2"), "sa", "", "h2");
            case "postgresql" -> jdbc(postgresUrl(), postgresUser(), postgresPassword(), "postgresql");
            default -> throw new IllegalArgumentException("Unknown store " + store);
        };
        storedKeys = new ArrayList<>(STORED_FOR_GETS);
        if (!params.getBenchmark().endsWith(".get")) {
            return;
        }
        SplittableRandom random = new SplittableRandom(43);
        for (int from = 0; from < STORED_FOR_GETS; from += BATCH) {
            List<StoredNode> batch = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                batch.add(StoredNode.of(randomBytes(random, nodeBytes), List.of()));
            }
            contentStore.putAll(batch);
            batch.forEach((node) -> storedKeys.add(node.key()));
        }
        contentStore.flush();
    }

    /** Closes the store and deletes its files and table. */
    @TearDown(Level.Iteration)
    public void closeStore() throws IOException, SQLException {
        contentStore.close();
        if (pool != null) {
            try (Connection connection = pool.getConnection();
                    Statement statement = connection.createStatement()) {
                statement.execute("DROP TABLE IF EXISTS " + table);
            }
            pool.close();
            pool = null;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }

    /** A batch of new nodes for one put. */
    @State(Scope.Thread)
    public static class NewNodes {

        List<StoredNode> nodes;

        /**
         * Makes {@value StoreBenchmark#BATCH} nodes under keys no earlier batch used. The keys are
         * made up, not the nodes' content keys (hashing is measured apart, in DataKeyBenchmark): the
         * file store derives keys from content when it opens, so these nodes read back only because
         * the benchmark never reopens a store.
         */
        @Setup(Level.Invocation)
        public void makeBatch(StoreBenchmark benchmark) {
            nodes = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                long sequence = benchmark.nextKey++;
                nodes.add(new StoredNode(
                        DataKey.of(sequence, sequence * 0x9E3779B97F4A7C15L),
                        benchmark.payloads[(int) (sequence % benchmark.payloads.length)],
                        List.of()));
            }
        }
    }

    /** The keys of one get. */
    @State(Scope.Thread)
    public static class StoredKeys {

        private final Random random = new Random(7);

        List<DataKey> keys;

        /** Picks {@value StoreBenchmark#BATCH} random stored keys. */
        @Setup(Level.Invocation)
        public void pickKeys(StoreBenchmark benchmark) {
            keys = new ArrayList<>(BATCH);
            for (int i = 0; i < BATCH; i++) {
                keys.add(benchmark.storedKeys.get(random.nextInt(benchmark.storedKeys.size())));
            }
        }
    }

    /**
     * Stores one batch of new nodes.
     *
     * @param batch the nodes
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void put(NewNodes batch) {
        contentStore.putAll(batch.nodes);
        if (store.equals("file-fsync")) {
            contentStore.flush();
        }
    }

    /**
     * Reads one batch of stored nodes.
     *
     * @param keys the keys to read
     * @return the nodes read
     */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public Map<DataKey, StoredNode> get(StoredKeys keys) {
        Map<DataKey, StoredNode> found = contentStore.getAll(keys.keys);
        if (found.size() != new HashSet<>(keys.keys).size()) {
            throw new IllegalStateException("Only " + found.size() + " of the keys were found in " + store);
        }
        return found;
    }

    private ContentStore jdbc(String url, String user, String password, String platform) throws SQLException {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(4);
        pool = new HikariDataSource(config);
        table = "PAGABLE_BENCH_" + Long.toHexString(System.nanoTime()).toUpperCase();
        try (Connection connection = pool.getConnection();
                Statement statement = connection.createStatement()) {
            for (String sql : schema(platform).split(";")) {
                if (!sql.isBlank()) {
                    statement.execute(sql);
                }
            }
        }
        return new JdbcContentStore(pool, table);
    }

    private String schema(String platform) {
        String resource = "io/pagable/store/jdbc/schema-" + platform + ".sql";
        try (InputStream in = JdbcContentStore.class.getClassLoader().getResourceAsStream(resource)) {
            String script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return script.replaceAll("(?m)^--.*$", "").replace(JdbcContentStore.DEFAULT_TABLE_NAME, table);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static String postgresUrl() {
        return setting(
                "pagable.bench.postgres.url", "PAGABLE_TEST_POSTGRES_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    }

    private static String postgresUser() {
        return setting("pagable.bench.postgres.user", "PAGABLE_TEST_POSTGRES_USER", "postgres");
    }

    private static String postgresPassword() {
        return setting("pagable.bench.postgres.password", "PAGABLE_TEST_POSTGRES_PASSWORD", "");
    }

    private static String setting(String property, String variable, String fallback) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            value = System.getenv(variable);
        }
        return (value == null || value.isBlank()) ? fallback : value;
    }

    private static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) random.nextInt(256);
        }
        return bytes;
    }
}
