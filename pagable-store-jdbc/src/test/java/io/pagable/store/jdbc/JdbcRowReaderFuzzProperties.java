package io.pagable.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.DataKey;
import io.pagable.PagableArc;
import io.pagable.PagableException;
import io.pagable.PagableStorage;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.InMemoryContentStore;
import io.pagable.store.StoredNode;
import io.pagable.store.tck.TestNodes;
import io.pagable.store.tck.Values;
import io.pagable.store.tck.Values.Doc;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;

/**
 * Feeds {@link JdbcContentStore}'s row reader rows a damaged or hostile database could return: keys
 * of the wrong length or NULL, data and child-key columns changed, cut short, NULL or failing half-way
 * through their stream, stored sizes that lie, rows for keys that were not asked for, duplicated
 * rows. Only {@link PagableException}s come out, and every node returned is the one stored under its
 * key; an engine on top returns right values or a {@link PagableException}. The rows come from a
 * JDBC driver stand-in (so that values no real column would hold can be tried); the number of tries
 * is jqwik's default: 1,000 in the default build, 100,000 with
 * {@code ./mvnw -pl pagable-store-jdbc -am test -Pfuzz}.
 */
class JdbcRowReaderFuzzProperties {

    private static final Map<DataKey, StoredNode> GENUINE = new LinkedHashMap<>();

    private static final List<DataKey> DOC_KEYS = new ArrayList<>();

    private static final List<StoredNode> SEEDS = seeds();

    private static final AtomicLong TRIES = new AtomicLong();

    private static final AtomicLong RETURNED = new AtomicLong();

    private static final AtomicLong REJECTED = new AtomicLong();

    @Property
    void hostileRowsOnlyEverFailWithPagableExceptions(@ForAll("rows") RowDamage damage) {
        TRIES.incrementAndGet();
        StoredNode seed = SEEDS.get(damage.seedIndex());
        List<Row> rows = damage.rows(seed, SEEDS);
        JdbcContentStore store = new JdbcContentStore(dataSource(rows), "PAGABLE_NODES", 500);
        try {
            store.get(seed.key()).ifPresent((node) -> assertThat(node).isEqualTo(GENUINE.get(node.key())));
            store.getAll(List.of(seed.key(), SEEDS.get(0).key()))
                    .forEach((key, node) -> assertThat(node).isEqualTo(GENUINE.get(key)));
            RETURNED.incrementAndGet();
        } catch (PagableException rejected) {
            REJECTED.incrementAndGet();
        }
        if (DOC_KEYS.contains(seed.key())) {
            PagableStorage engine = PagableStorage.builder()
                    .contentStore(new ReadOnly(store))
                    .cacheMaximumSize(0)
                    .build();
            try {
                engine.load(seed.key(), Doc.class).checked(3, 200);
            } catch (PagableException rejected) {
                // reported, never returned
            }
        }
    }

    @AfterContainer
    static void report() {
        System.out.println("Fuzzed the JDBC store's row reader: " + TRIES.get() + " hostile result sets, "
                + RETURNED.get() + " answered with genuine nodes or none, " + REJECTED.get()
                + " rejected with a PagableException");
    }

    /**
     * The store for an engine that only reads: without collection, the engine takes no lease, whose
     * writes the fake connection does not answer.
     */
    private static final class ReadOnly extends ForwardingContentStore {

        ReadOnly(ContentStore delegate) {
            super(delegate);
        }

        @Override
        public boolean supportsCollection() {
            return false;
        }
    }

    /** One row as the driver hands it over: each column a value, NULL, or a stream that fails. */
    record Row(byte[] key, Column data, Column children, long storedSize) {}

    /** A BLOB column: bytes, SQL NULL, or bytes whose stream fails after {@code failAfter} bytes. */
    record Column(byte[] bytes, boolean isNull, int failAfter) {

        static Column of(byte[] bytes) {
            return new Column(bytes, false, -1);
        }

