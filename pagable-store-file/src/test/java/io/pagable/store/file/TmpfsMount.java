package io.pagable.store.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A small tmpfs file system mounted for one test: a real disk that fills up ({@code ENOSPC}) and can
 * be made read-only ({@code EROFS}), which file permissions cannot simulate for tests running as
 * root. Mounting needs root (or {@code CAP_SYS_ADMIN}) and the {@code mount} command; where that is
 * not available, {@link #tryMount} says why and the tests are skipped.
 */
final class TmpfsMount implements AutoCloseable {

    private final Path directory;

    private TmpfsMount(Path directory) {
        this.directory = directory;
    }

    /** Mounts a tmpfs of the given size (e.g. {@code 2m}) on an empty directory, or returns why it cannot. */
    static Result tryMount(Path directory, String size) {
        if (!System.getProperty("os.name", "")
                .toLowerCase(java.util.Locale.ROOT)
                .contains("linux")) {
            return new Result(null, "mounting a tmpfs is only tried on Linux");
        }
        String problem =
                run("mount", "-t", "tmpfs", "-o", "size=" + size + ",mode=0755", "tmpfs", directory.toString());
        return (problem == null)
                ? new Result(new TmpfsMount(directory), null)
                : new Result(null, "cannot mount a tmpfs (needs root and the mount command): " + problem);
    }

    /** Changes the file system's size; a larger size is disk space coming back. */
    void resize(String size) {
        require(run("mount", "-o", "remount,size=" + size, directory.toString()));
    }

    /** Makes the file system read-only or writable again; read-only needs no file open for writing. */
    void readOnly(boolean readOnly) {
        require(run("mount", "-o", readOnly ? "remount,ro" : "remount,rw", directory.toString()));
    }

    @Override
    public void close() {
        require(run("umount", "-l", directory.toString()));
    }

    private static void require(@Nullable String problem) {
        if (problem != null) {
            throw new IllegalStateException(problem);
        }
    }

    /** Runs a command; returns null when it succeeded, else what went wrong. */
    private static @Nullable String run(String... command) {
        try {
            Process process = new ProcessBuilder(List.of(command))
                    .redirectErrorStream(true)
                    .start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return String.join(" ", command) + " did not finish";
            }
            return (process.exitValue() == 0)
                    ? null
                    : String.join(" ", command) + " exited with " + process.exitValue() + ": " + output;
        } catch (IOException ex) {
            return String.join(" ", new ArrayList<>(List.of(command))) + " could not run: " + ex.getMessage();
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return "interrupted";
        }
    }

    /** A mount, or why there is none. */
    record Result(@Nullable TmpfsMount mount, @Nullable String problem) {}
}
