package io.pagable.store.jdbc;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The build's one line on which databases its tests ran against, for example {@code pagable tests ran
 * against H2 (embedded), MariaDB (jdbc:mariadb://127.0.0.1:3306/test), PostgreSQL
 * (jdbc:postgresql://127.0.0.1:5432/test)}, or {@code ...; PostgreSQL not found: start it on ... or
 * set PAGABLE_TEST_POSTGRES_URL}. Every test JVM that looks a database up records what it found in
 * {@value #STATE} under the build's root {@code target} folder (a database found by any JVM counts as
 * tested), and rewrites the line in {@value #LINE}; the last module of the build prints that file at
 * its {@code verify} phase and deletes both. Outside a Maven build of this project (no {@code mvnw}
 * above the working directory) nothing is written.
 */
public final class DatabaseSummary {

    /** What each database's lookup found, by database name: its URL, or {@code !} and how to enable it. */
    static final String STATE = "pagable-test-databases.properties";

    /** The summary line. */
    static final String LINE = "pagable-test-databases.txt";

    private DatabaseSummary() {}

    /**
     * Records what the lookup of one database found and rewrites the summary line.
     *
     * @param database the database's name, e.g. {@code PostgreSQL}
     * @param jdbcUrl the URL tested against, or {@code null} when it was not found
     * @param howToEnable what to do to test against it, when it was not found
     */
    static synchronized void record(String database, @Nullable String jdbcUrl, String howToEnable) {
        Path folder = buildTarget(Path.of(System.getProperty("user.dir")).toAbsolutePath());
        if (folder != null) {
            record(folder, database, jdbcUrl, howToEnable);
        }
    }

    static void record(Path folder, String database, @Nullable String jdbcUrl, String howToEnable) {
        try {
            Files.createDirectories(folder);
            Path state = folder.resolve(STATE);
            Properties found = new Properties();
            if (Files.exists(state)) {
                try (Reader reader = Files.newBufferedReader(state, StandardCharsets.UTF_8)) {
                    found.load(reader);
                }
            }
            String previous = found.getProperty(database);
            if (jdbcUrl != null) {
                found.setProperty(database, jdbcUrl);
            } else if (previous == null || previous.startsWith("!")) {
                found.setProperty(database, "!" + howToEnable);
            }
            try (Writer writer = Files.newBufferedWriter(state, StandardCharsets.UTF_8)) {
                found.store(writer, null);
            }
            Files.writeString(folder.resolve(LINE), line(found) + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException ex) {
            throw new UncheckedIOException("Could not record the test databases in " + folder, ex);
        }
    }

    /** The line for what was found: the databases tested, then what to do for the others. */
    static String line(Properties found) {
        List<String> tested = new ArrayList<>(List.of("H2 (embedded)"));
        List<String> missing = new ArrayList<>();
        new TreeMap<>(found).forEach((name, value) -> {
            String text = (String) value;
            if (text.startsWith("!")) {
                missing.add(text.substring(1));
            } else {
                tested.add(name + " (" + text + ")");
            }
        });
        String line = "pagable tests ran against " + String.join(", ", tested);
        return missing.isEmpty() ? line : line + "; " + String.join("; ", missing);
    }

    /** The {@code target} folder of the build's root: the nearest folder above holding {@code mvnw}. */
    static @Nullable Path buildTarget(Path start) {
        for (Path folder = start; folder != null; folder = folder.getParent()) {
            if (Files.isRegularFile(folder.resolve("mvnw")) && Files.isDirectory(folder.resolve(".mvn"))) {
                return folder.resolve("target");
            }
        }
        return null;
    }
}
