package io.pagable.sample.graph;

import io.pagable.Pinned;
import io.pagable.sample.registry.Registry;
import java.util.List;

/**
 * A freshly generated registry with its figures. It holds a pin on every arc of the graph, so the
 * graph stays on the heap until {@link #close()}: then each arc that has been written pages out.
 */
public final class GeneratedRegistry implements AutoCloseable {

    private final Registry registry;

    private final int nodes;

    private final int packages;

    private final int versions;

    private final int dependencyEdges;

    private final List<Pinned<?>> pins;

    GeneratedRegistry(
            Registry registry, int nodes, int packages, int versions, int dependencyEdges, List<Pinned<?>> pins) {
        this.registry = registry;
        this.nodes = nodes;
        this.packages = packages;
        this.versions = versions;
        this.dependencyEdges = dependencyEdges;
        this.pins = pins;
    }

    /**
     * Returns the graph's root.
     *
     * @return the registry
     */
    public Registry registry() {
        return registry;
    }

    /**
     * Returns the number of nodes: the registry, packages, READMEs, versions, manifests and distinct
     * dependency edges.
     *
     * @return the node count
     */
    public int nodes() {
        return nodes;
    }

    /**
     * Returns the number of packages.
     *
     * @return the package count
     */
    public int packages() {
        return packages;
    }

    /**
     * Returns the number of versions, over all packages.
     *
     * @return the version count
     */
    public int versions() {
        return versions;
    }

    /**
     * Returns the number of distinct dependency edge instances.
     *
     * @return the edge count
     */
    public int dependencyEdges() {
        return dependencyEdges;
    }

    /**
     * Returns the number of arcs the graph holds (each one pinned until {@link #close()}).
     *
     * @return the arc count
     */
    public int arcs() {
        return pins.size();
    }

    /** Closes every pin: arcs already written page out at once, the others at their next drain. */
    @Override
    public void close() {
        for (Pinned<?> pin : pins) {
            pin.close();
        }
        pins.clear();
    }
}
