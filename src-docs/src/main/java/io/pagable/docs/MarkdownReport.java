package io.pagable.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a benchmark report written in Markdown into AsciiDoc, for the constructs the reports use:
 * headings, bullet lists, pipe tables, bold text, code spans and images. Images are copied next to
 * the generated HTML, under {@code images/benchmarks/}.
 */
final class MarkdownReport {

    private static final Pattern IMAGE = Pattern.compile("!\\[([^]]*)]\\(([^)]+)\\)");

    private static final Pattern HEADING = Pattern.compile("(#+)\\s+(.*)");

    private MarkdownReport() {}

    /**
     * Converts one report.
     *
     * @param report the Markdown file
     * @param sectionLevel the AsciiDoc level of the report's top heading (2 for {@code ===})
     * @param imagesOutput where images are copied (the HTML's {@code images/benchmarks} directory)
     * @return AsciiDoc
     */
    static String toAsciiDoc(Path report, int sectionLevel, Path imagesOutput) {
        List<String> lines = List.of(GeneratedSnippets.read(report).split("\n", -1));
        StringBuilder doc = new StringBuilder();
        int i = 0;
        while (i < lines.size()) {
            String line = lines.get(i);
            Matcher heading = HEADING.matcher(line);
            Matcher image = IMAGE.matcher(line.strip());
            if (line.startsWith("|")) {
                List<String> table = new ArrayList<>();
                while (i < lines.size() && lines.get(i).startsWith("|")) {
                    table.add(lines.get(i++));
                }
                table(table, doc);
                continue;
            }
            if (heading.matches()) {
                int level = sectionLevel + heading.group(1).length() - 1;
                doc.append("=".repeat(level + 1))
                        .append(' ')
                        .append(inline(heading.group(2)))
                        .append('\n');
            } else if (image.matches()) {
                String file = copy(report.resolveSibling(image.group(2)), imagesOutput);
                doc.append("image::images/benchmarks/")
                        .append(file)
                        .append('[')
                        .append(image.group(1))
                        .append(",width=100%]\n");
            } else if (line.startsWith("- ")) {
                doc.append("* ").append(inline(line.substring(2))).append('\n');
            } else {
                doc.append(inline(line)).append('\n');
            }
            i++;
        }
        return doc.toString();
    }

    private static void table(List<String> rows, StringBuilder doc) {
        List<List<String>> cells = new ArrayList<>();
        List<String> separator = null;
        for (String row : rows) {
            List<String> parts = split(row);
            if (parts.stream().allMatch((part) -> part.matches(":?-+:?"))) {
                separator = parts;
            } else {
                cells.add(parts);
            }
        }
        int columns = cells.get(0).size();
        List<String> specs = new ArrayList<>();
        for (int c = 0; c < columns; c++) {
            String spec = (separator != null && c < separator.size()) ? separator.get(c) : "---";
            specs.add(spec.endsWith(":") ? (spec.startsWith(":") ? "^" : ">") : "<");
        }
        doc.append("[cols=\"").append(String.join(",", specs)).append("\",options=\"header\"]\n|===\n");
        for (List<String> row : cells) {
            for (int c = 0; c < columns; c++) {
                String cell = (c < row.size()) ? row.get(c) : "";
                doc.append("| ").append(inline(cell).replace("|", "\\|")).append('\n');
            }
            doc.append('\n');
        }
        doc.append("|===\n");
    }

    private static List<String> split(String row) {
        String trimmed = row.strip();
        trimmed = trimmed.substring(1, trimmed.endsWith("|") ? trimmed.length() - 1 : trimmed.length());
        List<String> parts = new ArrayList<>();
        for (String part : trimmed.split("\\|", -1)) {
            parts.add(part.strip());
        }
        return parts;
    }

    /** Bold is {@code *text*} in AsciiDoc; code spans and plain text carry over. */
    private static String inline(String text) {
        return text.replaceAll("\\*\\*([^*]+)\\*\\*", "*$1*");
    }

    private static String copy(Path image, Path imagesOutput) {
        try {
            Files.createDirectories(imagesOutput);
            Path target = imagesOutput.resolve(image.getFileName().toString());
            Files.copy(image, target, StandardCopyOption.REPLACE_EXISTING);
            return target.getFileName().toString();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
