package io.pagable.boot.autoconfigure;

import static io.pagable.boot.autoconfigure.PropertyValueCheck.atLeast;
import static io.pagable.boot.autoconfigure.PropertyValueCheck.positive;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.CaffeineSpec;
import com.github.benmanes.caffeine.cache.Ticker;
import io.pagable.PagableStorage;
import io.pagable.PagableStorageBuilder;
import io.pagable.TypeRegistry;
import io.pagable.boot.drainer.PagableDrainer;
import io.pagable.boot.gc.PagableGarbageCollector;
import io.pagable.store.ContentStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;
import org.springframework.util.unit.DataSize;

/**
 * Auto-configuration for pagable: a {@link PagableStorage} on the {@link ContentStore} chosen by
 * {@code pagable.store.type} (JDBC when the application has a {@code DataSource}, else files), a
 * {@link TypeRegistry} of the {@code @PagableType} classes in the application's packages, the arc
 * cache, and a {@link PagableDrainer} that pages pending arcs out on a schedule.
 *
 * <p>Every bean backs off when the application defines its own. The arc cache honours a unique
 * {@link Caffeine} bean (used as it is: set its ticker and executor yourself) or {@link CaffeineSpec}
 * bean, and a {@link Ticker} bean; any other engine setting can be changed with a
 * {@link PagableStorageBuilderCustomizer}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnBooleanProperty(name = "pagable.enabled", matchIfMissing = true)
@EnableConfigurationProperties(PagableProperties.class)
@Import({JdbcStoreConfiguration.class, FileStoreConfiguration.class, MemoryStoreConfiguration.class})
public final class PagableAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    TypeRegistry pagableTypeRegistry(
            BeanFactory beanFactory,
            PagableProperties properties,
            Environment environment,
            ResourceLoader resourceLoader) {
        List<String> packages = new ArrayList<>();
        if (AutoConfigurationPackages.has(beanFactory)) {
            packages.addAll(AutoConfigurationPackages.get(beanFactory));
        }
        packages.addAll(properties.getTypes().getPackages());
        return new PagableTypeScanner(environment, resourceLoader).scan(packages);
    }

    @Bean
    @ConditionalOnMissingBean
    PagableStorage pagableStorage(
            PagableProperties properties,
            ContentStore contentStore,
            TypeRegistry typeRegistry,
            ObjectProvider<Caffeine<Object, Object>> caffeine,
            ObjectProvider<CaffeineSpec> caffeineSpec,
            ObjectProvider<Ticker> ticker,
            ObjectProvider<PagableStorageBuilderCustomizer> customizers) {
        PagableStorageBuilder builder =
                PagableStorage.builder().contentStore(contentStore).typeRegistry(typeRegistry);
        PropertyMapper map = PropertyMapper.get();
        PagableProperties.Store store = properties.getStore();
        map.from(store::isVerifyReads).to(builder::verifyReads);
        map.from(store::getMaxNodeSize)
                .as(PropertyValueCheck.<DataSize>check(
                        "pagable.store.max-node-size",
                        (size) -> size.toBytes() >= 1 && size.toBytes() <= Integer.MAX_VALUE,
                        "Must be from 1B to 2047MB."))
                .asInt(DataSize::toBytes)
                .to(builder::maxNodeBytes);
        map.from(store::getReadAhead).as(atLeast("pagable.store.read-ahead", 0)).to(builder::readAhead);
        map.from(properties::isVerifyImmutability).to(builder::verifyImmutability);
        map.from(properties.getGc()::getGracePeriod)
                .as(PropertyValueCheck.<Duration>check(
                        "pagable.gc.grace-period", (grace) -> !grace.isNegative(), "Must be 0 or more."))
                .to(builder::gcGracePeriod);
        configureArcCache(builder, properties.getCache(), caffeine, caffeineSpec, ticker);
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "pagable.drainer.enabled", matchIfMissing = true)
    PagableDrainer pagableDrainer(PagableStorage pagableStorage, PagableProperties properties) {
        PagableProperties.Drainer drainer = properties.getDrainer();
        return new PagableDrainer(
                pagableStorage,
                positive("pagable.drainer.interval").adapt(drainer.getInterval()),
                atLeast("pagable.drainer.batch-size", 1).adapt(drainer.getBatchSize()),
                atLeast("pagable.drainer.threads", 1).adapt(drainer.getThreads()));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBooleanProperty(name = "pagable.gc.enabled", matchIfMissing = true)
    PagableGarbageCollector pagableGarbageCollector(PagableStorage pagableStorage, PagableProperties properties) {
        return new PagableGarbageCollector(
                pagableStorage,
                positive("pagable.gc.interval").adapt(properties.getGc().getInterval()));
    }

    /**
     * Configures the arc cache from, in this order: a unique {@link Caffeine} bean (used as it is),
     * a unique {@link CaffeineSpec} bean, {@code pagable.cache.spec}, or
     * {@code pagable.cache.maximum-size} and {@code pagable.cache.expire-after-access}. A unique
     * {@link Ticker} bean is the time source of every cache built here.
     */
    private static void configureArcCache(
            PagableStorageBuilder builder,
            PagableProperties.Cache properties,
            ObjectProvider<Caffeine<Object, Object>> caffeine,
            ObjectProvider<CaffeineSpec> caffeineSpec,
            ObjectProvider<Ticker> ticker) {
        Caffeine<Object, Object> userCache = caffeine.getIfUnique();
        if (userCache != null) {
            builder.cache(userCache);
            return;
        }
        ticker.ifUnique(builder::ticker);
        Caffeine<Object, Object> cache = specifiedCache(properties, caffeineSpec);
        if (cache == null) {
            long maximumSize = PropertyValueCheck.<Long>check(
                            "pagable.cache.maximum-size", (size) -> size >= 0, "Must be 0 or more.")
                    .adapt(properties.getMaximumSize());
            Duration expireAfterAccess = properties.getExpireAfterAccess();
            if (expireAfterAccess == null) {
                builder.cacheMaximumSize(maximumSize);
                return;
            }
            cache = Caffeine.newBuilder()
                    .maximumSize(maximumSize)
                    .expireAfterAccess(
                            positive("pagable.cache.expire-after-access").adapt(expireAfterAccess));
        }
        ticker.ifUnique(cache::ticker);
        builder.cache(cache);
    }

    private static @Nullable Caffeine<Object, Object> specifiedCache(
            PagableProperties.Cache properties, ObjectProvider<CaffeineSpec> caffeineSpec) {
        CaffeineSpec spec = caffeineSpec.getIfUnique();
        if (spec != null) {
            return Caffeine.from(spec);
        }
        String specText = properties.getSpec();
        if (specText == null) {
            return null;
        }
        try {
            return Caffeine.from(specText);
        } catch (IllegalArgumentException ex) {
            throw new InvalidConfigurationPropertyValueException(
                    "pagable.cache.spec",
                    specText,
                    "Must be a Caffeine spec such as 'maximumSize=10000,expireAfterAccess=10m' (" + ex.getMessage()
                            + ").");
        }
    }
}
