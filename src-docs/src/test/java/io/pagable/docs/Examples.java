package io.pagable.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The example files under {@code src/test/resources/examples}, which the pages include. */
public final class Examples {

    /** Where the examples are. */
    public static final Path DIRECTORY = Path.of("src/test/resources/examples");

    private Examples() {}

    /**
     * Reads an example {@code .properties} file as {@code key=value} pairs, in file order.
     *
     * @param name the file name
     * @return the pairs, for {@code withPropertyValues}
     */
    public static String[] properties(String name) {
        List<String> pairs = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(DIRECTORY.resolve(name))) {
                String trimmed = line.strip();
                if (!trimmed.isEmpty() && !trimmed.startsWith("#")) {
                    pairs.add(trimmed);
                }
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return pairs.toArray(String[]::new);
    }
}
