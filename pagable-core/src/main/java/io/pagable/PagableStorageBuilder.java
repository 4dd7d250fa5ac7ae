package io.pagable;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import io.pagable.store.ContentStore;
import io.pagable.store.InMemoryContentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import org.jspecify.annotations.Nullable;

/**
 * Builds a {@link PagableStorage}. Every setting has a sensible default: an
 * {@link InMemoryContentStore}, an arc cache of 10,000 values, verified reads, nodes up to 64 MiB
 * with up to 1,000,000 children.
 *
 * <pre>{@code
 * PagableStorage storage = PagableStorage.builder()
 *         .contentStore(new FileContentStore(Path.of("data/pagable")))
 *         .registerPackages("com.example.model")
 *         .cacheMaximumSize(50_000)
 *         .build();
 * }</pre>
 */
public final class PagableStorageBuilder {

    /** Default of {@link #readAhead(int)}. */
    public static final int DEFAULT_READ_AHEAD = 1_024;

    /** Default of {@link #gcGracePeriod(Duration)}: 15 minutes. */
    public static final Duration DEFAULT_GC_GRACE_PERIOD = Duration.ofMinutes(15);

    /** Default duration of {@link #lease(Duration, Duration)}: 60 seconds. */
    public static final Duration DEFAULT_LEASE_DURATION = Duration.ofSeconds(60);

    /** Default renewal interval of {@link #lease(Duration, Duration)}: 10 seconds. */
    public static final Duration DEFAULT_LEASE_RENEWAL = Duration.ofSeconds(10);

    /** Default of {@link #cacheMaximumSize(long)}. */
    public static final long DEFAULT_CACHE_MAXIMUM_SIZE = 10_000;

    /** Default of {@link #maxNodeBytes(int)}: 64 MiB. */
    public static final int DEFAULT_MAX_NODE_BYTES = 64 * 1024 * 1024;

    /** Default of {@link #maxChildren(int)}. */
    public static final int DEFAULT_MAX_CHILDREN = 1_000_000;

    /** Default of {@link #maxEagerDepth(int)}. */
    public static final int DEFAULT_MAX_EAGER_DEPTH = 1_000;

    private @Nullable ContentStore contentStore;

    private @Nullable TypeRegistry typeRegistry;

    private final List<Class<?>> types = new ArrayList<>();

    private final List<String> packages = new ArrayList<>();

    private long cacheMaximumSize = DEFAULT_CACHE_MAXIMUM_SIZE;

    private @Nullable Caffeine<Object, Object> cacheBuilder;

    private boolean verifyReads = true;

    private boolean verifyImmutability;

    private int maxNodeBytes = DEFAULT_MAX_NODE_BYTES;

    private int maxChildren = DEFAULT_MAX_CHILDREN;

    private int maxEagerDepth = DEFAULT_MAX_EAGER_DEPTH;

    private int writeBatchSize = 1_000;

    private Duration gcGracePeriod = DEFAULT_GC_GRACE_PERIOD;

    private Duration leaseDuration = DEFAULT_LEASE_DURATION;

    private Duration leaseRenewal = DEFAULT_LEASE_RENEWAL;

    private int readAhead = DEFAULT_READ_AHEAD;

    private Executor cacheExecutor = ForkJoinPool.commonPool();

    private Ticker ticker = Ticker.systemTicker();

    PagableStorageBuilder() {}

    /**
     * Sets where paged-out data goes. Default: a new {@link InMemoryContentStore}.
     *
     * @param contentStore the store; the storage closes it when it is closed
     * @return this builder
     */
    public PagableStorageBuilder contentStore(ContentStore contentStore) {
        this.contentStore = Objects.requireNonNull(contentStore, "contentStore");
        return this;
    }

    /**
     * Starts from an existing registry of type tags; classes and packages registered on this builder
     * are added to it.
     *
     * @param typeRegistry the registry
     * @return this builder
     */
    public PagableStorageBuilder typeRegistry(TypeRegistry typeRegistry) {
        this.typeRegistry = Objects.requireNonNull(typeRegistry, "typeRegistry");
        return this;
    }

    /**
     * Registers classes annotated with {@link PagableType}.
     *
     * @param classes the tagged classes
     * @return this builder
     */
    public PagableStorageBuilder registerTypes(Class<?>... classes) {
        for (Class<?> type : classes) {
            types.add(Objects.requireNonNull(type, "classes must not contain null"));
        }
        return this;
    }

    /**
     * Registers every class annotated with {@link PagableType} in these packages and their
     * sub-packages, found on the class path of the thread's context class loader.
     *
     * @param packageNames package names, e.g. {@code "com.example.model"}
     * @return this builder
     */
    public PagableStorageBuilder registerPackages(String... packageNames) {
        for (String name : packageNames) {
            packages.add(Objects.requireNonNull(name, "packageNames must not contain null"));
        }
        return this;
    }

