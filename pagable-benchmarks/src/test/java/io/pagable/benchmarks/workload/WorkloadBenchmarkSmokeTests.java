package io.pagable.benchmarks.workload;

import static org.assertj.core.api.Assertions.assertThat;

import io.pagable.store.jdbc.TestDatabases;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The documented workload command, run on a small graph with every contender: it completes and
 * writes a report with a row for every target and a chart. PostgreSQL takes part when it answers (the
 * benchmark's own rule); where the build requires the databases, as CI does, its absence fails. Not a speed test: the figures of so small
 * a run mean nothing and are not checked, only what holds whatever the machine (each contender
 * traverses the whole graph, cold and warm alike, and content addressing writes exactly the changed
 * nodes and their ancestors).
 */
class WorkloadBenchmarkSmokeTests {

    @TempDir
    Path directory;

    @Test
    void documentedCommandRunsEveryContenderOnASmallGraphAndWritesTheReport() throws Exception {
        Path out = directory.resolve("results");
        WorkloadBenchmark.main(new String[] {
            "--nodes", "3000",
            "--repetitions", "1",
            "--warmup-nodes", "0",
            "--upstream-scale", "0.002",
            "--contenders", "file,h2,postgresql,eclipse,java,heap",
            "--out", out.toString(),
            "--work", directory.resolve("work").toString()
        });

        String report = Files.readString(out.resolve("workload-3000.md"), StandardCharsets.UTF_8);
        List<String> stores = new ArrayList<>(List.of("file", "H2"));
        if (PagableBackend.postgresReachable()) {
            stores.add("PostgreSQL");
        } else {
            assertThat(TestDatabases.required())
                    .as(
                            "PostgreSQL does not answer, and this build requires the databases (%s)",
                            TestDatabases.REQUIRE_DATABASES_ENV)
                    .isFalse();
        }
        assertThat(report)
                .contains("| store time, file vs Eclipse Store |", "| store time, H2 vs Eclipse Store |")
                .contains("| bytes on disk, file vs Eclipse Store |")
                .contains("| incremental, file: bytes added vs encoded size |")
                .contains("| second graph, file: bytes added vs first graph |")
                .contains("| upstream 1,000,000 x 10 B page-out, file store |")
                .contains("| upstream 500,000 x 1 KiB page-out, file store |");
        for (String store : stores) {
            assertThat(report)
                    .contains("| heap after page-out, " + store + " vs all on heap |")
                    .contains("| cold traversal, " + store + " vs Eclipse Store |")
                    .contains("| warm traversal, " + store + " vs all on heap |")
                    .as("content addressing writes the changed nodes and their ancestors, nothing else")
                    .containsPattern(
                            "\\| incremental, " + store + ": nodes written / changed \\+ ancestors \\| 1\\.00x \\|");
        }
        assertThat(Files.readString(out.resolve("workload-3000.svg"), StandardCharsets.UTF_8))
                .startsWith("<svg")
                .contains("cold traversal, file vs Eclipse Store");
    }
}
