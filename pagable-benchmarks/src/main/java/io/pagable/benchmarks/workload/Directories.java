package io.pagable.benchmarks.workload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Sizes and removal of benchmark directories. */
final class Directories {

    private Directories() {}

    /**
     * Returns the bytes of every regular file under a path (0 when it does not exist).
     *
     * @param path a file or directory
     * @return the total size
     */
    static long sizeOf(Path path) {
        if (!java.nio.file.Files.exists(path)) {
            return 0;
        }
        try (Stream<Path> files = java.nio.file.Files.walk(path)) {
            return files.filter(java.nio.file.Files::isRegularFile)
                    .mapToLong((file) -> {
                        try {
                            return java.nio.file.Files.size(file);
                        } catch (IOException ex) {
                            return 0; // removed while walking (a database's temporary file)
                        }
                    })
                    .sum();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * Deletes a directory and everything in it.
     *
     * @param directory the directory
     */
    static void delete(Path directory) {
        if (!java.nio.file.Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = java.nio.file.Files.walk(directory)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
