package io.pagable.sample.web;

import io.pagable.PagableStorage;
import io.pagable.sample.graph.GraphExistsException;
import io.pagable.sample.graph.GraphService;
import io.pagable.sample.graph.HeapFigures;
import io.pagable.sample.graph.RegistryGenerator;
import io.pagable.sample.graph.SavedGraph;
import io.pagable.sample.registry.Registry;
import java.net.URI;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.data.domain.Window;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The sample's API:
 * <ul>
 *   <li>{@code POST /api/graphs?name=&nodes=&seed=}: generates a registry and pages it out;
 *   <li>{@code GET /api/graphs?size=&after=}: the recorded graphs in name order, a page at a time;
 *   <li>{@code GET /api/graphs/{name}}: a graph's root key, figures and the storage's statistics;
 *   <li>{@code DELETE /api/graphs/{name}}: deletes a graph (its nodes go at the next collection);
 *   <li>{@code GET /api/graphs/{name}/nodes/{path}}: one node, paged in on the way.
 * </ul>
 */
@RestController
@RequestMapping("/api/graphs")
public class GraphController {

    /** Largest graph the API generates, to keep a typo from exhausting the heap. */
    static final int MAX_NODES = 5_000_000;

    /** Most graphs one listing returns. */
    static final int MAX_PAGE_SIZE = 100;

    private final GraphService graphs;

    private final PagableStorage storage;

    /**
     * Creates the controller.
     *
     * @param graphs the graph service
     * @param storage the storage, for its statistics
     */
    public GraphController(GraphService graphs, PagableStorage storage) {
        this.graphs = graphs;
        this.storage = storage;
    }

    /**
     * Generates a registry, saves it, pages it out and records it.
     *
     * @param name the graph's name; {@code registry-<n>} when absent
     * @param nodes how many nodes to generate
     * @param seed the random seed: the same seed and size give the same graph, and the same root key
     *     for the same name
     * @return the recorded graph, with its timings and heap figures
     */
    @PostMapping
    public ResponseEntity<GraphView> generate(
            @RequestParam(required = false) @Nullable String name,
            @RequestParam(defaultValue = "100000") int nodes,
            @RequestParam(defaultValue = "42") long seed) {
        if (nodes < RegistryGenerator.MIN_NODES || nodes > MAX_NODES) {
            throw new IllegalArgumentException("nodes must be between " + RegistryGenerator.MIN_NODES + " and "
                    + MAX_NODES + ", but was " + nodes);
        }
        String graphName = (name != null && !name.isBlank()) ? name : freeName();
        if (!graphName.matches("[A-Za-z0-9._-]{1,100}")) {
            throw new IllegalArgumentException(
                    "name must be 1 to 100 letters, digits, '.', '_' or '-', but was '" + graphName + "'");
        }
        SavedGraph graph = graphs.generate(graphName, seed, nodes);
        return ResponseEntity.created(URI.create("/api/graphs/" + graph.name())).body(GraphView.of(graph));
    }

    /**
     * Lists the recorded graphs in name order, a page at a time (keyset paging on the name).
     *
     * @param size the most graphs to return, 1 to {@value #MAX_PAGE_SIZE}
     * @param after the {@code next} of the previous page; absent for the first
     * @return a page of graphs, and the {@code after} of the next one
     */
    @GetMapping
    public GraphPage list(
            @RequestParam(defaultValue = "20") int size, @RequestParam(required = false) @Nullable String after) {
        if (size < 1 || size > MAX_PAGE_SIZE) {
            throw new IllegalArgumentException("size must be between 1 and " + MAX_PAGE_SIZE + ", but was " + size);
        }
        Window<SavedGraph> window = graphs.list(after, size);
        List<GraphView> content = window.map(GraphView::of).getContent();
        return new GraphPage(
                content, window.hasNext() ? content.get(content.size() - 1).name() : null);
    }

    /**
     * Shows a graph: its root key, its figures, and the storage's statistics.
     *
     * @param name the graph's name
     * @return the graph
     */
    @GetMapping("/{name}")
    public GraphDetails graph(@PathVariable String name) {
        SavedGraph graph = find(name);
        Registry registry = graphs.registry(graph);
        return new GraphDetails(
                GraphView.of(graph), registry.packages().size(), HeapFigures.usedNow(), storage.stats());
    }

    /**
     * Shows one node of a graph, paging in the arcs on its path.
     *
     * @param name the graph's name
     * @param path the node's path, see {@link RegistryPaths}
     * @return the node
     */
    @GetMapping("/{name}/nodes/{*path}")
    public NodeView node(@PathVariable String name, @PathVariable String path) {
        NodeView node = RegistryPaths.resolve(graphs.registry(find(name)), path);
        if (node == null) {
            throw new ResponseStatusException(
                    HttpStatus.NOT_FOUND, "Graph '" + name + "' has no node at '" + path + "'");
        }
        return node;
    }

    /**
     * Deletes a graph: its name at once, its nodes at the next garbage collection.
     *
     * @param name the graph's name
     * @return 204, or 404 if no graph has the name
     */
    @DeleteMapping("/{name}")
    public ResponseEntity<Void> delete(@PathVariable String name) {
        if (!graphs.delete(name)) {
            throw notFound(name);
        }
        return ResponseEntity.noContent().build();
    }

    @ExceptionHandler
    ProblemDetail graphExists(GraphExistsException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, ex.getMessage());
    }

    @ExceptionHandler
    ProblemDetail badArgument(IllegalArgumentException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, ex.getMessage());
    }

    private SavedGraph find(String name) {
        return graphs.find(name).orElseThrow(() -> notFound(name));
    }

    private static ResponseStatusException notFound(String name) {
        return new ResponseStatusException(HttpStatus.NOT_FOUND, "No graph named '" + name + "'");
    }

    private String freeName() {
        for (int n = 1; ; n++) {
            String candidate = "registry-" + n;
            if (graphs.find(candidate).isEmpty()) {
                return candidate;
            }
        }
    }
}
