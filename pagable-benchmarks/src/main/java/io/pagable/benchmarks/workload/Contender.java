package io.pagable.benchmarks.workload;

import java.nio.file.Path;
import java.util.EnumMap;

/** One way of keeping the workload's graph; each repetition runs in a fresh directory and store. */
interface Contender {

    /**
     * Returns the name shown in the results.
     *
     * @return the name
     */
    String name();

    /**
     * Runs every phase once on fresh storage.
     *
     * @param workload the graphs
     * @param directory an empty directory of this repetition
     * @return the figures measured
     * @throws Exception if the contender fails
     */
    EnumMap<Metric, Double> run(Workload workload, Path directory) throws Exception;

    /**
     * Runs an action and returns how long it took.
     *
     * @param action the action
     * @return seconds
     * @throws Exception if the action fails
     */
    static double seconds(Timed action) throws Exception {
        long start = System.nanoTime();
        action.run();
        return (System.nanoTime() - start) / 1e9;
    }

    /** An action to time. */
    interface Timed {

        /**
         * Runs the action.
         *
         * @throws Exception if it fails
         */
        void run() throws Exception;
    }
}
