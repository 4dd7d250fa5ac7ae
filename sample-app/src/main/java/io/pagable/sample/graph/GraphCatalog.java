package io.pagable.sample.graph;

import io.pagable.PagableRoot;
import io.pagable.PagableStorage;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.ScrollPosition;
import org.springframework.data.domain.Window;
import org.springframework.stereotype.Repository;

/**
 * The sample's graphs, each a named root {@code graphs/<name>} in pagable's store whose value is a
 * {@link SavedGraph}. The root keeps the graph from the garbage collector and is all the application
 * needs to find it again after a restart; deleting it lets the next collection delete the graph.
 */
@Repository
public class GraphCatalog {

    /** What every graph's root name starts with. */
    static final String ROOT_PREFIX = "graphs/";

    private final PagableStorage storage;

    /**
     * Creates the catalog.
     *
     * @param storage the storage that keeps the roots
     */
    public GraphCatalog(PagableStorage storage) {
        this.storage = storage;
    }

    /**
     * Records a graph, unless its name is taken: of two instances that record one name at once,
     * exactly one succeeds.
     *
     * @param graph the graph
     * @return false if a graph of that name exists; nothing was changed
     */
    public boolean add(SavedGraph graph) {
        // tag::add[]
        return storage.replaceRoot(rootName(graph.name()), null, graph); // false if the name exists
        // end::add[]
    }

    /**
     * Tells whether a graph of that name exists.
     *
     * @param name the name
     * @return whether it exists
     */
    public boolean exists(String name) {
        return storage.root(rootName(name)).isPresent();
    }

    /**
     * Finds a graph by name.
     *
     * @param name the name
     * @return the graph, if recorded
     */
    public Optional<SavedGraph> find(String name) {
        // tag::find[]
        return storage.loadRoot(rootName(name), SavedGraph.class); // one small node; the registry stays paged out
        // end::find[]
    }

    /**
     * Lists graphs in name order, a window at a time: keyset paging on the name, so a page costs
     * the same wherever it starts.
     *
     * @param after the last name of the previous window, or {@code null} for the first
     * @param size the most graphs to return
     * @return the graphs; scroll on from the position of its last one
     */
    public Window<SavedGraph> list(@Nullable String after, int size) {
        List<SavedGraph> graphs = storage.roots(rootName(after == null ? "" : after), size + 1).stream()
                .takeWhile((root) -> root.name().startsWith(ROOT_PREFIX))
                .map(this::load)
                .toList();
        return Window.from(
                graphs.subList(0, Math.min(size, graphs.size())),
                (index) ->
                        ScrollPosition.forward(Map.of("name", graphs.get(index).name())),
                graphs.size() > size);
    }

    /**
     * Deletes a graph's root. Its nodes stay in the store until the next garbage collection.
     *
     * @param name the name
     * @return whether the graph existed
     */
    public boolean delete(String name) {
        return storage.deleteRoot(rootName(name));
    }

    private SavedGraph load(PagableRoot root) {
        return storage.load(root.key(), SavedGraph.class);
    }

    private static String rootName(String name) {
        return ROOT_PREFIX + name;
    }
}