    /**
     * Sets how many recently paged-in values the arc cache keeps strongly; 0 keeps none (values
     * then live only as long as the application references them). An entry is the value an arc or a
     * {@code load} asked for; the {@code @PagableNode} children decoded with it are kept by it, not
     * counted as entries of their own.
     *
     * @param maximumSize at least 0
     * @return this builder
     */
    public PagableStorageBuilder cacheMaximumSize(long maximumSize) {
        requireArgument(maximumSize >= 0, "cacheMaximumSize must be >= 0, but was %s", maximumSize);
        this.cacheMaximumSize = maximumSize;
        this.cacheBuilder = null;
        return this;
    }

    /**
     * Configures the arc cache with a Caffeine builder instead of {@link #cacheMaximumSize(long)},
     * for expiry, weighers or a custom spec. Statistics recording is switched on by the storage.
     *
     * @param cacheBuilder a Caffeine builder, not yet built
     * @return this builder
     */
    public PagableStorageBuilder cache(Caffeine<Object, Object> cacheBuilder) {
        this.cacheBuilder = Objects.requireNonNull(cacheBuilder, "cacheBuilder");
        return this;
    }

    /**
     * Sets the executor the arc cache uses for maintenance; tests pass {@code Runnable::run}.
     *
     * @param executor the executor
     * @return this builder
     */
    public PagableStorageBuilder cacheExecutor(Executor executor) {
        this.cacheExecutor = Objects.requireNonNull(executor, "executor");
        return this;
    }

    /**
     * Sets the arc cache's time source; tests pass a fake ticker.
     *
     * @param ticker the ticker
     * @return this builder
     */
    public PagableStorageBuilder ticker(Ticker ticker) {
        this.ticker = Objects.requireNonNull(ticker, "ticker");
        return this;
    }

    /**
     * Sets whether every node read is checked against its key (default true). Switch it off only for
     * a store you trust completely; sizes and tags are checked either way.
     *
     * @param verifyReads whether to verify
     * @return this builder
     */
    public PagableStorageBuilder verifyReads(boolean verifyReads) {
        this.verifyReads = verifyReads;
        return this;
    }

    /**
     * Sets whether the engine checks that values handed to arcs do not change (default false): for tests
     * and development. When on, an arc's value is encoded again, with its child keys, when the arc lets
     * go of it (it is paged out after a write, or its last {@link Pinned} closes) and when {@code get()}
     * or {@code pin()} of a paged-out arc finds it still on the heap; if it no longer gives the arc's
     * key, a {@link MutatedValueException} naming its class and the key is thrown: by the drain or
     * {@code save} that wrote it, by {@code Pinned.close()}, or by {@code get()} / {@code pin()}. The
     * stored data is never changed, and the arc keeps its key and pages the stored value in next.
     *
     * <p>Each check costs about one more encoding of the value (and of the {@link PagableNode}
     * instances it holds), without a store write. Measured on a shared 2-core AMD EPYC, a drain of
     * 10,000 new arcs of about 630 bytes each took the draining thread 77 ms of CPU time instead of 48,
     * and a {@code get()} of a paged-out arc whose value is still reachable about 6 µs instead of a few
     * nanoseconds. Off, it costs nothing.
     *
     * @param verifyImmutability whether to check
     * @return this builder
     */
    public PagableStorageBuilder verifyImmutability(boolean verifyImmutability) {
        this.verifyImmutability = verifyImmutability;
        return this;
    }

    /**
     * Sets the largest node, in bytes, that is written or read.
     *
     * @param maxNodeBytes at least 1
     * @return this builder
     */
    public PagableStorageBuilder maxNodeBytes(int maxNodeBytes) {
        requireArgument(maxNodeBytes > 0, "maxNodeBytes must be > 0, but was %s", maxNodeBytes);
        this.maxNodeBytes = maxNodeBytes;
        return this;
    }

    /**
     * Sets the most children one node may have.
     *
     * @param maxChildren at least 1
     * @return this builder
     */
    public PagableStorageBuilder maxChildren(int maxChildren) {
        requireArgument(maxChildren > 0, "maxChildren must be > 0, but was %s", maxChildren);
        this.maxChildren = maxChildren;
        return this;
    }

    /**
     * Sets how deep chains of eagerly loaded {@link PagableNode} children may nest on read; deeper
     * chains should be broken with a {@link PagableArc}.
     *
     * @param maxEagerDepth at least 1
     * @return this builder
     */
    public PagableStorageBuilder maxEagerDepth(int maxEagerDepth) {
        requireArgument(maxEagerDepth > 0, "maxEagerDepth must be > 0, but was %s", maxEagerDepth);
        this.maxEagerDepth = maxEagerDepth;
        return this;
    }

