package io.pagable.store.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableException;
import io.pagable.PagableStorage;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import io.pagable.store.tck.Values;
import io.pagable.store.tck.Values.Doc;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Feeds the file store's segment reader damaged segment files: bits flipped, bytes cut off, inserted,
 * overwritten, duplicated, and huge counts and lengths (fixed-size and varints) planted where a
 * record header may be. Whether the damage is there when the store opens (the recovery scan) or
 * appears while it is open (the record reader), only {@link PagableException}s come out, never
 * another exception, an error or a hang, and nothing reads back wrong: every node returned is the
 * one stored under its key. The number of tries is jqwik's default: 1,000 in the default build,
 * 100,000 with {@code ./mvnw -pl pagable-store-file -am test -Pfuzz}.
 */
class FileStoreReaderFuzzProperties {

    static {
        // The store warns about every damaged segment it opens: 100,000 warnings drown the build's output.
        System.setProperty("org.slf4j.simpleLogger.log.io.pagable.store.file.FileContentStore", "error");
    }

    private static final Path ROOT = temporaryRoot();

    private static final AtomicLong DIRECTORIES = new AtomicLong();

    private static final Map<DataKey, StoredNode> SEED_NODES = new LinkedHashMap<>();

    private static final List<DataKey> DOC_KEYS = new ArrayList<>();

    private static final byte[] SEED = seedSegment();

    private static final AtomicLong TRIES = new AtomicLong();

    private static final AtomicLong REJECTED_ON_OPEN = new AtomicLong();

    private static final AtomicLong NODES_READ = new AtomicLong();

    private static final AtomicLong NODES_REJECTED = new AtomicLong();

    @Property
    void segmentDamagedBeforeOpeningNeverReadsBackWrong(@ForAll("damage") Damage damage) throws IOException {
        Path directory = freshDirectory();
        try {
            Files.write(directory.resolve("segment-00000001.dat"), damage.apply(SEED));
            FileContentStore store;
            try {
                store = new FileContentStore(directory, false);
            } catch (PagableException rejected) {
                REJECTED_ON_OPEN.incrementAndGet();
                return;
            }
            try (store) {
                readEverything(store);
                StoredNode fresh = TestNodes.node(damage.seed(), 100);
                store.put(fresh);
                assertThat(store.get(fresh.key())).contains(fresh);
            }
        } finally {
            delete(directory);
        }
    }

    @Property
    void segmentDamagedWhileOpenNeverReadsBackWrong(@ForAll("damage") Damage damage) throws IOException {
        Path directory = freshDirectory();
        try {
            Path segment = directory.resolve("segment-00000001.dat");
            Files.write(segment, SEED);
            try (FileContentStore store = new FileContentStore(directory, false)) {
                byte[] damaged = damage.apply(SEED);
                try (FileChannel channel = FileChannel.open(segment, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.wrap(damaged), 0);
                    channel.truncate(damaged.length);
                }
                readEverything(store);
            }
        } finally {
            delete(directory);
        }
    }

    /** Reads every seed node singly, all at once, and through an engine; checks what comes back. */
    private static void readEverything(FileContentStore store) {
        TRIES.incrementAndGet();
        for (Map.Entry<DataKey, StoredNode> seed : SEED_NODES.entrySet()) {
            try {
                Optional<StoredNode> read = store.get(seed.getKey());
                read.ifPresent((node) -> assertThat(node).isEqualTo(seed.getValue()));
                NODES_READ.incrementAndGet();
            } catch (PagableException rejected) {
                NODES_REJECTED.incrementAndGet();
            }
        }
        try {
            store.getAll(SEED_NODES.keySet())
                    .forEach((key, node) -> assertThat(node).isEqualTo(SEED_NODES.get(key)));
        } catch (PagableException rejected) {
            // a damaged record among them
        }
        PagableStorage engine = PagableStorage.builder()
                .contentStore(new ForwardingContentStore(store) {
                    @Override
                    public void close() {}
                })
                .cacheMaximumSize(0)
                .build();
        for (DataKey key : DOC_KEYS) {
            try {
                engine.load(key, Doc.class).checked(4, 700);
            } catch (PagableException rejected) {
                // missing, corrupt or unreadable: reported, never returned
            }
        }
    }

    @AfterContainer
    static void report() throws IOException {
        System.out.println("Fuzzed the file store's segment reader: " + (TRIES.get() + REJECTED_ON_OPEN.get())
                + " damaged segments, " + REJECTED_ON_OPEN.get() + " refused on open, " + NODES_READ.get()
                + " node reads answered (found intact or absent), " + NODES_REJECTED.get()
                + " rejected with a PagableException");
        delete(ROOT);
    }

