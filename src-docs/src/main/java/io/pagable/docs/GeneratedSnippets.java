package io.pagable.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes the AsciiDoc fragments the pages include and that must not be written by hand: the table
 * of {@code pagable.*} properties, from the starter's configuration metadata, and the tables of
 * benchmark results, from the JMH result files. The build runs it before Asciidoctor.
 */
public final class GeneratedSnippets {

    private GeneratedSnippets() {}

    /**
     * Writes the fragments.
     *
     * @param args the output directory, then the directory of JMH result files (which may be missing)
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("Usage: GeneratedSnippets <output directory> <benchmark results>");
        }
        Path output = Path.of(args[0]);
        Files.createDirectories(output);
        JsonMapper json = JsonMapper.builder().build();
        List<JsonNode> metadata = new ArrayList<>();
        for (URL url : metadataFiles()) {
            try (InputStream in = url.openStream()) {
                metadata.add(json.readTree(in));
            }
        }
        ConfigurationPropertiesTable properties = ConfigurationPropertiesTable.from(metadata);
        Files.writeString(output.resolve("configuration-properties.adoc"), properties.toAsciiDoc());
        Files.writeString(
                output.resolve("benchmark-results.adoc"),
                BenchmarkResultsTable.from(Path.of(args[1])).toAsciiDoc());
    }

    /**
     * Returns every configuration metadata file on the class path (the starter's among them).
     *
     * @return their URLs
     */
    static List<URL> metadataFiles() {
        try {
            Enumeration<URL> urls = GeneratedSnippets.class
                    .getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json");
            return Collections.list(urls);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