        InputStream stream() {
            if (isNull) {
                return null;
            }
            if (failAfter < 0) {
                return new ByteArrayInputStream(bytes);
            }
            return new InputStream() {
                private int position;

                @Override
                public int read() throws IOException {
                    if (position >= failAfter) {
                        throw new IOException("connection reset while streaming the column");
                    }
                    return (position < bytes.length) ? bytes[position++] & 0xFF : -1;
                }
            };
        }
    }

    /** How the rows answering a query for one seed node are damaged, reproducible from its seed. */
    record RowDamage(int seedIndex, int keyKind, int dataKind, int childKind, int sizeKind, long seed) {

        List<Row> rows(StoredNode node, List<StoredNode> others) {
            Random random = new Random(seed);
            byte[] childBytes = childBytes(node.children());
            Row row = new Row(
                    key(node, others, random),
                    column(node.data(), dataKind, random),
                    column(childBytes, childKind, random),
                    size(node.data().length + childBytes.length, random));
            List<Row> rows = new ArrayList<>(List.of(row));
            if (random.nextInt(4) == 0) {
                rows.add(random.nextBoolean() ? row : genuine(others.get(random.nextInt(others.size()))));
            }
            return rows;
        }

        private byte[] key(StoredNode node, List<StoredNode> others, Random random) {
            byte[] key = node.key().toBytes();
            return switch (keyKind) {
                case 0, 1, 2 -> key;
                case 3 -> flip(key, random);
                case 4 -> Arrays.copyOf(key, random.nextInt(33));
                case 5 -> null;
                default -> others.get(random.nextInt(others.size())).key().toBytes();
            };
        }

        private Column column(byte[] bytes, int kind, Random random) {
            return switch (kind) {
                case 0, 1, 2 -> Column.of(bytes);
                case 3 -> Column.of(bytes.length == 0 ? new byte[] {1} : flip(bytes, random));
                case 4 -> Column.of(Arrays.copyOf(bytes, random.nextInt(bytes.length + 1)));
                case 5 -> {
                    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1 + random.nextInt(40));
                    random.nextBytes(longer);
                    System.arraycopy(bytes, 0, longer, 0, bytes.length);
                    yield Column.of(longer);
                }
                case 6 -> new Column(bytes, true, -1);
                default -> new Column(bytes, false, random.nextInt(bytes.length + 1));
            };
        }

        private long size(long genuine, Random random) {
            return switch (sizeKind) {
                case 0, 1, 2 -> genuine;
                case 3 -> genuine + (random.nextBoolean() ? 1 : -1);
                case 4 -> -1 - random.nextInt(1000);
                case 5 -> Long.MAX_VALUE;
                default -> random.nextLong();
            };
        }