    /** One way of damaging a segment file, reproducible from its seed. */
    record Damage(int kind, long seed) {

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
                case 1 -> data = java.util.Arrays.copyOf(data, random.nextInt(data.length));
                case 2 -> {
                    int at = random.nextInt(data.length + 1);
                    byte[] inserted = new byte[1 + random.nextInt(64)];
                    random.nextBytes(inserted);
                    data = splice(data, at, at, inserted);
                }
                case 3 -> {
                    int at = random.nextInt(data.length);
                    for (int i = at; i < Math.min(data.length, at + 1 + random.nextInt(64)); i++) {
                        data[i] = (byte) random.nextInt(256);
                    }
                }
                case 4 -> {
                    // huge or negative counts and lengths where record headers may be
                    ByteBuffer buffer = ByteBuffer.wrap(data);
                    for (int i = 0, n = 1 + random.nextInt(3); i < n; i++) {
                        int at = random.nextInt(Math.max(1, data.length - 4));
                        int[] values = {Integer.MAX_VALUE, Integer.MIN_VALUE, -1, 0x7FFFFFF0, 1 << 30, random.nextInt()
                        };
                        buffer.putInt(at, values[random.nextInt(values.length)]);
                    }
                }
                case 5 -> {
                    // a run of intact bytes copied elsewhere: whole records at places they were not written
                    int from = random.nextInt(data.length);
                    int length = 1 + random.nextInt(Math.min(8192, data.length - from));
                    int to = random.nextInt(data.length);
                    data = splice(
                            data,
                            to,
                            Math.min(data.length, to + length),
                            java.util.Arrays.copyOfRange(data, from, from + length));
                }
                case 7 -> {
                    // huge, zero or overlong varints where a record's lengths may be
                    byte[][] varints = {
                        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x07},
                        {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F},
                        {(byte) 0x80, (byte) 0x80, 0x00},
                        {0x00, 0x00}
                    };
                    byte[] varint = varints[random.nextInt(varints.length)];
                    int at = random.nextInt(Math.max(1, data.length - varint.length));
                    System.arraycopy(varint, 0, data, at, Math.min(varint.length, data.length - at));
                }
                case 6 -> {
                    byte[] garbage = new byte[1 + random.nextInt(200)];
                    random.nextBytes(garbage);
                    data = splice(data, data.length, data.length, garbage);
                }
                default -> {
                    // the segment header: magic and format version
                    ByteBuffer.wrap(data).putInt(random.nextBoolean() ? 8 : random.nextInt(16), random.nextInt(4));
                }
            }
            return data;
        }

        private static byte[] splice(byte[] data, int from, int to, byte[] replacement) {
            byte[] result = new byte[data.length - (to - from) + replacement.length];
            System.arraycopy(data, 0, result, 0, from);
            System.arraycopy(replacement, 0, result, from, replacement.length);
            System.arraycopy(data, to, result, from + replacement.length, data.length - to);
            return result;
        }
    }

    @Provide
    Arbitrary<Damage> damage() {
        return Combinators.combine(Arbitraries.integers().between(0, 8), Arbitraries.longs())
                .as(Damage::new);
    }

    /** A segment holding nodes of many sizes (some with children) and documents written by an engine. */
    private static byte[] seedSegment() {
        Path directory = freshDirectory();
        try {
            List<StoredNode> nodes = new ArrayList<>();
            int[] sizes = {0, 1, 15, 16, 100, 4000, 4064, 5000, 20_000};
            for (int i = 0; i < sizes.length; i++) {
                nodes.add(TestNodes.node(i, sizes[i]));
            }
            nodes.add(TestNodes.node(
                    100, 300, List.of(nodes.get(2).key(), nodes.get(3).key())));
            InMemoryContentStore engineNodes = new InMemoryContentStore();
            PagableStorage engine =
                    PagableStorage.builder().contentStore(engineNodes).build();
            List<PagableArc<Doc>> docs = new ArrayList<>();
            for (int i = 0; i < 3; i++) {
                docs.add(Values.doc(engine, i, 4, 700));
            }
            engine.pageOutPending();
            docs.forEach((arc) -> DOC_KEYS.add(arc.key().orElseThrow()));
            engineNodes.getAll(allKeys(engineNodes, DOC_KEYS)).values().forEach(nodes::add);
            try (FileContentStore store = new FileContentStore(directory, false)) {
                store.putAll(nodes);
            }
            nodes.forEach((node) -> SEED_NODES.put(node.key(), node));
            return Files.readAllBytes(directory.resolve("segment-00000001.dat"));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        } finally {
            delete(directory);
        }
    }

    private static List<DataKey> allKeys(InMemoryContentStore store, List<DataKey> roots) {
        List<DataKey> keys = new ArrayList<>();
        for (DataKey root : roots) {
            keys.add(root);
            keys.addAll(store.get(root).orElseThrow().children());
        }
        return keys;
    }

    private static Path freshDirectory() {
        try {
            return Files.createDirectories(ROOT.resolve("try-" + DIRECTORIES.incrementAndGet()));
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static Path temporaryRoot() {
        try {
            return Files.createTempDirectory("pagable-segment-fuzz");
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    private static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
