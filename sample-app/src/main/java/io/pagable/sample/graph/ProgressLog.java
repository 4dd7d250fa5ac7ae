package io.pagable.sample.graph;

import java.util.function.IntConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs the progress of a generation: at every tenth of its nodes, then as its arcs are written. */
final class ProgressLog implements IntConsumer {

    private static final Logger logger = LoggerFactory.getLogger(RegistryGenerator.class);

    private final String name;

    private final int total;

    private int nextTenth = 1;

    ProgressLog(String name, int total) {
        this.name = name;
        this.total = total;
    }

    @Override
    public void accept(int done) {
        if (nextTenth <= 10 && (long) done * 10 >= (long) total * nextTenth) {
            logger.info(
                    "Generating graph '{}': {} of {} nodes ({}%)",
                    name, String.format("%,d", done), String.format("%,d", total), done * 100L / total);
            while (nextTenth <= 10 && (long) done * 10 >= (long) total * nextTenth) {
                nextTenth++;
            }
        }
    }

    /**
     * Logs how many of the graph's arcs are written.
     *
     * @param arcs the graph's arcs
     * @param pending arcs still waiting to be written
     */
    void written(int arcs, long pending) {
        long written = Math.max(0, arcs - pending);
        logger.info(
                "Writing graph '{}': {} of {} arcs written ({}%)",
                name, String.format("%,d", written), String.format("%,d", arcs), written * 100 / Math.max(1, arcs));
    }
}
