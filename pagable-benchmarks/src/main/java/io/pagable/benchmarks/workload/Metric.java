package io.pagable.benchmarks.workload;

/** What one repetition of a contender measures; absent where it does not apply. */
enum Metric {
    STORE_SECONDS("store s"),
    DISK_BYTES("on disk"),
    HEAP_RETAINED_BYTES("heap retained"),
    OFF_HEAP_BYTES("off heap (file index, direct memory)"),
    COLD_SECONDS("cold traversal s"),
    OPEN_SECONDS("open s (in cold)"),
    WARM_SECONDS("warm traversal s"),
    INCREMENTAL_SECONDS("incremental store s"),
    INCREMENTAL_BYTES("incremental bytes added"),
    INCREMENTAL_NODES("incremental nodes written"),
    INCREMENTAL_EXPECTED_NODES("changed leaves + ancestors (+ their lists)"),
    INCREMENTAL_ENCODED_BYTES("encoded size of nodes written"),
    SECOND_GRAPH_SECONDS("second graph store s"),
    SECOND_GRAPH_BYTES("second graph bytes added"),
    COLD_READS("store reads in cold traversal"),
    COLD_ROUND_TRIPS("store round trips in cold traversal"),
    TRAVERSED_NODES("nodes visited"),
    PAYLOAD_BYTES("payload bytes summed");

    private final String label;

    Metric(String label) {
        this.label = label;
    }

    String label() {
        return label;
    }

    boolean isBytes() {
        return name().endsWith("BYTES") && this != PAYLOAD_BYTES;
    }

    boolean isSeconds() {
        return name().endsWith("SECONDS");
    }
}
