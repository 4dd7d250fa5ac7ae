package io.pagable.boot.autoconfigure;

import io.pagable.StoreException;
import io.pagable.store.ContentStore;
import io.pagable.store.file.FileContentStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The file store: chosen by {@code pagable.store.type=file}, or by default when the application has
 * no {@code DataSource}. Without {@code pagable.store.file.directory} it uses
 * {@code pagable/<spring.application.name>} under the temporary directory and logs where.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnMissingBean(ContentStore.class)
@Conditional(StoreCondition.class)
class FileStoreConfiguration {

    static final String DIRECTORY_PROPERTY = "pagable.store.file.directory";

    private static final Logger logger = LoggerFactory.getLogger(FileStoreConfiguration.class);

    @Bean
    @ConditionalOnMissingBean
    FileContentStore pagableContentStore(PagableProperties properties, Environment environment) {
        PagableProperties.File file = properties.getStore().getFile();
        Path directory = file.getDirectory();
        if (directory == null) {
            directory = defaultDirectory(environment);
            logger.info(
                    "Pagable file store in {} (a temporary directory; set {} to keep the data elsewhere)",
                    directory,
                    DIRECTORY_PROPERTY);
        } else {
            logger.info("Pagable file store in {}", directory.toAbsolutePath());
        }
        requireWritableDirectory(directory);
        try {
            return new FileContentStore(directory, file.isFsync());
        } catch (StoreException ex) {
            throw new InvalidConfigurationPropertyValueException(
                    DIRECTORY_PROPERTY,
                    directory,
                    "The file store cannot be opened there (" + ex.getMessage() + "). Must be a directory that no "
                            + "other running file store has open.");
        }
    }

    static Path defaultDirectory(Environment environment) {
        String name = environment.getProperty("spring.application.name", "application");
        return Path.of(System.getProperty("java.io.tmpdir"), "pagable", name.replaceAll("[^A-Za-z0-9._-]", "_"));
    }

    private static void requireWritableDirectory(Path directory) {
        try {
            Files.createDirectories(directory);
            Path probe = Files.createTempFile(directory, ".pagable-", ".probe");
            Files.delete(probe);
        } catch (IOException | SecurityException | UnsupportedOperationException ex) {
            String reason = Files.isDirectory(directory)
                    ? "The directory cannot be written to (" + ex + ")."
                    : "The directory cannot be created (" + ex + ").";
            throw new InvalidConfigurationPropertyValueException(
                    DIRECTORY_PROPERTY,
                    directory,
                    reason + " Must be a directory the application can create and write to.");
        }
    }
}
