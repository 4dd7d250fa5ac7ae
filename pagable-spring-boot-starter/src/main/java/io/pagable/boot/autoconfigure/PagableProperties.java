package io.pagable.boot.autoconfigure;

import io.pagable.PagableStorageBuilder;
import io.pagable.store.jdbc.JdbcContentStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for pagable. Defaults are the core's own: the fields start from
 * {@link PagableStorageBuilder}'s and {@link JdbcContentStore}'s constants. The configuration
 * processor does not resolve another class's constants, so
 * {@code META-INF/additional-spring-configuration-metadata.json} states those defaults for the IDE,
 * and a test keeps the generated metadata equal to the constants.
 *
 * <p>Values are checked once, where they are used: the auto-configuration checks what it maps onto
 * the engine and the drainer; the JDBC store's table name, batch size and platform, which reach SQL
 * and the choice of schema script, are checked as soon as they are bound, before either runs. A value
 * out of range fails startup with Spring Boot's {@code InvalidConfigurationPropertyValueException},
 * which its failure analyzer reports with the value's origin.
 */
@ConfigurationProperties("pagable")
public class PagableProperties implements InitializingBean {

    /** Default of {@code pagable.gc.interval}: one hour. */
    public static final Duration DEFAULT_GC_INTERVAL = Duration.ofHours(1);

    /** Whether to auto-configure pagable. */
    private boolean enabled = true;

    /**
     * Whether to re-encode a value when its arc is paged out, its last pin closes or a get finds it
     * still on the heap, and fail when it no longer matches what was stored; for tests and
     * development. Each check costs about one more encoding of the value: a drain takes about 60% more
     * CPU time, a get of a paged-out arc whose value is still on the heap microseconds instead of
     * nanoseconds.
     */
    private boolean verifyImmutability;

    private final Store store = new Store();

    private final Cache cache = new Cache();

    private final Drainer drainer = new Drainer();

    private final Gc gc = new Gc();

    private final Types types = new Types();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public boolean isVerifyImmutability() {
        return verifyImmutability;
    }

    public void setVerifyImmutability(boolean verifyImmutability) {
        this.verifyImmutability = verifyImmutability;
    }

    public Store getStore() {
        return store;
    }

    public Cache getCache() {
        return cache;
    }

    public Drainer getDrainer() {
        return drainer;
    }

    public Gc getGc() {
        return gc;
    }

    public Types getTypes() {
        return types;
    }

    @Override
    public void afterPropertiesSet() {
        PropertyValueCheck.jdbcStore(store.getJdbc());
    }

    /** Where paged-out data is kept. */
    public static class Store {

        /** Store type. Defaults to jdbc when the application has a DataSource, else file. */
        private @Nullable StoreType type;

        /** Whether every node read is checked against its key. */
        private boolean verifyReads = true;

        /** Largest node written or read. */
        private DataSize maxNodeSize = DataSize.ofBytes(PagableStorageBuilder.DEFAULT_MAX_NODE_BYTES);

        /**
         * Nodes read with a node that had to come from the store, breadth-first below it and ahead of
         * being asked for, one batch per level. 0 reads only what is asked for.
         */
        private int readAhead = PagableStorageBuilder.DEFAULT_READ_AHEAD;

        private final Jdbc jdbc = new Jdbc();

        private final File file = new File();

        public @Nullable StoreType getType() {
            return type;
        }

        public void setType(@Nullable StoreType type) {
            this.type = type;
        }

        public boolean isVerifyReads() {
            return verifyReads;
        }

        public void setVerifyReads(boolean verifyReads) {
            this.verifyReads = verifyReads;
        }

        public DataSize getMaxNodeSize() {
            return maxNodeSize;
        }

        public void setMaxNodeSize(DataSize maxNodeSize) {
            this.maxNodeSize = maxNodeSize;
        }

        public int getReadAhead() {
            return readAhead;
        }

        public void setReadAhead(int readAhead) {
            this.readAhead = readAhead;
        }

        public Jdbc getJdbc() {
            return jdbc;
        }

        public File getFile() {
            return file;
        }
    }

    /** JDBC store. */
    public static class Jdbc {

        /** Name of the table that holds the nodes, optionally schema-qualified. */
        private String tableName = JdbcContentStore.DEFAULT_TABLE_NAME;

        /** Database schema initialization mode. */
        private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

        /** Path to the SQL file used to initialize the schema; @@platform@@ is replaced by the platform. */
        private String schema = "classpath:io/pagable/store/jdbc/schema-@@platform@@.sql";

