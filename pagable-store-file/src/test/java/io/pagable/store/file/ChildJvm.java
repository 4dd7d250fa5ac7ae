package io.pagable.store.file;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A second JVM running {@link FileStoreChild} with this test's class path. */
final class ChildJvm implements AutoCloseable {

    private final Process process;

    private final BufferedReader output;

    private final Path errors;

    private ChildJvm(Process process, Path errors) {
        this.process = process;
        this.output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.errors = errors;
    }

    static ChildJvm start(Path workDirectory, String... arguments) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx128m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(FileStoreChild.class.getName());
        command.addAll(List.of(arguments));
        Path errors = Files.createTempFile(workDirectory, "child", ".err");
        Process process =
                new ProcessBuilder(command).redirectError(errors.toFile()).start();
        return new ChildJvm(process, errors);
    }

    /** Returns the child's next line of output, or null when it ended. */
    String readLine() throws IOException {
        return output.readLine();
    }

    /** Closes the child's standard input. */
    void closeInput() throws IOException {
        process.getOutputStream().close();
    }

    /** Kills the child as a crash would (SIGKILL on Unix) and waits for it to be gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(1, TimeUnit.MINUTES);
    }

    int waitFor() throws InterruptedException {
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("The child JVM did not end within a minute");
        }
        return process.exitValue();
    }

    String errors() throws IOException {
        return Files.readString(errors);
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
