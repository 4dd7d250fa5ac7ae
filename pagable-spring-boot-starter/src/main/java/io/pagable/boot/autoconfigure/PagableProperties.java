package io.pagable.boot.autoconfigure;

import com.github.benmanes.caffeine.cache.CaffeineSpec;
import io.pagable.store.jdbc.JdbcContentStore;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.util.unit.DataSize;

/**
 * Configuration properties for pagable. Values are checked when they are bound: a value out of range
 * fails startup with an {@link InvalidPagablePropertyException}.
 */
@ConfigurationProperties("pagable")
public class PagableProperties {

    private static final Pattern TABLE_NAME =
            Pattern.compile("([A-Za-z_][A-Za-z0-9_]{0,62}\\.)?[A-Za-z_][A-Za-z0-9_]{0,62}");

    private static final Pattern PLATFORM = Pattern.compile("[a-z][a-z0-9]*");

    /** Whether to auto-configure pagable. */
    private boolean enabled = true;

    private final Store store = new Store();

    private final Cache cache = new Cache();

    private final Drainer drainer = new Drainer();

    private final Types types = new Types();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
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

    public Types getTypes() {
        return types;
    }

    private static void require(boolean valid, String property, Object value, String reason, String accepted) {
        if (!valid) {
            throw new InvalidPagablePropertyException(property, value, reason, accepted);
        }
    }

    private static void requirePositive(Duration value, String property) {
        require(!value.isNegative() && !value.isZero(), property, value, "it is not positive", "a positive duration");
    }

    /** Where paged-out data is kept. */
    public static class Store {

        /** Store type. Defaults to jdbc when the application has a DataSource, else file. */
        private @Nullable StoreType type;

        /** Whether every node read is checked against its key. */
        private boolean verifyReads = true;

        /** Largest node written or read. */
        private DataSize maxNodeSize = DataSize.ofMegabytes(64);

        /**
         * Nodes read with a node that had to come from the store, breadth-first below it and ahead of
         * being asked for, one batch per level. 0 reads only what is asked for.
         */
        private int readAhead = 1_024;

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
            long bytes = maxNodeSize.toBytes();
            require(
                    bytes > 0 && bytes <= Integer.MAX_VALUE,
                    "pagable.store.max-node-size",
                    maxNodeSize,
                    "it is out of range",
                    "a size from 1B to 2047MB");
            this.maxNodeSize = maxNodeSize;
        }

        public int getReadAhead() {
            return readAhead;
        }

        public void setReadAhead(int readAhead) {
            require(readAhead >= 0, "pagable.store.read-ahead", readAhead, "it is negative", "0 or more nodes");
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

        /** Default table name, the store's own default and the one its schema scripts create. */
        static final String DEFAULT_TABLE_NAME = "PAGABLE_NODES";

        /** Default batch size, the store's own default. */
        static final int DEFAULT_BATCH_SIZE = 500;

        /** Name of the table that holds the nodes, optionally schema-qualified. */
        private String tableName = DEFAULT_TABLE_NAME;

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
        private int batchSize = DEFAULT_BATCH_SIZE;

        public String getTableName() {
            return tableName;
        }

        public void setTableName(String tableName) {
            require(
                    TABLE_NAME.matcher(tableName).matches(),
                    "pagable.store.jdbc.table-name",
                    tableName,
                    "it is not an SQL identifier",
                    "an identifier of letters, digits and underscores, not starting with a digit, at most 63 "
                            + "characters, optionally prefixed by 'schema.'");
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
            require(
                    platform == null || PLATFORM.matcher(platform).matches(),
                    "pagable.store.jdbc.platform",
                    String.valueOf(platform),
                    "it is not a database platform name",
                    "a name of lower-case letters and digits, such as h2, postgresql or mariadb");
            this.platform = platform;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            require(
                    batchSize > 0 && batchSize <= JdbcContentStore.MAX_BATCH_SIZE,
                    "pagable.store.jdbc.batch-size",
                    batchSize,
                    "it is out of range",
                    "a number from 1 to " + JdbcContentStore.MAX_BATCH_SIZE);
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
        private long maximumSize = 10_000;

        /** How long a value stays in the arc cache after it was last used. Unlimited by default. */
        private @Nullable Duration expireAfterAccess;

        public @Nullable String getSpec() {
            return spec;
        }

        public void setSpec(@Nullable String spec) {
            if (spec != null) {
                try {
                    CaffeineSpec.parse(spec);
                } catch (IllegalArgumentException ex) {
                    throw new InvalidPagablePropertyException(
                            "pagable.cache.spec",
                            spec,
                            String.valueOf(ex.getMessage()),
                            "a Caffeine spec such as 'maximumSize=10000,expireAfterAccess=10m'",
                            ex);
                }
            }
            this.spec = spec;
        }

        public long getMaximumSize() {
            return maximumSize;
        }

        public void setMaximumSize(long maximumSize) {
            require(maximumSize >= 0, "pagable.cache.maximum-size", maximumSize, "it is negative", "0 or more");
            this.maximumSize = maximumSize;
        }

        public @Nullable Duration getExpireAfterAccess() {
            return expireAfterAccess;
        }

        public void setExpireAfterAccess(@Nullable Duration expireAfterAccess) {
            if (expireAfterAccess != null) {
                requirePositive(expireAfterAccess, "pagable.cache.expire-after-access");
            }
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
            requirePositive(interval, "pagable.drainer.interval");
            this.interval = interval;
        }

        public int getBatchSize() {
            return batchSize;
        }

        public void setBatchSize(int batchSize) {
            require(batchSize > 0, "pagable.drainer.batch-size", batchSize, "it is not positive", "1 or more");
            this.batchSize = batchSize;
        }

        public int getThreads() {
            return threads;
        }

        public void setThreads(int threads) {
            require(threads > 0, "pagable.drainer.threads", threads, "it is not positive", "1 or more");
            this.threads = threads;
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
