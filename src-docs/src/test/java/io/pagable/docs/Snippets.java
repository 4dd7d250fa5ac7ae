package io.pagable.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Reads tagged regions of source files the way Asciidoctor's {@code include::file[tags=name,indent=0]}
 * does: the lines between {@code tag::name[]} and {@code end::name[]} (every region of that tag,
 * without the lines of any tag directive), with their common indentation removed.
 */
public final class Snippets {

    private static final Pattern DIRECTIVE = Pattern.compile(".*\\b(tag|end)::[\\w-]+\\[\\].*");

    private Snippets() {}

    /**
     * Returns a tagged region.
     *
     * @param file the source file
     * @param tag the tag
     * @return the region's lines joined by {@code \n}
     * @throws IllegalArgumentException if the file has no such tag
     */
    public static String tagged(Path file, String tag) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        List<String> region = new ArrayList<>();
        boolean inside = false;
        boolean found = false;
        for (String line : lines) {
            if (line.contains("tag::" + tag + "[]")) {
                inside = true;
                found = true;
            } else if (line.contains("end::" + tag + "[]")) {
                inside = false;
            } else if (inside && !DIRECTIVE.matcher(line).matches()) {
                region.add(line);
            }
        }
        if (!found) {
            throw new IllegalArgumentException(file + " has no tag '" + tag + "'");
        }
        int indent = region.stream()
                .filter((line) -> !line.isBlank())
                .mapToInt(Snippets::indentation)
                .min()
                .orElse(0);
        List<String> dedented = new ArrayList<>();
        for (String line : region) {
            dedented.add(line.isBlank() ? "" : line.substring(indent));
        }
        return String.join("\n", dedented);
    }

    private static int indentation(String line) {
        int count = 0;
        while (count < line.length() && line.charAt(count) == ' ') {
            count++;
        }
        return count;
    }
}
