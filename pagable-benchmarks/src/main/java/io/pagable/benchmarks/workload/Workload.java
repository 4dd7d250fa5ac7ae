package io.pagable.benchmarks.workload;

import java.util.BitSet;

/**
 * The graphs every contender stores: the first graph, the same graph with 1% of its leaves changed,
 * and a second graph of the first graph's nodes plus 10% new ones under a new root.
 *
 * @param first the first graph
 * @param changed the first graph with 1% of its leaves changed
 * @param affected nodes of {@code changed} whose content or descendants changed
 * @param second the second graph
 */
record Workload(GraphShape first, GraphShape changed, BitSet affected, GraphShape second) {

    /**
     * Generates the workload.
     *
     * @param nodes unique nodes of the first graph
     * @param seed the random seed
     * @return the workload
     */
    static Workload generate(int nodes, long seed) {
        GraphShape first = GraphShape.generate(nodes, seed);
        GraphShape changed = first.withChangedLeaves(0.01, seed + 1);
        BitSet affected = changed.affectedComparedWith(first);
        GraphShape second = first.extend(nodes / 10, seed + 2);
        return new Workload(first, changed, affected, second);
    }

    /**
     * Nodes content addressing must write for the change: each affected node, plus the list of each
     * affected rule or group (its list holds a changed child, so its key changes too).
     *
     * @return the expected node count
     */
    long expectedIncrementalNodes() {
        long nodes = 0;
        for (int i = affected.nextSetBit(0); i >= 0; i = affected.nextSetBit(i + 1)) {
            nodes += (changed.kind(i) == GraphShape.LEAF) ? 1 : 2;
        }
        return nodes;
    }
}