    /**
     * Sets how many nodes a drain hands to the store in one {@code putAll}.
     *
     * @param writeBatchSize at least 1
     * @return this builder
     */
    public PagableStorageBuilder writeBatchSize(int writeBatchSize) {
        requireArgument(writeBatchSize > 0, "writeBatchSize must be > 0, but was %s", writeBatchSize);
        this.writeBatchSize = writeBatchSize;
        return this;
    }

    /**
     * Sets how many nodes below a node that had to be read from the store are read with it, ahead of
     * being asked for: breadth-first, one {@code ContentStore.getAll} per level, lazy arcs included.
     * Walking a stored graph then takes about one store round trip per level of each read-ahead
     * instead of two per arc, which matters most for a database over the network. Nodes read ahead
     * wait, undecoded, in a buffer of at most 16 KiB per read-ahead node (at least 4 MiB), oldest out
     * first. Use 0 when loads touch single values of large graphs at random, so no read is wasted.
     *
     * @param nodes at least 0 (default {@value #DEFAULT_READ_AHEAD})
     * @return this builder
     */
    public PagableStorageBuilder readAhead(int nodes) {
        requireArgument(nodes >= 0, "readAhead must be >= 0, but was %s", nodes);
        this.readAhead = nodes;
        return this;
    }

    /**
     * Sets the garbage collector's grace period: a node written, or found present as a duplicate by a
     * write, more recently than this is never deleted, nor anything it reaches. It covers what no
     * root and no arc holds yet: a key that an application keeps itself (from {@link
     * PagableStorage#save}) is safe for this long, and a graph being saved while a collection runs.
     * Instances sharing a store should use one grace period. 0 is for tests and for a store that
     * nothing else writes while it is collected.
     *
     * @param gracePeriod at least 0 (default 15 minutes)
     * @return this builder
     */
    public PagableStorageBuilder gcGracePeriod(Duration gracePeriod) {
        Objects.requireNonNull(gracePeriod, "gracePeriod");
        requireArgument(!gracePeriod.isNegative(), "gcGracePeriod must be >= 0, but was %s", gracePeriod);
        this.gcGracePeriod = gracePeriod;
        return this;
    }

    /**
     * Sets this engine's lease on its store: the record by which the garbage collector of every
     * instance on the store learns which keys this engine's arcs hold. A lease lasts {@code duration}
     * unless renewed, and is renewed every {@code renewEvery}. An instance that is killed keeps its
     * arcs' data from being collected for up to {@code duration}; a collection whose grace period is
     * shorter than {@code renewEvery} waits up to {@code renewEvery} for the other instances to renew.
     *
     * @param duration how long a lease lasts unless renewed (default 60 seconds)
     * @param renewEvery how often it is renewed, less than half of {@code duration} (default 10 seconds)
     * @return this builder
     */
    public PagableStorageBuilder lease(Duration duration, Duration renewEvery) {
        Objects.requireNonNull(duration, "duration");
        Objects.requireNonNull(renewEvery, "renewEvery");
        requireArgument(
                !renewEvery.isNegative() && !renewEvery.isZero(),
                "lease renewEvery must be > 0, but was %s",
                renewEvery);
        requireArgument(
                renewEvery.multipliedBy(2).compareTo(duration) < 0,
                "lease renewEvery must be less than half the duration, but was %s",
                renewEvery + " for a duration of " + duration);
        this.leaseDuration = duration;
        this.leaseRenewal = renewEvery;
        return this;
    }

    /**
     * Builds the storage.
     *
     * @return a new storage, owning the content store
     * @throws TypeRegistrationException if two registered classes share a tag
     */
    public PagableStorage build() {
        TypeRegistry.Builder registry = TypeRegistry.builder();
        if (typeRegistry != null) {
            registry.registerAll(typeRegistry);
        }
        registry.register(types.toArray(Class<?>[]::new));
        registry.scan(packages.toArray(String[]::new));
        Caffeine<Object, Object> cache = cacheBuilder;
        if (cache == null && cacheMaximumSize > 0) {
            cache = Caffeine.newBuilder()
                    .maximumSize(cacheMaximumSize)
                    .executor(cacheExecutor)
                    .ticker(ticker);
        }
        EngineSettings settings = new EngineSettings(
                (contentStore != null) ? contentStore : new InMemoryContentStore(),
                registry.build(),
                cache,
                verifyReads,
                maxNodeBytes,
                maxChildren,
                maxEagerDepth,
                writeBatchSize,
                readAhead,
                verifyImmutability,
                gcGracePeriod,
                leaseDuration,
                leaseRenewal);
        return new DefaultPagableStorage(settings);
    }

    private static void requireArgument(boolean condition, String template, Object value) {
        if (!condition) {
            throw new IllegalArgumentException(String.format(template, value));
        }
    }
}