        private static byte[] flip(byte[] bytes, Random random) {
            byte[] flipped = bytes.clone();
            flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            return flipped;
        }
    }

    @Provide
    Arbitrary<RowDamage> rows() {
        return Combinators.combine(
                        Arbitraries.integers().between(0, SEEDS.size() - 1),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 7),
                        Arbitraries.integers().between(0, 6),
                        Arbitraries.longs())
                .as(RowDamage::new);
    }

    private static Row genuine(StoredNode node) {
        byte[] children = childBytes(node.children());
        return new Row(
                node.key().toBytes(),
                Column.of(node.data()),
                Column.of(children),
                node.data().length + children.length);
    }

    private static byte[] childBytes(List<DataKey> children) {
        ByteBuffer buffer = ByteBuffer.allocate(children.size() * DataKey.LENGTH);
        children.forEach((child) -> buffer.putLong(child.high()).putLong(child.low()));
        return buffer.array();
    }

    private static List<StoredNode> seeds() {
        List<StoredNode> nodes = new ArrayList<>();
        for (int size : new int[] {0, 1, 16, 300, 5000}) {
            nodes.add(TestNodes.node(size, size));
        }
        nodes.add(TestNodes.node(7, 50, List.of(nodes.get(1).key(), nodes.get(2).key())));
        InMemoryContentStore store = new InMemoryContentStore();
        PagableStorage engine = PagableStorage.builder().contentStore(store).build();
        List<PagableArc<Doc>> docs = List.of(Values.doc(engine, 1, 3, 200), Values.doc(engine, 2, 3, 200));
        engine.pageOutPending();
        for (PagableArc<Doc> doc : docs) {
            StoredNode root = store.get(doc.key().orElseThrow()).orElseThrow();
            DOC_KEYS.add(root.key());
            nodes.add(root);
            root.children().forEach((child) -> nodes.add(store.get(child).orElseThrow()));
        }
        nodes.forEach((node) -> GENUINE.put(node.key(), node));
        return List.copyOf(nodes);
    }

    /**
     * A data source whose queries answer with the given rows (and, for keys not among them, with the
     * genuine node, so that an engine can read a damaged node's intact children).
     */
    private static DataSource dataSource(List<Row> rows) {
        DatabaseMetaData metaData = proxy(DatabaseMetaData.class, (proxy, method, args) -> switch (method.getName()) {
            case "getDatabaseProductName" -> "H2";
            case "getDatabaseProductVersion" -> "2.3.232";
            default -> throw new UnsupportedOperationException(method.getName());
        });
        Connection connection = proxy(Connection.class, (proxy, method, args) -> switch (method.getName()) {
            case "getMetaData" -> metaData;
            case "prepareStatement" -> statement(rows);
            case "createArrayOf" -> array((Object[]) args[1]);
            case "close" -> null;
            case "isClosed" -> false;
            default -> throw new UnsupportedOperationException(method.getName());
        });
        return proxy(DataSource.class, (proxy, method, args) -> switch (method.getName()) {
            case "getConnection" -> connection;
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    /** An SQL array of the given elements, as a driver's {@code createArrayOf} returns it. */
    private static Array array(Object[] elements) {
        return proxy(Array.class, (proxy, method, args) -> switch (method.getName()) {
            case "getArray" -> elements.clone();
            case "free" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private static PreparedStatement statement(List<Row> rows) {
        List<DataKey> asked = new ArrayList<>();
        return proxy(PreparedStatement.class, (proxy, method, args) -> switch (method.getName()) {
            case "setBytes" -> {
                asked.add(DataKey.fromBytes((byte[]) args[1]));
                yield null;
            }
            case "setArray" -> {
                for (Object key : (Object[]) ((Array) args[1]).getArray()) {
                    asked.add(DataKey.fromBytes((byte[]) key));
                }
                yield null;
            }
            case "executeQuery" -> resultSet(answer(rows, asked));
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    private static List<Row> answer(List<Row> rows, List<DataKey> asked) {
        List<Row> answer = new ArrayList<>(rows);
        for (DataKey key : asked) {
            boolean damaged =
                    rows.stream().anyMatch((row) -> row.key() != null && Arrays.equals(row.key(), key.toBytes()));
            StoredNode genuine = GENUINE.get(key);
            if (!damaged && genuine != null) {
                answer.add(genuine(genuine));
            }
        }
        return answer;
    }

    private static ResultSet resultSet(List<Row> rows) {
        int[] cursor = {-1};
        return proxy(ResultSet.class, (proxy, method, args) -> switch (method.getName()) {
            case "next" -> ++cursor[0] < rows.size();
            case "getBytes" -> {
                byte[] key = rows.get(cursor[0]).key();
                yield (key != null) ? key.clone() : null;
            }
            case "getBinaryStream" ->
                ((int) args[0] == 2) ? rows.get(cursor[0]).data().stream() : rows.get(cursor[0]).children().stream();
            case "getLong" -> rows.get(cursor[0]).storedSize();
            case "wasNull" -> false;
            case "close" -> null;
            default -> throw new UnsupportedOperationException(method.getName());
        });
    }

    @SuppressWarnings("unchecked")
    private static <T> T proxy(Class<T> type, InvocationHandler handler) {
        return (T) Proxy.newProxyInstance(
                JdbcRowReaderFuzzProperties.class.getClassLoader(), new Class<?>[] {type}, handler);
    }
}
