package io.pagable.benchmarks.load;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.pagable.PagableArc;
import io.pagable.PagableStats;
import io.pagable.PagableStorage;
import io.pagable.Pinned;
import io.pagable.store.ContentStore;
import io.pagable.store.ForwardingContentStore;
import io.pagable.store.file.FileContentStore;
import io.pagable.store.jdbc.JdbcContentStore;
import io.pagable.store.jdbc.StoreTables;
import io.pagable.store.jdbc.TestDatabase;
import io.pagable.store.jdbc.TestDatabases;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load run, not part of the default build: {@code ./mvnw -pl pagable-benchmarks -am test -Pload}.
 *
 * <p>For each store in {@code pagable.load.stores} ({@code file}, {@code postgresql}): builds a graph
 * of {@code pagable.load.nodes} items (1,000,000) under groups of 1,000 with 8 threads while two
 * drainer threads page it out, then runs 8 threads for {@code pagable.load.duration} (PT5M) that read
 * (70 %), pin (20 %) and create (10 %, up to {@value #CREATE_RATE} items a second, else read) arcs at
 * random, checking every value they see, with the drainer running; then drains, and reads every node
 * back through a new engine. The profile caps the
 * heap at 512 MiB, below the graph's resident size (estimated and printed). It fails on any error,
 * lost or wrong value, and prints ops/s, page-ins/s, page-outs/s, get() latency percentiles and the
 * heap's peaks.
 */
class PagableLoadRun {

    private static final int THREADS = 8;

    private static final int GROUP_SIZE = 1_000;

    private static final int TEXT_LENGTH = 600;

    private static final long MAX_PENDING = 50_000;

    /**
     * Items created per second during the mixed phase, at most: creation goes on for the whole run
     * while the store's growth (and the file store's index on the heap) stays bounded.
     */
    private static final int CREATE_RATE = 1_500;

    /** A leaf of the graph; its text follows from its id. */
    record Item(long id, String text) {}

    /** An inner node: a thousand lazily loaded items. */
    record Group(long id, List<PagableArc<Item>> items) {}

    @TempDir
    Path directory;

    private final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Test
    void run() throws Exception {
        Duration duration = Duration.parse(System.getProperty("pagable.load.duration", "PT5M"));
        int nodes = Integer.getInteger("pagable.load.nodes", 1_000_000);
        for (String store :
                System.getProperty("pagable.load.stores", "file,postgresql").split(",")) {
            errors.clear();
            switch (store.trim()) {
                case "file" -> run("file", new FileContentStore(directory.resolve("store")), nodes, duration);
                case "postgresql" -> {
                    TestDatabase database = TestDatabases.postgresql();
                    String table = StoreTables.uniqueTableName();
                    StoreTables.create(database.dataSource(), table);
                    HikariConfig config = new HikariConfig();
                    config.setJdbcUrl(database.jdbcUrl());
                    config.setUsername(database.username());
                    config.setPassword(database.password());
                    config.setMaximumPoolSize(12);
                    try (HikariDataSource pool = new HikariDataSource(config)) {
                        run("postgresql", new JdbcContentStore(pool, table), nodes, duration);
                    } finally {
                        StoreTables.drop(database.dataSource(), table);
                    }
                }
                default -> throw new IllegalArgumentException("unknown store " + store);
            }
        }
    }

    private void run(String name, ContentStore store, int nodes, Duration duration) throws Exception {
        int groups = nodes / GROUP_SIZE;
        System.out.printf(
                Locale.ROOT,
                "%n=== pagable load run: %s store, %,d items in %,d groups (%,d nodes), %d threads, %s, heap max %d MiB%n",
                name,
                (long) groups * GROUP_SIZE,
                groups,
                (long) groups * (GROUP_SIZE + 1),
                THREADS,
                duration,
                Runtime.getRuntime().maxMemory() >> 20);
        System.out.printf(Locale.ROOT, "graph resident size, estimated: %,d MiB%n", residentEstimate(nodes) >> 20);
        System.out.println("engine classes from "
                + PagableStorage.class.getProtectionDomain().getCodeSource().getLocation()
                + ", java " + System.getProperty("java.version") + ", "
                + Runtime.getRuntime().availableProcessors()
                + " processors, " + ManagementFactory.getRuntimeMXBean().getInputArguments());
        HeapWatch heap = new HeapWatch();
        heap.start();
        PagableStorage storage = PagableStorage.builder().contentStore(store).build();
        AtomicBoolean draining = new AtomicBoolean(true);
        ExecutorService drainers = Executors.newFixedThreadPool(2);
        List<Future<?>> drainerTasks = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            drainerTasks.add(drainers.submit(() -> drain(storage, draining)));
        }
        AtomicReferenceArray<PagableArc<Group>> roots = new AtomicReferenceArray<>(groups);
        Created created = new Created((int) (duration.toSeconds() * CREATE_RATE / 100) + 2 * THREADS);
        try {
            long start = System.nanoTime();
            build(storage, roots, groups);
            while (storage.pendingCount() > 0 && errors.isEmpty()) {
                Thread.sleep(50);
            }
            double buildSeconds = (System.nanoTime() - start) / 1e9;
            System.out.printf(
                    Locale.ROOT,
                    "build: %,d nodes created and paged out in %.1f s (%,.0f nodes/s)%n",
                    (long) groups * (GROUP_SIZE + 1),
                    buildSeconds,
                    groups * (GROUP_SIZE + 1) / buildSeconds);
            assertThat(errors).isEmpty();
            heap.resetPeaks();
            mixed(storage, roots, created, duration);
            assertThat(errors).isEmpty();
        } finally {
            draining.set(false);
            for (Future<?> task : drainerTasks) {
                task.get();
            }
            drainers.shutdown();
        }
        System.out.println(heap.report());
        storage.pageOutPending();
        assertThat(storage.pendingCount()).isZero();
        verifyEverything(store, roots, created);
        storage.close();
        assertThat(errors).isEmpty();
        assertThat(heap.peakAfterGc)
                .as("heap in use after GC")
                .hasValueLessThan(Runtime.getRuntime().maxMemory());
    }

    private void build(PagableStorage storage, AtomicReferenceArray<PagableArc<Group>> roots, int groups)
            throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            tasks.add(pool.submit(() -> {
                for (int g = first; g < groups && errors.isEmpty(); g += THREADS) {
                    waitForDrainer(storage);
                    roots.set(g, storage.arc(group(storage, g, GROUP_SIZE)));
                }
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        pool.shutdown();
    }

    private void mixed(
            PagableStorage storage, AtomicReferenceArray<PagableArc<Group>> roots, Created created, Duration duration)
            throws Exception {
        PagableStats before = storage.stats();
        AtomicLong nextGroup = new AtomicLong(1_000_000_000L);
        AtomicLong createdItems = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Histogram>> tasks = new ArrayList<>();
        long[] ops = new long[THREADS];
        long start = System.nanoTime();
        long end = start + duration.toNanos();
        for (int t = 0; t < THREADS; t++) {
            int thread = t;
            tasks.add(pool.submit(() -> {
                Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
                List<PagableArc<Item>> fresh = new ArrayList<>();
                long groupId = 0;
                long count = 0;
                ThreadLocalRandom random = ThreadLocalRandom.current();
                while (System.nanoTime() < end && errors.isEmpty()) {
                    try {
                        int op = random.nextInt(100);
                        if (op < 70) {
                            read(roots, created, random, latency);
                        } else if (op < 90) {
                            pin(roots, random);
                        } else if (createdItems.get() < (System.nanoTime() - start) / 1e9 * CREATE_RATE) {
                            createdItems.incrementAndGet();
                            waitForDrainer(storage);
                            if (fresh.isEmpty()) {
                                groupId = nextGroup.getAndIncrement();
                            }
                            fresh.add(storage.arc(item(groupId * GROUP_SIZE + fresh.size())));
                            if (fresh.size() == 100) {
                                created.add(storage.arc(new Group(groupId, List.copyOf(fresh))));
                                fresh.clear();
                            }
                        } else {
                            read(roots, created, random, latency);
                        }
                        count++;
                    } catch (Throwable ex) {
                        errors.add(ex);
                    }
                }
                ops[thread] = count;
                return latency;
            }));
        }
        Histogram latency = new Histogram(TimeUnit.MINUTES.toNanos(1), 3);
        for (Future<Histogram> task : tasks) {
            latency.add(task.get());
        }
        pool.shutdown();
        double seconds = (System.nanoTime() - start) / 1e9;
        PagableStats after = storage.stats();
        long total = Arrays.stream(ops).sum();
        System.out.printf(
                Locale.ROOT,
                "mixed (70%% read, 20%% pin, 10%% create up to %,d items/s, else read; drainer running) for %.0f s: "
                        + "%,d ops, %,.0f ops/s; %,d items created; %,.0f page-ins/s, %,.0f page-outs/s, %,d nodes written; %,d get() calls: p50 %.1f us, "
                        + "p99 %.1f us, p99.9 %.1f us, max %.1f ms; cache hit rate %.3f; errors %d%n",
                CREATE_RATE,
                seconds,
                total,
                total / seconds,
                createdItems.get(),
                (after.pageIns() - before.pageIns()) / seconds,
                (after.pageOuts() - before.pageOuts()) / seconds,
                after.nodesWritten() - before.nodesWritten(),
                latency.getTotalCount(),
                latency.getValueAtPercentile(50) / 1e3,
                latency.getValueAtPercentile(99) / 1e3,
                latency.getValueAtPercentile(99.9) / 1e3,
                latency.getMaxValue() / 1e6,
                after.cacheHitRate(),
                errors.size());
    }

    /** Reads a random item of a random group; times every get(). */
    private static void read(
            AtomicReferenceArray<PagableArc<Group>> roots,
            Created created,
            ThreadLocalRandom random,
            Histogram latency) {
        PagableArc<Group> groupArc = roots.get(random.nextInt(roots.length()));
        int recent = created.size();
        if (recent > 0 && random.nextInt(10) == 0) {
            groupArc = created.get(random.nextInt(recent));
        }
        long t0 = System.nanoTime();
        Group group = groupArc.get();
        long t1 = System.nanoTime();
        int index = random.nextInt(group.items().size());
        Item item = group.items().get(index).get();
        long t2 = System.nanoTime();
        latency.recordValue(t1 - t0);
        latency.recordValue(t2 - t1);
        check(item, group.id() * GROUP_SIZE + index);
    }

    private static void pin(AtomicReferenceArray<PagableArc<Group>> roots, ThreadLocalRandom random) {
        PagableArc<Group> groupArc = roots.get(random.nextInt(roots.length()));
        try (Pinned<Group> group = groupArc.pin()) {
            int index = random.nextInt(GROUP_SIZE);
            PagableArc<Item> itemArc = group.get().items().get(index);
            try (Pinned<Item> item = itemArc.pin()) {
                check(item.get(), group.get().id() * GROUP_SIZE + index);
                if (itemArc.isPagedOut()) {
                    throw new AssertionError("a pinned arc is paged out");
                }
            }
        }
    }

    private void verifyEverything(ContentStore store, AtomicReferenceArray<PagableArc<Group>> roots, Created created)
            throws Exception {
        PagableStorage reader = PagableStorage.builder()
                .contentStore(new ForwardingContentStore(store) {
                    @Override
                    public void close() {}
                })
                .cacheMaximumSize(1_000)
                .build();
        List<PagableArc<Group>> all = new ArrayList<>();
        for (int g = 0; g < roots.length(); g++) {
            all.add(roots.get(g));
        }
        for (int g = 0; g < created.size(); g++) {
            all.add(created.get(g));
        }
        long start = System.nanoTime();
        AtomicLong checked = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<?>> tasks = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
            int first = t;
            tasks.add(pool.submit(() -> {
                for (int g = first; g < all.size(); g += THREADS) {
                    PagableArc<Group> arc = all.get(g);
                    Group group = reader.load(arc.key().orElseThrow(), Group.class);
                    for (int i = 0; i < group.items().size(); i++) {
                        check(group.items().get(i).get(), group.id() * GROUP_SIZE + i);
                    }
                    checked.addAndGet(group.items().size() + 1);
                }
                return null;
            }));
        }
        for (Future<?> task : tasks) {
            task.get();
        }
        pool.shutdown();
        System.out.printf(
                Locale.ROOT,
                "verify: %,d nodes (%,d groups incl. %,d created during the run) read back right through a new "
                        + "engine in %.1f s%n",
                checked.get(),
                all.size(),
                created.size(),
                (System.nanoTime() - start) / 1e9);
    }

    private void drain(PagableStorage storage, AtomicBoolean draining) {
        while (draining.get()) {
            try {
                if (storage.pageOutPending(5_000) == 0) {
                    Thread.sleep(5);
                }
            } catch (InterruptedException ex) {
                return;
            } catch (Throwable ex) {
                errors.add(ex);
                return;
            }
        }
    }

    private static void waitForDrainer(PagableStorage storage) throws InterruptedException {
        while (storage.pendingCount() > MAX_PENDING) {
            Thread.sleep(2);
        }
    }

    private static Group group(PagableStorage storage, long id, int size) {
        List<PagableArc<Item>> items = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            items.add(storage.arc(item(id * GROUP_SIZE + i)));
        }
        return new Group(id, items);
    }

    private static Item item(long id) {
        return new Item(id, text(id));
    }

    private static void check(Item item, long expectedId) {
        if (item.id() != expectedId || !item.text().equals(text(expectedId))) {
            throw new AssertionError("wrong value: expected item " + expectedId + ", got item " + item.id());
        }
    }

    private static String text(long id) {
        SplittableRandom random = new SplittableRandom(id);
        byte[] text = new byte[TEXT_LENGTH];
        for (int i = 0; i < TEXT_LENGTH; i++) {
            text[i] = (byte) ('a' + random.nextInt(26));
        }
        return new String(text, java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /** Groups created during the mixed phase, for readers to pick from. */
    private static final class Created {

        private final AtomicReferenceArray<PagableArc<Group>> groups;

        private final AtomicLong count = new AtomicLong();

        private final AtomicLong published = new AtomicLong();

        Created(int capacity) {
            this.groups = new AtomicReferenceArray<>(capacity);
        }

        synchronized void add(PagableArc<Group> group) {
            int index = (int) count.getAndIncrement();
            groups.set(index, group);
            published.set(index + 1);
        }

        int size() {
            return (int) published.get();
        }

        PagableArc<Group> get(int index) {
            return groups.get(index);
        }
    }

    /** Heap taken by the graph's values and arcs if all were resident: measured on 20,000 items. */
    private static long residentEstimate(int nodes) {
        System.gc();
        long before = used();
        List<Object> sample = new ArrayList<>();
        for (int i = 0; i < 20_000; i++) {
            sample.add(item(i));
        }
        System.gc();
        long perItem = (used() - before) / sample.size();
        sample.clear();
        // + a PagableArc (about 40 bytes) and a list slot per item
        return (long) nodes * (perItem + 48);
    }

    private static long used() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.totalMemory() - runtime.freeMemory();
    }

    /** Samples the heap: peak in use, and peak in use right after a collection (the live data). */
    private static final class HeapWatch extends Thread {

        final AtomicLong peakUsed = new AtomicLong();

        final AtomicLong peakAfterGc = new AtomicLong();

        private volatile boolean running = true;

        HeapWatch() {
            super("heap-watch");
            setDaemon(true);
        }

        void resetPeaks() {
            peakUsed.set(0);
            peakAfterGc.set(0);
            ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
        }

        @Override
        public void run() {
            while (running) {
                peakUsed.accumulateAndGet(
                        ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed(), Math::max);
                long afterGc = 0;
                for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
                    if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                        afterGc += pool.getCollectionUsage().getUsed();
                    }
                }
                peakAfterGc.accumulateAndGet(afterGc, Math::max);
                try {
                    Thread.sleep(100);
                } catch (InterruptedException ex) {
                    return;
                }
            }
        }

        void stopWatching() {
            running = false;
        }

        String report() {
            stopWatching();
            return String.format(
                    Locale.ROOT,
                    "heap during the mixed phase: max %,d MiB, peak in use %,d MiB, peak in use after GC %,d MiB",
                    Runtime.getRuntime().maxMemory() >> 20,
                    peakUsed.get() >> 20,
                    peakAfterGc.get() >> 20);
        }
    }

    static {
        // keep the store's logging out of the figures
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
    }
}