        /** Platform of the schema script (h2, postgresql or mariadb). Auto-detected by default. */
        private @Nullable String platform;

        /**
         * Rows per insert batch (and transaction), and on MariaDB keys per read query (PostgreSQL
         * and H2 read up to 10,000 keys per query, bound as one array).
         */
        private int batchSize = JdbcContentStore.DEFAULT_BATCH_SIZE;

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            this.tableName = tableName;
        }

        public DatabaseInitializationMode getInitializeSchema() {
            return initializeSchema;
        }

        public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
            this.initializeSchema = initializeSchema;
        }

        public String getSchema() {
            return schema;
        }

        public void setSchema(String schema) {
            this.schema = schema;
        }

        public @Nullable String getPlatform() {
            return platform;
        }

        public void setPlatform(@Nullable String platform) {
            this.platform = platform;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }
    }

    /** File store. */
    public static class File {

        /** Directory of the store. Defaults to pagable/{spring.application.name} under java.io.tmpdir. */
        private @Nullable Path directory;

        /** Whether flushes force written nodes to the disk, so that they survive a power failure. */
        private boolean fsync = true;

        public @Nullable Path getDirectory() {
            return directory;
        }

        public void setDirectory(@Nullable Path directory) {
            this.directory = directory;
        }

        public boolean isFsync() {
            return fsync;
        }

        public void setFsync(boolean fsync) {
            this.fsync = fsync;
        }
    }

    /** Arc cache: values paged in recently, kept strongly. */
    public static class Cache {

        /** Caffeine spec of the arc cache; when set, maximum-size and expire-after-access are ignored. */
        private @Nullable String spec;

        /**
         * Most values the arc cache keeps; 0 keeps none. A value is what an arc or a load asked for;
         * the @PagableNode children decoded with it are kept through it, not as entries of their own.
         */
        private long maximumSize = PagableStorageBuilder.DEFAULT_CACHE_MAXIMUM_SIZE;

        /** How long a value stays in the arc cache after it was last used. Unlimited by default. */
        private @Nullable Duration expireAfterAccess;

        public @Nullable String getSpec() {
            return spec;
        }

        public void setSpec(@Nullable String spec) {
            this.spec = spec;
        }

        public long getMaximumSize() {
            return maximumSize;
        }

        public void setMaximumSize(long maximumSize) {
            this.maximumSize = maximumSize;
        }

        public @Nullable Duration getExpireAfterAccess() {
            return expireAfterAccess;
        }

        public void setExpireAfterAccess(@Nullable Duration expireAfterAccess) {
            this.expireAfterAccess = expireAfterAccess;
        }
    }

    /** Scheduled page-out of pending arcs. */
    public static class Drainer {

        /** Whether pending arcs are paged out on a schedule. */
        private boolean enabled = true;

        /** Delay between the end of one drain and the start of the next. */
        private Duration interval = Duration.ofSeconds(1);

        /** Most arcs one call of pageOutPending takes; a drain repeats calls until nothing is pending. */
        private int batchSize = 1_000;

        /** Number of drainer threads. */
        private int threads = 1;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            this.batchSize = batchSize;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            this.threads = threads;
        }
    }

    /** The garbage collector, which deletes from the store what no named root or live arc reaches. */
    public static class Gc {

        /** Whether garbage is collected on a schedule. */
        private boolean enabled = true;

        /** Delay between the end of one collection and the start of the next. */
        private Duration interval = DEFAULT_GC_INTERVAL;

        /**
         * How long a node written, or found present as a duplicate, is kept even if nothing reaches
         * it. Instances sharing a store should use one value.
         */
        private Duration gracePeriod = PagableStorageBuilder.DEFAULT_GC_GRACE_PERIOD;

        public boolean isEnabled() {
            return enabled;
        }

        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        public Duration getInterval() {
            return interval;
        }

        public void setInterval(Duration interval) {
            this.interval = interval;
        }

        public Duration getGracePeriod() {
            return gracePeriod;
        }

        public void setGracePeriod(Duration gracePeriod) {
            this.gracePeriod = gracePeriod;
        }
    }

    /** Classes annotated with @PagableType. */
    public static class Types {

        /** Packages scanned for @PagableType classes, in addition to the auto-configuration packages. */
        private List<String> packages = new ArrayList<>();

        public List<String> getPackages() {
            return packages;
        }

        public void setPackages(List<String> packages) {
            this.packages = packages;
        }
    }
}
