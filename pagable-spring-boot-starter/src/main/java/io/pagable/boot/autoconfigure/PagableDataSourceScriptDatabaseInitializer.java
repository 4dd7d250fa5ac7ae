package io.pagable.boot.autoconfigure;

import io.pagable.store.jdbc.JdbcContentStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.sql.DataSource;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.jdbc.init.PlatformPlaceholderDatabaseDriverResolver;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.Resource;
import org.springframework.util.StringUtils;

/**
 * Creates the JDBC store's tables with the schema script pagable ships for the database
 * ({@code io/pagable/store/jdbc/schema-{h2,postgresql,mariadb}.sql}), with the table name from
 * {@code pagable.store.jdbc.table-name} in place of the scripts' {@value JdbcContentStore#DEFAULT_TABLE_NAME}
 * (also where it starts the names of the tables beside it). The scripts create each table only if it
 * does not exist; a table of pagable 0.1 is left for its upgrade script, which the start's failure
 * names. Runs as
 * {@code pagable.store.jdbc.initialize-schema} says; define a bean of this type to take over.
 */
public class PagableDataSourceScriptDatabaseInitializer extends DataSourceScriptDatabaseInitializer {

    /** The default table name, also where it starts the names of the tables beside it ({@code PAGABLE_NODES_ROOTS}). */
    private static final Pattern DEFAULT_TABLE_NAME =
            Pattern.compile("\\b" + Pattern.quote(JdbcContentStore.DEFAULT_TABLE_NAME));

    private final String tableName;

    /**
     * Creates an initializer.
     *
     * @param dataSource the store's data source
     * @param properties the JDBC store's properties
     */
    public PagableDataSourceScriptDatabaseInitializer(DataSource dataSource, PagableProperties.Jdbc properties) {
        super(dataSource, settings(dataSource, properties));
        this.tableName = properties.getTableName();
    }

    /**
     * Returns the settings for the given data source and properties.
     *
     * @param dataSource the store's data source
     * @param properties the JDBC store's properties
     * @return the schema location for the database's platform and the initialization mode
     */
    public static DatabaseInitializationSettings settings(DataSource dataSource, PagableProperties.Jdbc properties) {
        PlatformPlaceholderDatabaseDriverResolver resolver =
                new PlatformPlaceholderDatabaseDriverResolver().withDriverPlatform(DatabaseDriver.MYSQL, "mariadb");
        String platform = properties.getPlatform();
        List<String> locations = StringUtils.hasText(platform)
                ? resolver.resolveAll(platform, properties.getSchema())
                : resolver.resolveAll(dataSource, properties.getSchema());
        DatabaseInitializationSettings settings = new DatabaseInitializationSettings();
        settings.setSchemaLocations(locations);
        settings.setMode(properties.getInitializeSchema());
        return settings;
    }

    @Override
    protected void runScripts(Scripts scripts) {
        Charset encoding = (scripts.getEncoding() != null) ? scripts.getEncoding() : StandardCharsets.UTF_8;
        List<Resource> resolved = new ArrayList<>();
        for (Resource script : scripts) {
            resolved.add(withTableName(script, encoding));
        }
        super.runScripts(new Scripts(resolved)
                .continueOnError(scripts.isContinueOnError())
                .separator(scripts.getSeparator())
                .encoding(encoding));
    }

    private Resource withTableName(Resource script, Charset encoding) {
        try {
            String sql = DEFAULT_TABLE_NAME
                    .matcher(script.getContentAsString(encoding))
                    .replaceAll(Matcher.quoteReplacement(tableName));
            return new ByteArrayResource(sql.getBytes(encoding), script.getDescription() + " for table " + tableName);
        } catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + script.getDescription(), ex);
        }
    }
}
